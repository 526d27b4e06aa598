// In-process CLI runs (a captured io), runs of a bundle as a process, and a scratch working directory holding
// copies of the example specs.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const EXAMPLES = join(REPO_ROOT, 'examples', 'specs');

export const READY_EXAMPLES = [
  'checkout-discount-codes.md',
  'dark-mode-toggle.md',
  'password-reset.md',
  'product-price-filter.md',
];
export const NOT_READY_EXAMPLES = ['audit-log-viewer.md', 'csv-export.md'];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  tty?: boolean;
}

export async function cli(argv: string[], opts: RunOptions): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: opts.cwd,
    // Never the real environment: a developer's NO_COLOR or ANTHROPIC_API_KEY must not change the result.
    env: opts.env ?? {},
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    stdoutStream: { isTTY: opts.tty ?? false },
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export interface Spawned {
  /** The exit code; null when the process was killed (a timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node <args>` as a process, the way a user runs a bundle: a bare environment (PATH and `env` only, so no API
 * key or colour setting of the developer's shell gets in), in the examples folder unless `cwd` says otherwise.
 */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}, cwd = EXAMPLES): Promise<Spawned> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { PATH: process.env.PATH ?? '/usr/bin', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A temp dir with the examples copied to `specs/`; call the returned cleanup in afterAll. */
export function scratchWithExamples(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'implement-spec-cli-'));
  cpSync(EXAMPLES, join(dir, 'specs'), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ANSI = /\u001b\[\d+m/;
