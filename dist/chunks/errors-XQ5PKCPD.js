import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{PlanError}from"./chunk-JTPZOQXB.js";import"./chunk-FEUMBPTT.js";export{PlanError};
