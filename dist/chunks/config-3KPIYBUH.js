import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import{DEFAULT_ROLE_ALLOW,ROLE_CONFIG_ALT_PATH,ROLE_CONFIG_PATH,RoleConfigError,globProblem,loadRoleConfig,parseRoleConfig}from"./chunk-5XT3DGFC.js";import"./chunk-QFGOUIUE.js";import"./chunk-PQIZUBIW.js";import"./chunk-DGBCLZU6.js";import"./chunk-FEUMBPTT.js";export{DEFAULT_ROLE_ALLOW,ROLE_CONFIG_ALT_PATH,ROLE_CONFIG_PATH,RoleConfigError,globProblem,loadRoleConfig,parseRoleConfig};
