#!/usr/bin/env node
// Local entry: `implement-spec <command> …`. Reads argv, runs the command, sets the exit code.
import { processIo } from './cli/io.js';
import { runCli } from './cli/run-cli.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`implement-spec: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
