import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-2OR2DC7H.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-GMJ23O42.js";import"./chunk-EIBAI5PR.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
