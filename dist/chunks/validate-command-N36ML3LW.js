import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-4BKZF2WS.js";import"./chunk-WRYXMK6D.js";import"./chunk-F3IHNNHU.js";import"./chunk-FOKQXBBY.js";import"./chunk-LMOFSU4W.js";import"./chunk-3JX4SGER.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
