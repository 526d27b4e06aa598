import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{readFileSync}from"node:fs";function version(){return"1.0.0"}export{version};
