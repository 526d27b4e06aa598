import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-UKYF5VYQ.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-W57FYXRD.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
