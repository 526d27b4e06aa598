/**
 * A small Git interface over the git CLI, sealed against the code the run executed.
 *
 * Every call passes an argument array to @actions/exec (which spawns git directly, no shell), so branch names,
 * paths and messages that come from untrusted input are never interpreted. Git runs with an environment that has
 * the action's secrets removed and with every config-driven way of running a program switched off (hooks,
 * Husky's core.hooksPath, fsmonitor, signing programs, ssh commands, credential helpers, external diff), so
 * nothing a test run or an agent left in the repository runs with our credentials. Commits are built from the
 * run's own list of files into a fresh index (never `add -A` of the live tree or its index); the push goes to the
 * URL pinned when the run started, with the token handed over on that one command line only.
 */
import { getExecOutput } from '@actions/exec';
import { withoutSecrets } from '../core/secret-env.js';
import { type SealedCommitResult, sealedCommit } from './sealed-commit.js';

export type { SealedCommitResult } from './sealed-commit.js';

/**
 * `-c` settings given to every git command. Command-line config wins over the repository's, so a hook
 * directory, fsmonitor program, signing program, ssh command, credential helper or external diff that the
 * repository config names (Husky sets core.hooksPath=.husky) is never run.
 */
export const SEALED_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.sshCommand=ssh',
  'core.editor=true',
  'core.pager=cat',
  'credential.helper=',
  'diff.external=',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'protocol.ext.allow=never',
  'submodule.recurse=false',
].flatMap((kv) => ['-c', kv]);

export interface GitIdentity {
  name: string;
  email: string;
}

export interface CommitRequest {
  message: string;
  trailers: Record<string, string>;
  author: GitIdentity;
}

export type PushResult = { ok: true } | { ok: false; rejected: true; stderr: string };

export interface Git {
  readonly cwd: string;
  /** Full SHA of the commit `ref` names; throws when it names none. */
  revParse(ref: string): Promise<string>;
  /** Name of the checked-out branch, or null on a detached HEAD. */
  currentBranch(): Promise<string | null>;
  fetch(remote: string, refspec: string): Promise<void>;
  checkoutNewBranch(name: string, startPoint: string): Promise<void>;
  /** Checks out `commit` on a detached HEAD (the start point several spec branches are made from). */
  checkoutDetached(commit: string): Promise<void>;
  /** Content of `path` in `commit`, or null when the commit has no such file. */
  showFile(commit: string, path: string): Promise<string | null>;
  /** Puts the versions of `paths` from `commit` into the working tree (paths missing there are skipped). */
  restorePaths(commit: string, paths: string[]): Promise<string[]>;
  /** True when the working tree or index differs from HEAD (untracked files count). */
  hasChanges(): Promise<boolean>;
  /**
   * Commits exactly `paths` (the run's write journal: written files as they are on disk, missing ones as
   * deletions) on top of HEAD through a fresh index, moves the current branch (or the detached HEAD) to it
   * and resets the live index to it. Anything else in the working tree or staged in the live index is left
   * out. `sha` is null when the files change nothing.
   */
  commitFiles(request: CommitRequest & { paths: readonly string[] }): Promise<SealedCommitResult>;
  /**
   * Reads `remote`'s URL now and keeps it: every later fetch, push and ls-remote of `remote` goes to this URL,
   * whatever `.git/config` says by then. Call it when the run starts, before any code of the run executes.
   */
  pinRemote(remote: string): Promise<string>;
  pushForceWithLease(remote: string, branch: string, expectedSha: string | null): Promise<PushResult>;
  /** SHA the remote branch points at, or null when it does not exist. */
  remoteBranchSha(remote: string, branch: string): Promise<string | null>;
}

export interface CreateGitOptions {
  /** e.g. `AUTHORIZATION: basic <base64>`; sent with fetch/push/ls-remote only. */
  authHeader?: string;
}

/** process.env minus the action's secrets, plus settings that keep git non-interactive and its output stable. */
export function scrubbedGitEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env = withoutSecrets(base);
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

