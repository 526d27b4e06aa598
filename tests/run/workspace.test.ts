import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_ALLOW } from '../../src/core/config.js';
import { PathRejectedError, type PathRejection, type WorkspaceOptions } from '../../src/core/workspace.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { writeNoFollow } from '../../src/run/workspace-files.js';

let root: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ws-root-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'ws-outside-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function ws(extra: Partial<WorkspaceOptions> = {}) {
  return createWorkspace({ root, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<PathRejectedError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PathRejectedError);
    return err as PathRejectedError;
  }
  throw new Error('expected the workspace to refuse, but it accepted');
}

async function expectRejected(p: string, reason: PathRejection, extra: Partial<WorkspaceOptions> = {}) {
  const err = await rejection(ws(extra).write('task-001', 'backend', p, 'x'));
  expect(err.reason).toBe(reason);
  expect(err.path).toBe(p);
  expect(err.message).toContain('Refused path');
  return err;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('write: refused paths', () => {
  it.each<[string, PathRejection]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['src/\0x', 'nul-byte'],
    ['../../etc/passwd', 'escapes-root'],
    ['src/../../x', 'escapes-root'],
    ['..', 'escapes-root'],
    ['/tmp/x', 'absolute'],
    ['C:\\x', 'absolute'],
    ['c:/x', 'absolute'],
    ['\\\\server\\share\\x', 'absolute'],
    ['a\\..\\..\\x', 'backslash'],
    ['.git/config', 'git-dir'],
    ['sub/.git/hooks/x', 'git-dir'],
    ['.GIT/HEAD', 'git-dir'],
    ['a/./b/../.git/x', 'git-dir'],
    ['.github/workflows/x.yml', 'workflows'],
    ['.GitHub/Workflows/x.yml', 'workflows'],
    ['./.github/workflows/sub/x.yaml', 'workflows'],
    ['.', 'not-a-file'],
    ['.implement-spec/backups/x/src/a.ts', 'protected'],
  ])('refuses %j as %s', async (p, reason) => {
    await expectRejected(p, reason);
    expect(existsSync(path.join(outside, 'x'))).toBe(false);
  });

  it('explains the workflows refusal in plain words', async () => {
    const err = await expectRejected('.github/workflows/ci.yml', 'workflows');
    expect(err.message).toContain('GITHUB_TOKEN');
    expect(err.message).toContain('attack path');
  });

  it('allows .gitignore, .gitkeep and names that only look like .git', async () => {
    const w = ws();
    const paths = [
      '.gitignore',
      'docs/.gitignore',
      'a/.gitkeep',
      'git/x.ts',
      'src/gitx.ts',
      'a/.gi/x',
      'b/git~2.md',
    ];
    for (const p of paths) await w.write('t', 'backend', p, 'x');
    expect(w.records().map((r) => r.path)).toEqual(paths);
  });

  it('refuses writing through a symlinked directory that points outside the root', async () => {
    await symlink(outside, path.join(root, 'linked'), 'dir');
    const err = await expectRejected('linked/evil.txt', 'symlink');
    expect(err.message).toContain('"linked"');
    expect(existsSync(path.join(outside, 'evil.txt'))).toBe(false);
  });

  it('refuses writing onto a symlink file, even one pointing inside the root', async () => {
    await writeFile(path.join(root, 'real.txt'), 'original');
    await symlink(path.join(root, 'real.txt'), path.join(root, 'link.txt'));
    await expectRejected('link.txt', 'symlink');
    expect(await readFile(path.join(root, 'real.txt'), 'utf8')).toBe('original');
  });

  it('opens files with O_NOFOLLOW: a link that appears after the checks is not followed', async () => {
    await writeFile(path.join(outside, 'target.txt'), 'untouched');
    await symlink(path.join(outside, 'target.txt'), path.join(root, 'late-link.txt'));
    await expect(writeNoFollow(path.join(root, 'late-link.txt'), 'pwned')).rejects.toMatchObject({
      code: 'ELOOP',
    });
    expect(await readFile(path.join(outside, 'target.txt'), 'utf8')).toBe('untouched');
  });

  it('refuses the spec file, case-insensitively', async () => {
    await expectRejected('specs/feature.md', 'spec-file', { specPaths: ['specs/feature.md'] });
    await expectRejected('./specs/Feature.MD', 'spec-file', { specPaths: ['specs/feature.md'] });
  });

  it('refuses protected globs, including files under a protected directory', async () => {
    const protectedPaths = ['**/*.lock', 'infra', 'secrets/**'];
    await expectRejected('package.lock', 'protected', { protectedPaths });
    await expectRejected('a/b/yarn.lock', 'protected', { protectedPaths });
    await expectRejected('infra/main.tf', 'protected', { protectedPaths });
    const err = await expectRejected('secrets/.env', 'protected', { protectedPaths });
    expect(err.message).toContain('"secrets/**"');
    const rec = await ws({ protectedPaths }).write('t', 'backend', 'src/infra.ts', 'ok');
    expect(rec.action).toBe('created');
  });

  it('applies role allowlists; roles not in the map are unrestricted', async () => {
    const roleAllow = { frontend: ['web/**', '*.css'], database: [] };
    const w = ws({ roleAllow });
    const err = await rejection(w.write('t', 'frontend', 'server/api.ts', 'x'));
    expect(err.reason).toBe('role-not-allowed');
    expect(err.message).toContain('frontend');
    expect(err.message).toContain('"web/**"');
    expect((await rejection(w.write('t', 'database', 'db/x.sql', 'x'))).reason).toBe('role-not-allowed');
    await w.write('t', 'frontend', 'web/app/.env.example', 'x');
    await w.write('t', 'frontend', 'site.css', 'x');
    await w.write('t', 'backend', 'server/api.ts', 'x');
    // Inherited object keys must not count as roles with an allowlist.
    await w.write('t', 'constructor', 'anything.txt', 'x');
    expect(w.records()).toHaveLength(4);
  });

  it('refuses files over 1 MB (UTF-8 bytes), accepts exactly 1 MB', async () => {
    const w = ws();
    await w.write('t', 'backend', 'exact.bin', 'a'.repeat(1_048_576));
    const err = await rejection(w.write('t', 'backend', 'big.bin', 'a'.repeat(1_048_577)));
    expect(err.reason).toBe('too-large');
    expect(err.message).toContain('1048577');
    // 'é' is two bytes in UTF-8: 524_289 characters are 1_048_578 bytes.
    expect((await rejection(w.write('t', 'backend', 'wide.txt', 'é'.repeat(524_289)))).reason).toBe(
      'too-large',
    );
    expect(existsSync(path.join(root, 'big.bin'))).toBe(false);
  });

  it('refuses the 201st distinct file of a task; rewrites and other tasks still work', async () => {
    const w = ws();
    for (let i = 0; i < 200; i++) await w.write('task-001', 'backend', `f/${i}.txt`, 'x');
    const err = await rejection(w.write('task-001', 'backend', 'f/200.txt', 'x'));
    expect(err.reason).toBe('too-many-files');
    expect(err.message).toContain('task-001');
    await w.write('task-001', 'backend', 'f/0.txt', 'again');
    await w.write('task-002', 'backend', 'f/200.txt', 'x');
    expect(w.records()).toHaveLength(202);
  });

  it('honours custom limits', async () => {
    const w = ws({ maxFileBytes: 3, maxFilesPerTask: 1 });
    expect((await rejection(w.write('t', 'b', 'a', 'abcd'))).reason).toBe('too-large');
    await w.write('t', 'b', 'a', 'abc');
    expect((await rejection(w.write('t', 'b', 'b', 'x'))).reason).toBe('too-many-files');
  });
});

