import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown}from"./chunk-RAYF54K7.js";import"./chunk-CDAVFJSN.js";import"./chunk-E6SLBUYI.js";import"./chunk-URLNRTDW.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{annotate,notReadyFailure,notReadyMessage,reportValidation,specsOutput,validateAll,validationSummaryMarkdown};