/** Hides the credential part of any `AUTHORIZATION:` header (and the exact header value) in text for logs. */
export function redactAuth(text: string, authHeader?: string): string {
  let out = text;
  if (authHeader) {
    const secret = authHeader.replace(/^\s*authorization:\s*/i, '');
    if (secret.length > 0) out = out.split(secret).join('***');
  }
  return out.replace(
    /(authorization:\s*)(?:(basic|bearer|token)\s+)?[^\s'"]+/gi,
    (_m, prefix: string, scheme) => (scheme ? `${prefix}${scheme} ***` : `${prefix}***`),
  );
}

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly subcommand: string,
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`git ${subcommand} failed (exit ${exitCode}): ${stderr.trim() || '(no error output)'}`);
  }
}

export interface GitRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Arguments placed before the subcommand, e.g. `-c key=value`. */
  globalArgs?: string[];
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (e.g. `diff --quiet` → 1). */
  okExitCodes?: number[];
  authHeader?: string;
}

/** Runs `git <globalArgs> <args>` with an argument array; throws GitError on an unexpected exit code. */
export async function runGit(cwd: string, args: string[], options: RunOptions = {}): Promise<GitRun> {
  const result = await getExecOutput('git', [...SEALED_CONFIG, ...(options.globalArgs ?? []), ...args], {
    cwd,
    env: options.env ?? scrubbedGitEnv(),
    silent: true,
    ignoreReturnCode: true,
    ...(options.input !== undefined
      ? { input: typeof options.input === 'string' ? Buffer.from(options.input, 'utf8') : options.input }
      : {}),
  });
  const ok = options.okExitCodes ?? [0];
  if (!ok.includes(result.exitCode)) {
    throw new GitError(args[0] ?? '', result.exitCode, redactAuth(result.stderr, options.authHeader));
  }
  return result;
}

/** Parses `Name <email>` as given in the `committer` input. */
export function parseCommitter(value: string): GitIdentity {
  const match = /[\r\n]/.test(value) ? null : /^\s*([^<>]*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  const name = match?.[1] ?? '';
  const email = match?.[2] ?? '';
  if (!match || name.length === 0 || !/^[^@]+@[^@]+$/.test(email)) {
    throw new Error(
      `committer "${value}" is not in the form "Name <email>", e.g. "implement-spec[bot] <bot@example.com>"`,
    );
  }
  return { name, email };
}

/** Why `name` is not a valid branch name under git's check-ref-format rules, or null if it is valid. */
export function branchNameProblem(name: string): string | null {
  if (name.length === 0) return 'the branch name is empty';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (name === '@') return 'it is "@"';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.includes('//')) return 'it contains "//"';
  if (/[\x00-\x1f\x7f]/.test(name)) return 'it contains a control character';
  if (name.includes(' ')) return 'it contains a space';
  const bad = /[~^:?*[\\]/.exec(name);
  if (bad) return `it contains "${bad[0]}"`;
  if (name.startsWith('/')) return 'it starts with "/"';
  if (name.endsWith('/')) return 'it ends with "/"';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `component "${part}" ends with ".lock"`;
  }
  return null;
}

export function validateBranchName(name: string): string {
  const problem = branchNameProblem(name);
  if (problem) throw new Error(`invalid branch name ${JSON.stringify(name)}: ${problem}`);
  return name;
}

const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Commit message body followed by a blank line and `Key: value` trailers. */
export function formatCommitMessage(message: string, trailers: Record<string, string>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(trailers)) {
    if (!TRAILER_KEY.test(key))
      throw new Error(`commit trailer key "${key}" may only contain letters, digits and "-"`);
    if (/[\r\n]/.test(value)) throw new Error(`commit trailer "${key}" value must be a single line`);
    lines.push(`${key}: ${value.trim()}`);
  }
  const body = message.trim();
  if (body.length === 0) throw new Error('commit message is empty');
  return lines.length > 0 ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

/**
 * `-c` arguments that send `authHeader` for this one command and nothing else the configuration holds:
 * actions/checkout persists its own header under `http.https://github.com/.extraheader`, and two
 * Authorization headers make GitHub refuse the request; test code could have planted one too. So the
 * unscoped list and the origin-scoped list are reset, and ours is set under the most specific key, the full
 * remote URL, which wins over any less specific one. Credential helpers are off for every command anyway.
 */
