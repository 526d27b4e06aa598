#!/usr/bin/env node
// Local entry: `implement-spec <command> …`. Reads argv, runs the command, sets the exit code.
import module from 'node:module';
import { processIo } from './cli/io.js';
import { runCli } from './cli/run-cli.js';

// Node 22.1+ can keep compiled code between runs (start-up is most of a one-spec validate); on Node 20 the
// function does not exist and nothing changes. Not measured here: these machines run Node 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`implement-spec: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
