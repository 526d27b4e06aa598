import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-DVYZRED6.js";import"./chunk-WRYXMK6D.js";import"./chunk-F3IHNNHU.js";import"./chunk-FOKQXBBY.js";import"./chunk-E2BCMUPV.js";import"./chunk-AOX22LHR.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
