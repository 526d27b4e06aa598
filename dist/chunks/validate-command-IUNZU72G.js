import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-UQRE3UBS.js";import"./chunk-BEK2MWDK.js";import"./chunk-XRT4W32U.js";import"./chunk-CDAVFJSN.js";import"./chunk-URLNRTDW.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
