import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-KPR5PZGF.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-QPPCLLSC.js";import"./chunk-F7Z7CRLB.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
