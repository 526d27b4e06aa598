import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{formatFinding,formatVerdict,validateCommand}from"./chunk-7ENOYYSI.js";import"./chunk-ZWPDDKO6.js";import"./chunk-BEK2MWDK.js";import"./chunk-46IC2LEC.js";import"./chunk-7QZ5LVAW.js";import"./chunk-MI5WLIBZ.js";import"./chunk-FEUMBPTT.js";export{formatFinding,formatVerdict,validateCommand};
