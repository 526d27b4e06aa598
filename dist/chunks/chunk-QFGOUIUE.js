import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
var BUILTIN_ROLES=["database","backend","frontend","integration","test"],REPO_ROLES_DIR=".github/implement-spec/agents",ROLE_NAME_PATTERN=/^[a-z][a-z0-9-]{0,30}$/,AUXILIARY_ROLES=["review","fix"];export{BUILTIN_ROLES,REPO_ROLES_DIR,ROLE_NAME_PATTERN,AUXILIARY_ROLES};
