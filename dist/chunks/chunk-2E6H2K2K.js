import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
var CHECK_NAME_PATTERN=/^[a-z][a-z0-9_-]{0,39}$/;export{CHECK_NAME_PATTERN};
