import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
var PlanError=class extends Error{constructor(message,taskIds=[]){super(message);this.taskIds=taskIds;this.name="PlanError"}taskIds};export{PlanError};
