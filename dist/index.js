import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
import module from"node:module";module.enableCompileCache?.();var{run}=await import("./chunks/main-FX37UHZ7.js");await run();