describe('write: allowed paths', () => {
  it('creates parent dirs and records created/modified with bytes and sha256', async () => {
    const w = ws();
    const created = await w.write('task-001', 'backend', './src/deep/nested//file.ts', 'héllo');
    expect(created).toEqual({
      path: 'src/deep/nested/file.ts',
      action: 'created',
      bytes: 6,
      taskId: 'task-001',
      role: 'backend',
      sha256: sha('héllo'),
      lines: { added: 1, removed: 0 },
    });
    expect(await readFile(path.join(root, 'src/deep/nested/file.ts'), 'utf8')).toBe('héllo');
    const modified = await w.write('task-002', 'test', 'src/deep/nested/file.ts', 'bye');
    expect(modified.action).toBe('modified');
    expect(modified.sha256).toBe(sha('bye'));
    expect(w.records()).toEqual([created, modified]);
    expect(w.writtenContent('src/deep/nested/file.ts')).toBe('bye');
    expect(w.writtenContent('./src/deep/nested/file.ts')).toBe('bye');
    expect(w.writtenContent('never.ts')).toBeUndefined();
  });

  it('marks overwriting a pre-existing file as modified', async () => {
    await writeFile(path.join(root, 'README.md'), 'old');
    const rec = await ws().write('t', 'backend', 'README.md', 'new');
    expect(rec.action).toBe('modified');
  });

  it('refuses to write where a directory exists', async () => {
    await mkdir(path.join(root, 'dir'));
    expect((await rejection(ws().write('t', 'b', 'dir', 'x'))).reason).toBe('not-a-file');
  });
});

