// Entry of the fast CLI bundle (dist/chunks/fast-cli.cjs): the same dispatcher as the full CLI, built as one
// script without packages so that the launcher can run it from a V8 code cache (see launch.ts).
export { fastPathState } from './fast-path.js';
export { runCli } from './run-cli.js';
