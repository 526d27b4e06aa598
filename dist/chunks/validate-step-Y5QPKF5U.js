import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-N7S2LAXJ.js";import"./chunk-OXFXCJUK.js";import"./chunk-AVA7VJR2.js";import"./chunk-ZQMLCOQR.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