export function authConfigArgs(remoteUrl: string | null, authHeader: string): string[] {
  const args = ['-c', 'http.extraheader='];
  if (remoteUrl && /^https?:\/\//i.test(remoteUrl)) {
    try {
      const url = new URL(remoteUrl);
      // Without the user part: a key with one only matches URLs with that same user.
      const exact = `${url.origin}${url.pathname}`;
      args.push('-c', `http.${url.origin}/.extraheader=`);
      args.push('-c', `http.${exact}.extraheader=`, '-c', `http.${exact}.extraheader=${authHeader}`);
      return args;
    } catch {
      // An unparsable URL keeps the unscoped key, which still works when nothing else is configured.
    }
  }
  args.push('-c', `http.extraheader=${authHeader}`);
  return args;
}

function refuseOption(kind: string, value: string): void {
  if (value.length === 0) throw new Error(`${kind} is empty`);
  if (value.startsWith('-')) throw new Error(`${kind} ${JSON.stringify(value)} may not start with "-"`);
}

/** Git.commitFiles for the repository in `cwd` (see there, and src/github/sealed-commit.ts). */
async function commitFilesIn(
  cwd: string,
  { paths, message, trailers, author }: CommitRequest & { paths: readonly string[] },
): Promise<SealedCommitResult> {
  const identity = parseCommitter(`${author.name} <${author.email}>`);
  const text = formatCommitMessage(message, trailers);
  const head = await runGit(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
    okExitCodes: [0, 1, 128],
  });
  const parent = head.exitCode === 0 ? head.stdout.trim() : null;
  const sealedRun = async (
    args: string[],
    options: { input?: string | Buffer; env?: Record<string, string>; okExitCodes?: number[] } = {},
  ) =>
    runGit(cwd, args, {
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.okExitCodes ? { okExitCodes: options.okExitCodes } : {}),
      env: { ...scrubbedGitEnv(), ...(options.env ?? {}) },
    });
  const result = await sealedCommit(sealedRun, cwd, parent, {
    paths,
    message: text,
    identityEnv: {
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    },
  });
  if (result.sha === null) return result;
  // Move HEAD (through its branch, when on one) only if it is still where the commit was built on.
  const branchRef = await runGit(cwd, ['symbolic-ref', '--quiet', 'HEAD'], { okExitCodes: [0, 1] });
  const ref = branchRef.exitCode === 0 ? branchRef.stdout.trim() : 'HEAD';
  const updateArgs = ['update-ref', ...(ref === 'HEAD' ? ['--no-deref'] : []), ref, result.sha];
  await runGit(cwd, [...updateArgs, parent ?? '']);
  // The live index now matches the commit: whatever was staged there is dropped.
  await runGit(cwd, ['read-tree', result.sha]);
  return result;
}

