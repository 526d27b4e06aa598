import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-V4RJUNVP.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-JC2G5DEC.js";import"./chunk-DTIJJN6G.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
