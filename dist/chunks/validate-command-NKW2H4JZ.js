import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-PBE5BWBO.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-XEA3L7GY.js";import"./chunk-5UYZA2WC.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
