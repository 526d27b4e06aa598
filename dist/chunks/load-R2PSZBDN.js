import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{SpecReadError,loadSpec}from"./chunk-MS74AN4K.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{SpecReadError,loadSpec};
