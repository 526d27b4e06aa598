import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{PLAN_OPTIONS,parseAgents,parseMode,parseModel,parsePositive,parseRoleModelsFlag,planCommand,planOptionsFrom,printPlan}from"./chunk-YIVSVGXY.js";import"./chunk-7NNM5JPY.js";import"./chunk-ZWPDDKO6.js";import"./chunk-LMB3O4NT.js";import"./chunk-BEK2MWDK.js";import"./chunk-W57FYXRD.js";import"./chunk-FEUMBPTT.js";export{PLAN_OPTIONS,parseAgents,parseMode,parseModel,parsePositive,parseRoleModelsFlag,planCommand,planOptionsFrom,printPlan};
