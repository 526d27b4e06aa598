import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-KNKGTVMQ.js";import"./chunk-LMOFSU4W.js";import"./chunk-AVA7VJR2.js";import"./chunk-3JX4SGER.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
