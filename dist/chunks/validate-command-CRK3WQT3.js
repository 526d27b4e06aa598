import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-3UKDE6UP.js";import"./chunk-WRYXMK6D.js";import"./chunk-F3IHNNHU.js";import"./chunk-FOKQXBBY.js";import"./chunk-4VGGJEAR.js";import"./chunk-3JX4SGER.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