export function createGit(cwd: string, opts: CreateGitOptions = {}): Git {
  const { authHeader } = opts;
  const pinned = new Map<string, string>();

  async function liveRemoteUrl(remote: string): Promise<string | null> {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) return remote;
    const result = await runGit(cwd, ['remote', 'get-url', remote], { okExitCodes: [0, 2, 128] });
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  async function remoteUrl(remote: string): Promise<string | null> {
    return pinned.get(remote) ?? (await liveRemoteUrl(remote));
  }

  /** What to name on the command line: the pinned URL when there is one, so .git/config is not consulted. */
  function target(remote: string): string {
    return pinned.get(remote) ?? remote;
  }

  async function networkArgs(remote: string): Promise<string[]> {
    if (!authHeader) return [];
    return authConfigArgs(await remoteUrl(remote), authHeader);
  }

  async function revParseOrNull(ref: string): Promise<string | null> {
    refuseOption('ref', ref);
    const result = await runGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      okExitCodes: [0, 1, 128],
    });
    return result.exitCode === 0 ? result.stdout.trim() : null;
  }

  return {
    cwd,

    async revParse(ref) {
      const sha = await revParseOrNull(ref);
      if (!sha) throw new GitError('rev-parse', 1, `"${ref}" does not name a commit in ${cwd}`);
      return sha;
    },

    async currentBranch() {
      const result = await runGit(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD'], {
        okExitCodes: [0, 1],
      });
      return result.exitCode === 0 ? result.stdout.trim() : null;
    },

    async fetch(remote, refspec) {
      refuseOption('remote', remote);
      refuseOption('refspec', refspec);
      await runGit(cwd, ['fetch', '--no-tags', target(remote), refspec], {
        globalArgs: await networkArgs(remote),
        authHeader,
      });
    },

    async checkoutNewBranch(name, startPoint) {
      validateBranchName(name);
      refuseOption('start point', startPoint);
      // The trailing `--` makes git read startPoint as a commit, never as a path.
      await runGit(cwd, ['checkout', '--quiet', '-B', name, startPoint, '--']);
    },

    async checkoutDetached(commit) {
      refuseOption('commit', commit);
      await runGit(cwd, ['checkout', '--quiet', '--detach', commit, '--']);
    },

    async showFile(commit, path) {
      refuseOption('commit', commit);
      const result = await runGit(cwd, ['show', `${commit}:${path}`], { okExitCodes: [0, 128] });
      return result.exitCode === 0 ? result.stdout : null;
    },

    async restorePaths(commit, paths) {
      refuseOption('commit', commit);
      const present: string[] = [];
      for (const path of paths) {
        const probe = await runGit(cwd, ['cat-file', '-e', `${commit}:${path}`], {
          okExitCodes: [0, 1, 128],
        });
        if (probe.exitCode === 0) present.push(path);
      }
      if (present.length > 0) {
        // Working tree only: the index stays as it was, so only what the caller adds is committed.
        await runGit(cwd, ['restore', `--source=${commit}`, '--worktree', '--', ...present], {
          globalArgs: ['--literal-pathspecs'],
        });
      }
      return present;
    },

    async hasChanges() {
      const result = await runGit(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
      return result.stdout.length > 0;
    },

    commitFiles: (request) => commitFilesIn(cwd, request),

    async pinRemote(remote) {
      refuseOption('remote', remote);
      const url = await liveRemoteUrl(remote);
      if (!url) {
        throw new GitError('remote', 2, `the repository in ${cwd} has no remote "${remote}" to push to`);
      }
      pinned.set(remote, url);
      return url;
    },

    async pushForceWithLease(remote, branch, expectedSha) {
      refuseOption('remote', remote);
      validateBranchName(branch);
      if (expectedSha !== null && !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(expectedSha)) {
        throw new Error(`expected SHA ${JSON.stringify(expectedSha)} is not a full commit SHA`);
      }
      const ref = `refs/heads/${branch}`;
      const result = await runGit(
        cwd,
        [
          'push',
          '--porcelain',
          '--no-verify',
          `--force-with-lease=${ref}:${expectedSha ?? ''}`,
          target(remote),
          `${ref}:${ref}`,
        ],
        { globalArgs: await networkArgs(remote), authHeader, okExitCodes: [0, 1] },
      );
      if (result.exitCode === 0) return { ok: true };
      // `--porcelain` prints `!\t<src>:<dst>\t[rejected] (stale info)` when the lease no longer holds, i.e. someone
      // else moved the branch. A hook or protection rule answers `[remote rejected]`, which is a real failure.
      const stderr = redactAuth(result.stderr, authHeader);
      const output = `${result.stdout}\n${stderr}`;
      if (/^!\t[^\t]*\t\[rejected\]/m.test(output)) {
        return {
          ok: false,
          rejected: true,
          stderr: `${redactAuth(result.stdout, authHeader)}${stderr}`.trim(),
        };
      }
      throw new GitError(
        'push',
        result.exitCode,
        `${stderr}\n${redactAuth(result.stdout, authHeader)}`.trim(),
      );
    },

    async remoteBranchSha(remote, branch) {
      refuseOption('remote', remote);
      validateBranchName(branch);
      const ref = `refs/heads/${branch}`;
      const result = await runGit(cwd, ['ls-remote', '--heads', target(remote), ref], {
        globalArgs: await networkArgs(remote),
        authHeader,
      });
      for (const line of result.stdout.split('\n')) {
        const [sha, name] = line.split('\t');
        if (name === ref && sha) return sha;
      }
      return null;
    },
  };
}
