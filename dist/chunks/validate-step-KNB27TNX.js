import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-MT3JW2VL.js";import"./chunk-JC2G5DEC.js";import"./chunk-AVA7VJR2.js";import"./chunk-DTIJJN6G.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