describe('backups', () => {
  it('copies a pre-existing file once before its first overwrite', async () => {
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src/app.ts'), 'original');
    const w = ws({ backups: true, backupStamp: 'stamp1' });
    await w.write('t', 'backend', 'src/app.ts', 'first');
    await w.write('t', 'backend', 'src/app.ts', 'second');
    const backup = path.join(root, '.implement-spec/backups/stamp1/src/app.ts');
    expect(await readFile(backup, 'utf8')).toBe('original');
    expect(await readFile(path.join(root, 'src/app.ts'), 'utf8')).toBe('second');
  });

  it('does not back up files this run created, nor anything when backups are off', async () => {
    const w = ws({ backups: true, backupStamp: 's' });
    await w.write('t', 'backend', 'new.ts', 'a');
    await w.write('t', 'backend', 'new.ts', 'b');
    expect(existsSync(path.join(root, '.implement-spec'))).toBe(false);

    await writeFile(path.join(root, 'old.ts'), 'orig');
    await ws({ backupStamp: 's' }).write('t', 'backend', 'old.ts', 'changed');
    expect(existsSync(path.join(root, '.implement-spec'))).toBe(false);
  });
});

describe('read', () => {
  it('refuses escapes but allows workflows, spec and protected files', async () => {
    await mkdir(path.join(root, '.github/workflows'), { recursive: true });
    await writeFile(path.join(root, '.github/workflows/ci.yml'), 'on: push');
    await writeFile(path.join(root, 'spec.md'), '# spec');
    await writeFile(path.join(root, 'secret.lock'), 'lock');
    const w = ws({ specPaths: ['spec.md'], protectedPaths: ['*.lock'] });
    expect(await w.read('.github/workflows/ci.yml')).toBe('on: push');
    expect(await w.read('spec.md')).toBe('# spec');
    expect(await w.read('secret.lock')).toBe('lock');
    for (const [p, reason] of [
      ['../../etc/passwd', 'escapes-root'],
      ['/etc/passwd', 'absolute'],
      ['C:\\x', 'absolute'],
      ['.git/config', 'git-dir'],
      ['', 'empty'],
    ] as const) {
      expect((await rejection(w.read(p))).reason).toBe(reason);
    }
  });

  it('refuses reading through a symlink that leaves the root, follows one that stays inside', async () => {
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await symlink(outside, path.join(root, 'out'), 'dir');
    await writeFile(path.join(root, 'inside.txt'), 'inside');
    await symlink(path.join(root, 'inside.txt'), path.join(root, 'alias.txt'));
    const w = ws();
    const err = await rejection(w.read('out/secret.txt'));
    expect(err.reason).toBe('symlink');
    expect(() => w.resolveForRead('out/secret.txt')).toThrow(PathRejectedError);
    expect(await w.read('alias.txt')).toBe('inside');
  });

  it('truncates at maxBytes with a note and reports missing files', async () => {
    await writeFile(path.join(root, 'big.txt'), 'a'.repeat(300));
    const w = ws();
    const text = await w.read('big.txt', 100);
    expect(text.startsWith('a'.repeat(100) + '\n')).toBe(true);
    expect(text).toContain('[truncated: showing the first 100 of 300 bytes of big.txt]');
    expect(await w.read('big.txt')).toBe('a'.repeat(300));
    expect((await rejection(w.read('missing.txt'))).reason).toBe('not-found');
    await mkdir(path.join(root, 'd'));
    expect((await rejection(w.read('d'))).reason).toBe('not-a-file');
  });

  it('truncates on a character boundary', async () => {
    await writeFile(path.join(root, 'u.txt'), 'ééé');
    const text = await ws().read('u.txt', 3);
    expect(text.startsWith('é\n')).toBe(true);
    expect(text).not.toContain('\uFFFD');
  });

  it('caps at 100 KB by default', async () => {
    await writeFile(path.join(root, 'big.txt'), 'b'.repeat(200 * 1024));
    const text = await ws().read('big.txt');
    expect(text).toContain(`showing the first ${100 * 1024} of ${200 * 1024} bytes`);
  });
});

