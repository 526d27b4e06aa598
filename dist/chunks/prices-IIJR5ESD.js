import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{DEFAULT_MODEL,END_OF_LIFE,PRICES,PRICES_SOURCE,UnknownModelError,costOf,costWithoutCache,endOfLifeWarning,priceOf}from"./chunk-PQIZUBIW.js";import"./chunk-FEUMBPTT.js";export{DEFAULT_MODEL,END_OF_LIFE,PRICES,PRICES_SOURCE,UnknownModelError,costOf,costWithoutCache,endOfLifeWarning,priceOf};
