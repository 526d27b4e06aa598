import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-GDBPJ5BL.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-NTTJS2YN.js";import"./chunk-LXWZLW3Z.js";import"./chunk-AOX22LHR.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
