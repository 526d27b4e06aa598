import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-WCKLFXCC.js";import"./chunk-5PUMJR7U.js";import"./chunk-AVA7VJR2.js";import"./chunk-W5OA45Q7.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
