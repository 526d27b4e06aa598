import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/agents/repo-scan.js';
import { loadBuiltinRolesSync, loadRoles } from '../../src/agents/roles.js';
import { decompose } from '../../src/plan/decompose.js';
import { spec } from '../plan/spec-builder.js';

const dirs: string[] = [];
function tempRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'implement-spec-ctx-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('role prompts', () => {
  it('loads every built-in role in a fixed order with the output contract', async () => {
    const roles = await loadRoles();
    expect([...roles.keys()]).toEqual([
      'database',
      'backend',
      'frontend',
      'integration',
      'test',
      'review',
      'fix',
    ]);
    for (const def of roles.values()) {
      expect(def.source).toBe('builtin');
      expect(def.prompt).not.toMatch(/\r/);
      expect(def.prompt).toMatch(/\*\*data\*\*/);
      // The review agent answers through its own submit_review tool; every other role writes files.
      if (def.role === 'review') continue;
      expect(def.prompt).toContain('write_file');
      expect(def.prompt).toContain('filepath=');
      expect(def.prompt).toContain('DONE: FR-1, AT-2');
      expect(def.prompt).toContain('.github/workflows/');
      expect(def.prompt).toMatch(/\*\*data\*\*/);
      expect(def.prompt).not.toMatch(/\r/);
    }
    expect([...loadBuiltinRolesSync().entries()]).toEqual([...roles.entries()]);
  });

  it('takes overrides and additions from the repository, ignoring bad names with a warning', async () => {
    const root = tempRepo({
      '.github/implement-spec/agents/backend.md': '# Our backend rules\r\nUse Go.\r\n',
      '.github/implement-spec/agents/security-audit.md': '# Security audit\n',
      '.github/implement-spec/agents/api-docs.md': '# API docs\n',
      '.github/implement-spec/agents/Bad_Name.md': 'x',
      '.github/implement-spec/agents/notes.txt': 'x',
      '.github/implement-spec/agents/empty.md': '  \n',
    });
    symlinkSync('/etc/hostname', path.join(root, '.github/implement-spec/agents/linked.md'));
    const warnings: string[] = [];
    const roles = await loadRoles(root, { onWarning: (m) => warnings.push(m) });
    expect([...roles.keys()]).toEqual([
      'database',
      'backend',
      'frontend',
      'integration',
      'test',
      'review',
      'fix',
      'api-docs',
      'security-audit',
    ]);
    expect(roles.get('backend')).toEqual({
      role: 'backend',
      prompt: '# Our backend rules\nUse Go.\n',
      source: '.github/implement-spec/agents/backend.md',
    });
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toContain('Bad_Name');
    expect(warnings.join('\n')).toContain('notes.txt');
    expect(warnings.join('\n')).toContain('empty.md');
    expect(warnings.join('\n')).toContain('linked.md');
    // A repository role is a valid --agents value (it plans no task of its own).
    const plan = decompose(spec().fr({ title: 'A' }).build(), { roles, agents: ['security-audit'] });
    expect(plan.tasks).toEqual([]);
    await expect(loadRoles(path.join(root, 'missing'))).resolves.toHaveProperty('size', 7);
  });
});

describe('scanRepository', () => {
  it('lists a sorted tree without generated folders and detects a node stack', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        type: 'module',
        scripts: { test: 'vitest run' },
        dependencies: { express: '^5', react: '^19' },
        devDependencies: { vitest: '^4', typescript: '^6' },
      }),
      'package-lock.json': '{}',
      'src/z.ts': '',
      'src/a.ts': '',
      'node_modules/x/index.js': '',
      'dist/index.js': '',
      '.git/HEAD': '',
      '.implement-spec/run.json': '',
      'vendor/lib.go': '',
    });
    const snap = await scanRepository(root);
    expect(snap.files).toEqual(['package-lock.json', 'package.json', 'src/a.ts', 'src/z.ts']);
    expect(snap.truncated).toBe(false);
    expect(snap.stack).toEqual({
      language: 'node',
      manifests: ['package.json'],
      testFramework: 'vitest',
      notes: [
        'TypeScript',
        'ES modules ("type": "module")',
        'package manager npm',
        'frameworks: React, Express',
        'test script: vitest run',
      ],
    });
    expect(await scanRepository(root)).toEqual(snap);
  });

  it('bounds the listing, keeping the top of the tree', async () => {
    const files: Record<string, string> = { 'README.md': '' };
    for (let i = 0; i < 20; i++) files[`deep/nested/f${String(i).padStart(2, '0')}.txt`] = '';
    const snap = await scanRepository(tempRepo(files), { maxFiles: 5 });
    expect(snap.files).toHaveLength(5);
    expect(snap.files[0]).toBe('README.md');
    expect(snap.truncated).toBe(true);
  });

  it('detects python, go and rust', async () => {
    const py = await scanRepository(
      tempRepo({ 'pyproject.toml': '[project]\ndependencies = ["fastapi"]\n[tool.pytest.ini_options]\n' }),
    );
    expect(py.stack).toMatchObject({
      language: 'python',
      testFramework: 'pytest',
      notes: ['frameworks: FastAPI'],
    });
    const go = await scanRepository(tempRepo({ 'go.mod': 'module example.com/shop\n\ngo 1.23\n' }));
    expect(go.stack).toEqual({
      language: 'go',
      manifests: ['go.mod'],
      testFramework: 'go test',
      notes: ['Go module example.com/shop'],
    });
    const rust = await scanRepository(tempRepo({ 'Cargo.toml': '[package]\nname = "x"\n' }));
    expect(rust.stack.testFramework).toBe('cargo test');
    const none = await scanRepository(tempRepo({ 'notes.txt': 'hi' }));
    expect(none.stack).toEqual({ language: 'unknown', manifests: [], testFramework: null, notes: [] });
  });

  it('survives a broken package.json', async () => {
    const snap = await scanRepository(tempRepo({ 'package.json': '{ nope' }));
    expect(snap.stack.language).toBe('node');
    expect(snap.stack.notes).toContain('package.json is not valid JSON');
  });
});
