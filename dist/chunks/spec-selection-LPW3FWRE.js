import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{SpecSelectionError,resolveSpecFiles}from"./chunk-3N4BXPA5.js";import"./chunk-XRT4W32U.js";import"./chunk-FIJWFL23.js";import"./chunk-E6SLBUYI.js";import"./chunk-FEUMBPTT.js";export{SpecSelectionError,resolveSpecFiles};
