import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-7YNQXP4W.js";import"./chunk-DI522UT7.js";import"./chunk-AVA7VJR2.js";import"./chunk-QMVMPZBZ.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
