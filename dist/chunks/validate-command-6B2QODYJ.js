import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-GL7WBWGA.js";import"./chunk-ZWPDDKO6.js";import"./chunk-GMNYP32A.js";import"./chunk-5LW244GU.js";import"./chunk-3D4ZRIWA.js";import"./chunk-GTHP2LJ3.js";import"./chunk-AOX22LHR.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
