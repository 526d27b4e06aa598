// Runs the committed bundle dist/index.js exactly as the Actions runner does: INPUT_* variables,
// GITHUB_EVENT_PATH with a real-shaped payload, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and a
// checkout whose origin is a real bare repository. Fakes for GitHub and Anthropic listen on 127.0.0.1.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js');
export const CLI_ENTRY = join(REPO_ROOT, 'dist', 'cli', 'index.js');

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export interface Repo {
  root: string;
  /** The bare repository: the checkout's `origin`. */
  origin: string;
  /** The checkout (GITHUB_WORKSPACE). */
  work: string;
  /** The checkout's HEAD sha. */
  head(): string;
  /** Commit all files in the checkout and push main; returns the sha. */
  commitAndPush(message: string, branch?: string): string;
  /** Files of a branch in origin, as `git ls-tree` sees them. */
  originFiles(branch: string): string[];
  originShow(ref: string, path: string): string;
  originLog(branch: string, format?: string): string;
  cleanup(): void;
}

/** A bare origin with `main` holding `files`, and a checkout of it (as actions/checkout leaves it). */
export function createRepo(files: Record<string, string>): Repo {
  const root = mkdtempSync(join(tmpdir(), 'implement-spec-e2e-'));
  const origin = join(root, 'origin.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', origin);
  writeFiles(work, files);
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', 'Initial commit');
  git(work, 'push', '--quiet', 'origin', 'main');
  return {
    root,
    origin,
    work,
    head: () => git(work, 'rev-parse', 'HEAD').trim(),
    commitAndPush(message, branch = 'main') {
      git(work, 'add', '--all');
      git(work, 'commit', '--quiet', '-m', message);
      git(work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
      return git(work, 'rev-parse', 'HEAD').trim();
    },
    originFiles: (branch) =>
      git(origin, 'ls-tree', '-r', '--name-only', branch).trim().split('\n').filter(Boolean),
    originShow: (ref, path) => git(origin, 'show', `${ref}:${path}`),
    originLog: (branch, format = '%H %s') => git(origin, 'log', `--format=${format}`, branch),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function exampleSpec(name: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', 'specs', name), 'utf8');
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error …::message` style workflow commands found in stdout. */
  commands: { command: string; props: Record<string, string>; message: string }[];
  /** RUNNER_TEMP as it was when the action exited (path relative to RUNNER_TEMP → content), read before cleanup. */
  runnerTemp: { dir: string; files: Record<string, string> };
}

function readTree(root: string, dir = root, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) readTree(root, full, out);
    else if (entry.isFile()) out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++]!);
      out[name!] = value.join('\n');
    } else if (lines[i]!.includes('=')) {
      const [name, ...rest] = lines[i]!.split('=');
      out[name!] = rest.join('=');
    }
  }
  return out;
}

function parseCommands(stdout: string): ActionRun['commands'] {
  const commands: ActionRun['commands'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const [k, ...v] = kv.split('=');
      props[k!] = v.join('=');
    }
    commands.push({ command: m[1]!, props, message: m[3]! });
  }
  return commands;
}

export interface RunActionOptions {
  workspace: string;
  inputs?: Record<string, string>;
  eventName?: string;
  event?: unknown;
  githubApiUrl?: string;
  anthropicBaseUrl?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with the child process once it started (e.g. to send it a signal mid-run). */
  onStart?: (child: ChildProcess) => void;
}

/** The files the runner gives a step: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP, in one temp dir. */
function runnerFilesIn(tmp: string) {
  const files = {
    output: join(tmp, 'output'),
    summary: join(tmp, 'summary'),
    runnerTemp: join(tmp, 'runner-temp'),
  };
  mkdirSync(files.runnerTemp);
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  return files;
}

/** The environment the runner gives the action: runner variables, the event file, INPUT_* for every input. */
function runnerEnv(opts: RunActionOptions, tmp: string, files: ReturnType<typeof runnerFilesIn>) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    ...GIT_ENV,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: 'octo-org/shop',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.runnerTemp,
    // The fakes answer at once: retries and CI polls wait milliseconds (the documented `retry-timing` input).
    'INPUT_RETRY-TIMING': 'fast',
    ...(opts.githubApiUrl ? { GITHUB_API_URL: opts.githubApiUrl } : {}),
    ...(opts.anthropicBaseUrl ? { ANTHROPIC_BASE_URL: opts.anthropicBaseUrl } : {}),
    ...(opts.env ?? {}),
  };
  if (opts.eventName) {
    env.GITHUB_EVENT_NAME = opts.eventName;
    const eventPath = join(tmp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(opts.event ?? {}));
    env.GITHUB_EVENT_PATH = eventPath;
  }
  for (const [name, value] of Object.entries(opts.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** Waits for the child to exit, collecting its output; kills it and fails after `timeoutMs`. */
async function outputOf(child: ChildProcess, timeoutMs: number) {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`action timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolveExit(c);
    });
  });
  return { code, stdout, stderr };
}

/** Spawns `node dist/index.js` asynchronously (so in-process fake servers keep answering). */
export async function runActionBundle(opts: RunActionOptions): Promise<ActionRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'implement-spec-runner-'));
  const files = runnerFilesIn(tmp);
  const child = spawn(process.execPath, [ACTION_ENTRY], {
    cwd: opts.workspace,
    env: runnerEnv(opts, tmp, files),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  opts.onStart?.(child);
  const { code, stdout, stderr } = await outputOf(child, opts.timeoutMs ?? 60_000);
  const result: ActionRun = {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands: parseCommands(stdout),
    runnerTemp: { dir: files.runnerTemp, files: readTree(files.runnerTemp) },
  };
  rmSync(tmp, { recursive: true, force: true });
  return result;
}

/** A copy of an event fixture with fields replaced (e.g. real shas of the test repository). */
export function eventFixture(
  name: string,
  patch: (e: Record<string, unknown>) => void = () => {},
): Record<string, unknown> {
  const e = JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'events', `${name}.json`), 'utf8'));
  patch(e);
  return e;
}

export const hasBundle = () => existsSync(ACTION_ENTRY);
export { cpSync };
