import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Test-side git: argument arrays, a fixed identity, and no dependence on the machine's global config. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
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

export function commitAll(cwd: string, message: string): string {
  git(cwd, 'add', '--all');
  git(cwd, 'commit', '--quiet', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD').trim();
}

export interface Sandbox {
  root: string;
  origin: string;
  /** A clone of origin with one commit on main. */
  work: string;
  initialSha: string;
  clone(name: string): string;
  cleanup(): void;
}

/** A bare `origin` repository and a checkout cloned from it, like actions/checkout leaves behind. */
export function createSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'implement-spec-git-'));
  const origin = join(root, 'origin.git');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  const seed = join(root, 'seed');
  git(root, 'init', '--quiet', '--initial-branch=main', seed);
  writeFiles(seed, {
    'README.md': '# shop\n',
    'specs/product-price-filter.md': '---\nid: product-price-filter\n---\n',
  });
  const initialSha = commitAll(seed, 'Initial commit');
  git(seed, 'push', '--quiet', origin, 'main:refs/heads/main');
  const clone = (name: string) => {
    const dir = join(root, name);
    git(root, 'clone', '--quiet', origin, dir);
    return dir;
  };
  return {
    root,
    origin,
    work: clone('work'),
    initialSha,
    clone,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
