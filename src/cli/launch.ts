#!/usr/bin/env node
// The `implement-spec` command (dist/cli/index.js), built as CommonJS. `validate` and `plan` run from the fast
// bundle (dist/chunks/fast-cli.cjs: these two commands and nothing else, no package) through a V8 code cache kept
// between runs (code-cache.ts): a pre-commit hook or an editor checking one spec pays for Node's start and
// little more. Every other command, and any `validate` or `plan` the fast bundle declines (fast-path.ts), runs
// in the full CLI (dist/chunks/cli.js, ESM, shared with the action). The fast bundle's output is held until it
// has finished, so a declined run prints nothing twice.
import { join } from 'node:path';
import { cacheDirectory } from './cache-dir.js';
import { cacheFileName, loadCachedScript } from './code-cache.js';
import { type CliIo, processIo } from './io.js';

/** The fast bundle's build id (a hash of its bytes), set by scripts/build.mjs. */
declare const FAST_CLI_ID: string;

const FAST_COMMANDS = new Set(['validate', 'plan']);
/** Relative to this file in dist/; a variable, so neither TypeScript nor esbuild looks for it in src/. */
const FULL_CLI = '../chunks/cli.js';
const FAST_CLI = join(__dirname, '..', 'chunks', 'fast-cli.cjs');

interface FastCli {
  runCli(argv: string[], io: CliIo): Promise<number>;
  fastPathState: { declined: string | undefined; wholePath: boolean };
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command !== undefined && FAST_COMMANDS.has(command)) {
    const code = await runFast(argv, command);
    if (code !== undefined) return code;
  }
  const full = (await import(FULL_CLI)) as { main(argv: string[]): Promise<number> };
  return full.main(argv);
}

/** The command's exit code, or undefined when the fast bundle declined it (nothing was printed then). */
async function runFast(argv: string[], command: string): Promise<number | undefined> {
  const dir = cacheDirectory(process.env);
  const cachePath =
    dir === undefined ? undefined : join(dir, cacheFileName(FAST_CLI_ID, command, process.env));
  const script = loadCachedScript(FAST_CLI, cachePath, require);
  const fast = script.exports as unknown as FastCli;
  const { io, flush } = heldIo(processIo());
  const code = await fast.runCli(argv, io);
  if (fast.fastPathState.declined !== undefined) return undefined;
  flush();
  if (fast.fastPathState.wholePath) script.saveCache();
  return code;
}

/** An io whose lines are kept, in order, until flush() writes them. */
function heldIo(real: CliIo): { io: CliIo; flush(): void } {
  const lines: { err: boolean; line: string }[] = [];
  return {
    io: {
      ...real,
      stdout: (line) => lines.push({ err: false, line }),
      stderr: (line) => lines.push({ err: true, line }),
    },
    flush() {
      for (const { err, line } of lines) (err ? real.stderr : real.stdout)(line);
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`implement-spec: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
