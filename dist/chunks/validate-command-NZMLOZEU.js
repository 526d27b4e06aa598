import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-PRL7OK4E.js";import"./chunk-WRYXMK6D.js";import"./chunk-F3IHNNHU.js";import"./chunk-FOKQXBBY.js";import"./chunk-5PUMJR7U.js";import"./chunk-W5OA45Q7.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
