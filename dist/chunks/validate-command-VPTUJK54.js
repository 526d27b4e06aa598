import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-7QWTZ3BP.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-UA435JYM.js";import"./chunk-AHOQXMID.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