describe('list', () => {
  it('walks sorted, skipping .git, node_modules and backups', async () => {
    const files = [
      'b.ts',
      'a/x.ts',
      'a-b.ts',
      '.git/config',
      'node_modules/p/index.js',
      'src/node_modules/q.js',
      '.implement-spec/backups/s/b.ts',
      '.implement-spec/state.json',
    ];
    for (const f of files) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), 'x');
    }
    const w = ws();
    expect(await w.list()).toEqual({
      files: ['.implement-spec/state.json', 'a-b.ts', 'a/x.ts', 'b.ts'],
      truncated: false,
    });
    expect(await w.list('a')).toEqual({ files: ['a/x.ts'], truncated: false });
    expect(await w.list('.', 2)).toEqual({
      files: ['.implement-spec/state.json', 'a-b.ts'],
      truncated: true,
    });
    expect((await rejection(w.list('../'))).reason).toBe('escapes-root');
    expect((await rejection(w.list('nope'))).reason).toBe('not-found');
  });

  it('does not follow symlinks out of the root', async () => {
    await writeFile(path.join(outside, 'secret.txt'), 's');
    await symlink(outside, path.join(root, 'out'), 'dir');
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'secret-link.txt'));
    await writeFile(path.join(root, 'a.txt'), 'a');
    expect((await ws().list()).files).toEqual(['a.txt']);
  });
});

