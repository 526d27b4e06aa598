import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-5TALQPGC.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-DI522UT7.js";import"./chunk-QMVMPZBZ.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
