import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-3CEO3EPW.js";import"./chunk-WRYXMK6D.js";import"./chunk-XV6N23AF.js";import"./chunk-FOKQXBBY.js";import"./chunk-E2BCMUPV.js";import"./chunk-AOX22LHR.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
