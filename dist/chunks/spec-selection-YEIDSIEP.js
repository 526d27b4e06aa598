import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{SpecSelectionError,resolveSpecFiles}from"./chunk-GKMVST7Q.js";import"./chunk-46IC2LEC.js";import"./chunk-FIJWFL23.js";import"./chunk-N4AS3QRD.js";import"./chunk-AVA7VJR2.js";import"./chunk-FEUMBPTT.js";export{SpecSelectionError,resolveSpecFiles};
