// Runs code the tool does not trust — the test and format commands, which execute what the agents wrote, and
// the checks the agents run — inside bubblewrap. The code gets its own PID namespace (no ancestor's
// /proc/<pid>/environ), no network unless asked, the checkout read-write with .git hidden (no persisted push
// credential, no hooks to plant, no index to stage into), the system and toolchain read-only and nothing else
// of the host, a fresh HOME and TMPDIR, and an environment built from an allow-list. A time limit kills the
// whole sandbox; only the tail of the output is kept.

import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allowListedEnv } from '../core/secret-env.js';
import { type ProcessResult, runProcess } from './process.js';
import { bwrapArgs } from './sandbox-mounts.js';

export interface SandboxRequest {
  /** Program and arguments; never a shell line. */
  argv: readonly string[];
  /** The checkout: bound read-write (its .git hidden) and the working directory. */
  cwd: string;
  /** Names of host variables passed in addition to the allow-list (never the action's own credentials). */
  passEnv?: readonly string[];
  /** Variables set for the command on top of the allow-listed ones (e.g. a command line's `NAME=value`). */
  setEnv?: Readonly<Record<string, string>>;
  /** Kills the whole sandbox after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Characters of output kept, from the end (default 20,000). */
  maxOutputChars?: number;
  /** Allow network access (default: loopback only, inside the sandbox). */
  network?: boolean;
  /** More host directories to bind read-only. */
  readOnlyPaths?: readonly string[];
  /** Values redacted from the output: defence in depth, the sandbox is the defence. */
  secrets?: readonly string[];
  /** Where allow-listed and passed variables are read from (default process.env). */
  hostEnv?: NodeJS.ProcessEnv;
}

export interface SandboxResult extends ProcessResult {
  argv: string[];
}

export type SandboxAvailability =
  | {
      available: true;
      /** How bwrap is started: `[bwrap]`, or `[sudo, -n, bwrap]` where unprivileged namespaces are blocked. */
      launcher: string[];
      /** Set when bwrap runs as root through sudo: the sandbox maps back to this user. */
      mapUser?: { uid: number; gid: number };
    }
  | { available: false; reason: string };

/** Thrown by runSandboxed when no sandbox can be made; the message says how to enable one. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
  constructor(readonly reason: string) {
    super(`No sandbox is available to run code the agents wrote: ${reason} ${ENABLE_HINT}`);
  }
}

export const ENABLE_HINT =
  'Install bubblewrap in an earlier step (`sudo apt-get install -y bubblewrap`); on Ubuntu 24.04 and later ' +
  '(ubuntu-latest) also allow unprivileged user namespaces (`sudo sysctl -w ' +
  'kernel.apparmor_restrict_unprivileged_userns=0`), or let the tool use password-less sudo, which ' +
  'GitHub-hosted runners have.';

/** `bwrap` on PATH, or the binary IMPLEMENT_SPEC_BWRAP names (an absolute path). */
function findBwrap(env: NodeJS.ProcessEnv): string | null {
  const named = env.IMPLEMENT_SPEC_BWRAP;
  if (named) return path.isAbsolute(named) ? named : null;
  for (const dir of (env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, 'bwrap');
    // Being executable is enough here: the trial run proves it can actually sandbox.
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function trial(availability: SandboxAvailability & { available: true }): Promise<ProcessResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'implement-spec-sandbox-trial-'));
  try {
    return await spawnSandbox({ argv: ['true'], cwd: dir, timeoutMs: 15_000 }, availability);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let cached: Promise<SandboxAvailability> | undefined;

/**
 * Whether commands can be sandboxed here, decided once per process by a trial run: bwrap directly, else (not
 * root, namespaces blocked) bwrap through password-less sudo. The reason says what failed.
 */
export function detectSandbox(env: NodeJS.ProcessEnv = process.env): Promise<SandboxAvailability> {
  if (env !== process.env) return probe(env);
  cached ??= probe(env);
  return cached;
}

async function probe(env: NodeJS.ProcessEnv): Promise<SandboxAvailability> {
  if (process.platform !== 'linux') {
    return { available: false, reason: `bubblewrap needs Linux (this is ${process.platform}).` };
  }
  const bwrap = findBwrap(env);
  if (!bwrap) return { available: false, reason: 'bubblewrap (`bwrap`) is not installed.' };
  const direct: SandboxAvailability & { available: true } = { available: true, launcher: [bwrap] };
  const first = await trial(direct);
  if (first.exitCode === 0) return direct;
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    const viaSudo: SandboxAvailability & { available: true } = {
      available: true,
      launcher: ['sudo', '-n', bwrap],
      mapUser: { uid, gid: process.getgid?.() ?? uid },
    };
    if ((await trial(viaSudo)).exitCode === 0) return viaSudo;
  }
  const why = first.output.trim().split('\n').slice(-2).join(' ') || `exit code ${first.exitCode}`;
  return { available: false, reason: `bubblewrap is installed but cannot create a sandbox here (${why}).` };
}