describe('remove', () => {
  it('deletes files this run created and records it', async () => {
    const w = ws();
    await w.write('t', 'backend', 'tmp/new.ts', 'x');
    const rec = await w.remove('t', 'backend', 'tmp/new.ts');
    expect(rec).toEqual({
      path: 'tmp/new.ts',
      action: 'deleted',
      bytes: 0,
      taskId: 't',
      role: 'backend',
      sha256: '',
      lines: { added: 0, removed: 0 },
    });
    expect(existsSync(path.join(root, 'tmp/new.ts'))).toBe(false);
    expect(w.writtenContent('tmp/new.ts')).toBeUndefined();
    expect((await rejection(w.remove('t', 'backend', 'tmp/new.ts'))).reason).toBe('not-found');
    expect(w.records().map((r) => r.action)).toEqual(['created', 'deleted']);
  });

  it('refuses files that existed before the run, even after this run modified them', async () => {
    await writeFile(path.join(root, 'keep.ts'), 'orig');
    const w = ws();
    expect((await rejection(w.remove('t', 'backend', 'keep.ts'))).reason).toBe('not-created-in-run');
    await w.write('t', 'backend', 'keep.ts', 'changed');
    expect((await rejection(w.remove('t', 'backend', 'keep.ts'))).reason).toBe('not-created-in-run');
    expect(existsSync(path.join(root, 'keep.ts'))).toBe(true);
  });

  it('applies the write path checks to removals', async () => {
    expect((await rejection(ws().remove('t', 'b', '.git/index'))).reason).toBe('git-dir');
    expect((await rejection(ws().remove('t', 'b', '../x'))).reason).toBe('escapes-root');
  });
});

describe('protected places and names git refuses, for the fix role (**) and backend (**/*.py)', () => {
  const roleAllow = { fix: ['**'], backend: [...(DEFAULT_ROLE_ALLOW.backend ?? [])] };
  const cases: [string, PathRejection][] = [
    ['.github/workflows/evil.py', 'workflows'],
    ['.github/scripts/deploy.py', 'github-config'],
    ['.github/actions/setup/main.go', 'github-config'],
    ['.github/actions/setup/action.yml', 'github-config'],
    ['.github/dependabot.yml', 'github-config'],
    ['.github/implement-spec/config.yml', 'github-config'],
    ['.github/implement-spec/agents/backend.md', 'github-config'],
    ['CODEOWNERS', 'codeowners'],
    ['docs/CODEOWNERS', 'codeowners'],
    ['.github/CODEOWNERS', 'codeowners'],
    ['.husky/pre-commit', 'tool-config'],
    ['.husky/hook.py', 'tool-config'],
    ['.gitattributes', 'git-file'],
    ['src/.gitmodules', 'git-file'],
    ['.npmrc', 'tool-config'],
    ['.yarnrc.yml', 'tool-config'],
    ['.envrc', 'tool-config'],
    ['.vscode/tasks.json', 'tool-config'],
    ['.vscode/run.py', 'tool-config'],
    ['.devcontainer/devcontainer.json', 'tool-config'],
    ['.implement-spec/backups/s/app.py', 'protected'],
    ['src/.git./x.py', 'git-name'],
    ['src/.git /x.py', 'git-name'],
    ['src/GIT~1/x.py', 'git-name'],
    ['src/.git::$INDEX_ALLOCATION/x.py', 'git-name'],
    ['src/.g\u200cit/x.py', 'git-name'],
    ['src/.GIT/x.py', 'git-dir'],
  ];
  for (const role of ['fix', 'backend']) {
    it.each(cases)(
      `${role}: refuses %j as %s; nothing written; the next file still goes through`,
      async (p, reason) => {
        const w = ws({ roleAllow });
        const err = await rejection(w.write('task-001', role, p, 'payload'));
        expect(err.reason).toBe(reason);
        expect(err.path).toBe(p);
        expect(err.message).toContain('Refused path');
        expect(existsSync(path.join(root, p))).toBe(false);
        expect(await readdir(root)).toEqual([]); // Not even a parent directory was made.
        const ok = await w.write('task-001', role, 'src/ok.py', 'x');
        expect(ok.action).toBe('created');
        expect(w.records().map((r) => r.path)).toEqual(['src/ok.py']);
      },
    );
  }

  it('fix and backend may still write .gitignore', async () => {
    const w = ws({ roleAllow: { fix: ['**'], backend: ['**/.gitignore'] } });
    await w.write('t', 'fix', '.gitignore', 'dist/\n');
    await w.write('t', 'backend', 'src/.gitignore', 'tmp/\n');
    expect(w.records().map((r) => r.path)).toEqual(['.gitignore', 'src/.gitignore']);
  });
});
