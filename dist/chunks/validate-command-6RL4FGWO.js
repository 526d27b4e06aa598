import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-6KEKH4QX.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-I2ELLNHD.js";import"./chunk-L7OV7XKS.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
