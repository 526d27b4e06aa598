// Action entry (action.yml runs the bundle of this file, dist/index.js). All the work is in main.ts, which
// exports run() and does nothing at import time. It is imported dynamically so that, on Node 22.1+ (the runner
// uses 24), the compile cache is on before the bulk of the code is compiled; on Node 20 the call does not exist.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { run } = await import('./main.js');
await run();
