// The full CLI (dist/chunks/cli.js): every command. The `implement-spec` launcher (cli/launch.ts) loads it for
// `run`, help and version, and for a `validate` or `plan` the fast bundle declines.
import module from 'node:module';
import { processIo } from './cli/io.js';
import { runCli } from './cli/run-cli.js';

/** Runs one command line; the exit code. */
export function main(argv: string[]): Promise<number> {
  // Node 22.1+ can keep this ESM code compiled between runs; on Node 20 the function does not exist and nothing
  // changes. (`validate` and `plan` have their own cache, which works on Node 20: see cli/code-cache.ts.)
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  return runCli(argv, processIo());
}
