import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{child_process,crypto,fs,os,path,stream,util}from"./chunk-AKYJPFJA.js";import"./chunk-FEUMBPTT.js";export{child_process,crypto,fs,os,path,stream,util};
