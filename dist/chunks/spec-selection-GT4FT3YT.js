import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{SpecSelectionError,resolveSpecFiles}from"./chunk-SFA4MQ3C.js";import"./chunk-FOKQXBBY.js";import"./chunk-FIJWFL23.js";import"./chunk-N4AS3QRD.js";import"./chunk-AVA7VJR2.js";import"./chunk-FEUMBPTT.js";export{SpecSelectionError,resolveSpecFiles};
