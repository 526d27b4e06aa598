// The bubblewrap command line for one sandboxed command: which host directories the code may see (the system
// and toolchain, read-only; the checkout, read-write, with its .git hidden), which namespaces it gets (all of
// them; the network only when asked), and its whole environment. Pure: reads the file system to see what
// exists, runs nothing.

import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

/** Where the sandbox's fresh, empty home and temp directories live (both on a tmpfs that dies with it). */
export const SANDBOX_TMP = '/tmp';
export const SANDBOX_HOME = '/tmp/home';

/** System and toolchain directories bound read-only when they exist (`/bin` & co. are often symlinks). */
const SYSTEM_PATHS = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/opt/hostedtoolcache',
];

/** Host places a bind must never expose, even when PATH or the user names something inside them. */
const NEVER_BOUND = ['/proc', '/sys', '/dev', '/run', '/root', '/boot', '/var/run'];

export interface MountRequest {
  /** The checkout: bound read-write at the same path, and the command's working directory. */
  cwd: string;
  /** The command's whole environment (already allow-listed); HOME and TMPDIR are set here. */
  env: Record<string, string>;
  network: boolean;
  /** More host directories to bind read-only (e.g. a tool cache the workflow set up). */
  readOnlyPaths?: readonly string[];
  /** Host variables consulted to keep the runner's own places out (RUNNER_TEMP, HOME). */
  hostEnv?: NodeJS.ProcessEnv;
  /** Run the sandbox as this uid/gid in a user namespace (used when bwrap runs through sudo). */
  mapUser?: { uid: number; gid: number };
}

function isWithin(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Places whose whole subtree stays out of the sandbox: the runner's temp directory (event payload, step files,
 * files actions write there), the runner's workspace directory (other checkouts) and our own temp directory.
 */
function sealedPlaces(hostEnv: NodeJS.ProcessEnv): string[] {
  const places = [hostEnv.RUNNER_TEMP, hostEnv.RUNNER_WORKSPACE, tmpdir()];
  return places.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p));
}

/** Where credentials live in a home directory (tool bin/ directories next to them may be bound). */
const HOME_SECRETS = ['.ssh', '.config', '.docker', '.aws', '.azure', '.gnupg', '.kube', '.npm', 'work'];

/** Whether binding `dir` read-only could expose the checkout's .git or a private place of the runner. */
function safeToBind(dir: string, cwd: string, hostEnv: NodeJS.ProcessEnv): boolean {
  if (!path.isAbsolute(dir) || dir === '/') return false;
  if (isWithin(cwd, dir) || isWithin(dir, cwd)) return false;
  if (NEVER_BOUND.some((p) => isWithin(dir, p))) return false;
  if (sealedPlaces(hostEnv).some((p) => isWithin(p, dir) || isWithin(dir, p))) return false;
  // A home directory holds ~/.git-credentials, ~/.npmrc, …: never the home itself, nor its credential dirs.
  for (const home of [homedir(), hostEnv.HOME]) {
    if (!home || !path.isAbsolute(home)) continue;
    if (isWithin(home, dir)) return false;
    if (HOME_SECRETS.some((s) => isWithin(dir, path.join(home, s)))) return false;
  }
  return true;
}

/** The Node installation running us (its bin/ is on PATH in most setups), e.g. /opt/hostedtoolcache/node/X/x64. */
function nodeInstallDir(): string {
  return path.dirname(path.dirname(process.execPath));
}

/** Host directories to bind read-only, parents before children, nested duplicates dropped. */
export function readOnlyDirs(req: MountRequest): string[] {
  const hostEnv = req.hostEnv ?? process.env;
  const cwd = path.resolve(req.cwd);
  const trusted = new Set([...SYSTEM_PATHS, nodeInstallDir()]);
  const pathDirs = (req.env.PATH ?? '').split(':').filter((d) => d.length > 0);
  const wanted = [...SYSTEM_PATHS, nodeInstallDir(), ...pathDirs, ...(req.readOnlyPaths ?? [])];
  const chosen: string[] = [];
  for (const raw of wanted.map((d) => path.resolve(d)).sort((a, b) => a.length - b.length)) {
    if (!existsSync(raw)) continue;
    if (chosen.some((c) => isWithin(raw, c))) continue;
    // System paths and our own Node are trusted by name, unless they hold the checkout; others must keep
    // clear of the checkout and the runner's own places.
    const ok = trusted.has(raw) ? !isWithin(cwd, raw) && raw !== '/' : safeToBind(raw, cwd, hostEnv);
    if (!ok) continue;
    chosen.push(raw);
  }
  return chosen;
}

function bindArgs(dir: string): string[] {
  const stat = lstatSync(dir);
  // `/bin -> usr/bin` on merged-/usr systems: recreate the link instead of binding its target twice.
  if (stat.isSymbolicLink() && !path.isAbsolute(readlinkSync(dir))) {
    return ['--symlink', readlinkSync(dir), dir];
  }
  return ['--ro-bind', dir, dir];
}

/** Mounts that hide the checkout's .git (a directory, or the file a worktree or submodule has instead). */
function hideGitArgs(cwd: string): string[] {
  const dotGit = path.join(cwd, '.git');
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(dotGit);
  } catch {
    return [];
  }
  if (stat.isDirectory()) return ['--tmpfs', dotGit, '--remount-ro', dotGit];
  if (stat.isSymbolicLink()) {
    // A .git link to a directory inside the checkout would expose it under its real name: hide that too.
    const target = realpathSync(dotGit);
    return isWithin(target, cwd) ? ['--tmpfs', target, '--remount-ro', target] : [];
  }
  return ['--ro-bind', '/dev/null', dotGit];
}

/** The resolver configuration, which on systemd hosts is a link into /run (only bound with the network). */
function resolverArgs(): string[] {
  const dir = '/run/systemd/resolve';
  return existsSync(dir) ? ['--ro-bind', dir, dir] : [];
}

/** bwrap's arguments up to (not including) the `--` before the command. */
export function bwrapArgs(req: MountRequest): string[] {
  const cwd = path.resolve(req.cwd);
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  if (req.network) args.push('--share-net');
  if (req.mapUser) {
    args.push('--unshare-user', '--uid', String(req.mapUser.uid), '--gid', String(req.mapUser.gid));
  }
  for (const dir of readOnlyDirs({ ...req, cwd })) args.push(...bindArgs(dir));
  if (req.network) args.push(...resolverArgs());
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', SANDBOX_TMP, '--dir', SANDBOX_HOME);
  args.push('--bind', cwd, cwd, ...hideGitArgs(cwd), '--chdir', cwd);
  args.push('--clearenv');
  const env = { ...req.env, HOME: SANDBOX_HOME, TMPDIR: SANDBOX_TMP };
  for (const [key, value] of Object.entries(env)) args.push('--setenv', key, value);
  return args;
}
