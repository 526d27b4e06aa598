import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-PAR3E5HS.js";import"./chunk-IO56XR45.js";import"./chunk-4EMK4RHS.js";import"./chunk-MS74AN4K.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
