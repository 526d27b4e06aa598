import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{version}from"./chunk-2Q7UOUV4.js";import"./chunk-FEUMBPTT.js";export{version};
