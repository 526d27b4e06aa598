import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-4J3JKRHQ.js";import"./chunk-RTQHBZTC.js";import"./chunk-B3PYOHJW.js";import"./chunk-URLNRTDW.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
