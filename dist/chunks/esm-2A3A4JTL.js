import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{GLOBSTAR,Minimatch,braceExpand,defaults,escape,filter,match,minimatch,sep,unescape}from"./chunk-N4AS3QRD.js";import"./chunk-FEUMBPTT.js";export{GLOBSTAR,Minimatch,braceExpand,defaults,escape,filter,match,minimatch,sep,unescape};
