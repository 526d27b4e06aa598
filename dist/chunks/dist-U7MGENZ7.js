import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{require_dist}from"./chunk-RL5ON7VC.js";import"./chunk-FEUMBPTT.js";export default require_dist();