async function spawnSandbox(
  req: SandboxRequest,
  availability: SandboxAvailability & { available: true },
): Promise<SandboxResult> {
  const hostEnv = req.hostEnv ?? process.env;
  const env = { ...allowListedEnv(hostEnv, req.passEnv ?? []), ...(req.setEnv ?? {}) };
  const mounts = bwrapArgs({
    cwd: req.cwd,
    env,
    network: req.network ?? false,
    hostEnv,
    ...(req.readOnlyPaths ? { readOnlyPaths: req.readOnlyPaths } : {}),
    ...(availability.mapUser ? { mapUser: availability.mapUser } : {}),
  });
  const [launcher, ...launcherArgs] = availability.launcher as [string, ...string[]];
  const result = await runProcess({
    program: launcher,
    args: [...launcherArgs, ...mounts, '--', ...req.argv],
    cwd: req.cwd,
    // bwrap itself needs nothing; the sandbox's environment is set with --setenv after --clearenv.
    env: { PATH: env.PATH ?? '/usr/bin:/bin' },
    displayName: req.argv[0] ?? 'command',
    ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
    ...(req.maxOutputChars !== undefined ? { maxOutputChars: req.maxOutputChars } : {}),
    ...(req.secrets ? { secrets: req.secrets } : {}),
  });
  return { ...explainStartFailure(result, req.argv[0] ?? ''), argv: [...req.argv] };
}

/**
 * bwrap reports a program it cannot start as `bwrap: execvp <name>: <reason>` with exit code 1; that is the
 * same case as an unsandboxed spawn failure (exit code null, a note saying what to do), not a failing test.
 */
function explainStartFailure(result: ProcessResult, program: string): ProcessResult {
  const m = /^bwrap: execvp [^\n]*: ([^\n]*)\n?$/.exec(result.output);
  if (result.exitCode !== 1 || !m) return result;
  const why = /No such file/.test(m[1]!)
    ? 'it was not found on PATH inside the sandbox (the system directories, the toolchain on PATH and the ' +
      'checkout are visible there). Install it in an earlier workflow step, or use the command that runs it ' +
      `(e.g. \`npx ${program}\`)`
    : m[1]!;
  return { ...result, exitCode: null, output: `[implement-spec: could not start \`${program}\`: ${why}.]\n` };
}

/**
 * Runs `argv` in a sandbox (see the top of this file). Throws SandboxUnavailableError when there is none;
 * otherwise never throws: a failing, missing or timed-out program is in the result.
 */
export async function runSandboxed(
  req: SandboxRequest,
  availability?: SandboxAvailability,
): Promise<SandboxResult> {
  if (req.argv.length === 0) throw new Error('runSandboxed: argv is empty; name the program to run');
  const found = availability ?? (await detectSandbox());
  if (!found.available) throw new SandboxUnavailableError(found.reason);
  return await spawnSandbox(req, found);
}
