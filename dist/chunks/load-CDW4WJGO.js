import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{SpecReadError,loadSpec,specPlaceProblem}from"./chunk-URLNRTDW.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{SpecReadError,loadSpec,specPlaceProblem};
