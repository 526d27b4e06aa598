import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-UKR2UTF5.js";import"./chunk-WRYXMK6D.js";import"./chunk-F3IHNNHU.js";import"./chunk-FOKQXBBY.js";import"./chunk-K3VWZ6D7.js";import"./chunk-X7VBZ47Y.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
