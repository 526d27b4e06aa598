// The agent tools against a real workspace in a temp directory: the text-editor-shaped edit tool, search,
// whole-file writes of new files, deletes, and the dispatcher's error results.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRegexSafety } from '../../src/agents/safe-regex.js';
import {
  EDIT_TOOL_NAME as EDIT,
  executeTool,
  supportsTextEditorTool,
  type ToolContext,
  toolDefinitionsFor,
} from '../../src/agents/tools.js';
import { ViewLedger } from '../../src/agents/view-ledger.js';
import type { CheckRunner } from '../../src/core/checks.js';
import type { ToolUseBlock } from '../../src/core/model-port.js';
import type { Workspace } from '../../src/core/workspace.js';
import { createWorkspace } from '../../src/run/workspace.js';

let dir: string;
let root: string;
let workspace: Workspace;

const MODULE = [
  'export function add(a, b) {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a, b) {',
  '  return a + b;',
  '}',
  '',
].join('\n');

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tools-test-'));
  root = path.join(dir, 'repo');
  await mkdir(path.join(root, 'src', 'deep', 'er'), { recursive: true });
  await writeFile(path.join(root, 'src', 'math.js'), MODULE);
  await writeFile(path.join(root, 'src', 'deep', 'er', 'x.js'), 'export const x = 1;\n');
  await writeFile(path.join(root, 'package.json'), '{}\n');
  workspace = createWorkspace({ root });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
function call(name: string, input: unknown): ToolUseBlock {
  return { type: 'tool_use', id: `toolu_${++n}`, name, input };
}

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return { workspace, taskId: 'task-001', role: 'backend', ledger: new ViewLedger(), ...overrides };
}

const read = (p: string) => readFile(path.join(root, p), 'utf8');

describe('tool definitions', () => {
  it('offers the Anthropic text editor to Claude 4+ models and a custom tool with the same input to others', () => {
    expect(supportsTextEditorTool('claude-sonnet-5-5')).toBe(true);
    expect(supportsTextEditorTool('claude-haiku-4-5')).toBe(true);
    expect(supportsTextEditorTool('claude-3-7-sonnet-latest')).toBe(false);
    const native = toolDefinitionsFor({ model: 'claude-sonnet-5-5' });
    expect(native[0]).toEqual({ type: 'text_editor_20250728', name: EDIT, max_characters: 20_000 });
    expect(native.map((t) => t.name)).toEqual([EDIT, 'search_code', 'write_file', 'delete_file']);
    const custom = toolDefinitionsFor({ model: 'claude-3-7-sonnet-latest' })[0]!;
    expect('input_schema' in custom && Object.keys(custom.input_schema.properties).sort()).toEqual(
      [
        'command',
        'file_text',
        'insert_line',
        'insert_text',
        'new_str',
        'old_str',
        'path',
        'view_range',
      ].sort(),
    );
  });

  it('offers run_check only when checks are configured, with their names', () => {
    const checks: CheckRunner = {
      names: ['typecheck', 'test'],
      beforeDone: 'typecheck',
      commandOf: () => 'x',
      run: async () => ({ exitCode: 0, outputTail: '', timedOut: false, durationMs: 0 }),
    };
    const tools = toolDefinitionsFor({ model: 'claude-sonnet-5-5', checks });
    const run = tools.find((t) => t.name === 'run_check');
    expect(run && 'input_schema' in run && run.input_schema.properties.check).toMatchObject({
      enum: ['typecheck', 'test'],
    });
  });
});

describe('view', () => {
  it('shows numbered lines, a range, and -1 for the end', async () => {
    const ctx = context();
    const all = await executeTool(call(EDIT, { command: 'view', path: 'src/math.js' }), ctx);
    expect(all.content.split('\n')[0]).toBe('     1\texport function add(a, b) {');
    expect(all.content.split('\n')).toHaveLength(7);
    const range = await executeTool(
      call(EDIT, { command: 'view', path: 'src/math.js', view_range: [5, 6] }),
      ctx,
    );
    expect(range.content).toBe('     5\texport function sub(a, b) {\n     6\t  return a + b;');
    const tail = await executeTool(
      call(EDIT, { command: 'view', path: 'src/math.js', view_range: [6, -1] }),
      ctx,
    );
    expect(tail.content).toBe('     6\t  return a + b;\n     7\t}');
    const bad = await executeTool(
      call(EDIT, { command: 'view', path: 'src/math.js', view_range: [9, 12] }),
      ctx,
    );
    expect(bad).toMatchObject({ isError: true });
    expect(bad.content).toMatch(/has 7 lines/);
  });

  it('cuts a long view at max characters and says which range shows more', async () => {
    await writeFile(path.join(root, 'big.txt'), `${'x'.repeat(50)}\n`.repeat(100));
    const r = await executeTool(
      call(EDIT, { command: 'view', path: 'big.txt' }),
      context({ maxViewChars: 600 }),
    );
    expect(r.content.length).toBeLessThan(800);
    expect(r.content).toMatch(
      /\[cut at 600 characters: showing lines 1-10 of 100; view_range \[11, -1\] shows more\]/,
    );
  });

  it('lists a directory two levels deep', async () => {
    const r = await executeTool(call(EDIT, { command: 'view', path: '.' }), context());
    expect(r.content.split('\n').slice(1)).toEqual(['package.json', 'src/deep/', 'src/math.js']);
  });

  it('refuses paths outside the repository', async () => {
    const r = await executeTool(call(EDIT, { command: 'view', path: '../../etc/passwd' }), context());
    expect(r).toMatchObject({ isError: true });
    expect(r.content).toMatch(/outside the repository/);
  });
});

describe('str_replace and insert', () => {
  async function viewed(): Promise<ToolContext> {
    const ctx = context();
    await executeTool(call(EDIT, { command: 'view', path: 'src/math.js' }), ctx);
    return ctx;
  }

  it('refuses an ambiguous old_str with the line numbers, writing nothing', async () => {
    const ctx = await viewed();
    const r = await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: 'return a + b;',
        new_str: 'return a - b;',
      }),
      ctx,
    );
    expect(r).toMatchObject({ isError: true });
    expect(r.content).toMatch(/occurs 2 times in src\/math\.js \(at lines 2, 6\); nothing was changed/);
    expect(await read('src/math.js')).toBe(MODULE);
    expect(workspace.records()).toHaveLength(0);
  });

  it('changes exactly the bytes of a unique match', async () => {
    const ctx = await viewed();
    const oldStr = 'export function sub(a, b) {\n  return a + b;';
    const r = await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: oldStr,
        new_str: 'export function sub(a, b) {\n  return a - b;',
      }),
      ctx,
    );
    expect(r.isError).toBe(false);
    expect(r.content).toMatch(/^Edited src\/math\.js: replaced 1 occurrence \(now lines 5-6\)/);
    expect(await read('src/math.js')).toBe(
      MODULE.replace(oldStr, 'export function sub(a, b) {\n  return a - b;'),
    );
    expect(r.record).toMatchObject({ path: 'src/math.js', action: 'modified', taskId: 'task-001' });
  });

  it('says when nothing matches and shows the nearest lines; refuses old_str == new_str', async () => {
    const ctx = await viewed();
    const none = await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: '  export  function sub(a, b)  {',
        new_str: 'y',
      }),
      ctx,
    );
    expect(none).toMatchObject({ isError: true });
    expect(none.content).toMatch(
      /No match for old_str in src\/math\.js; nothing was changed\. It matches at line 5 if whitespace is ignored/,
    );
    expect(none.content).toContain('     5\texport function sub(a, b) {');
    const same = await executeTool(
      call(EDIT, { command: 'str_replace', path: 'src/math.js', old_str: 'add', new_str: 'add' }),
      ctx,
    );
    expect(same.content).toMatch(/identical/);
    expect(await read('src/math.js')).toBe(MODULE);
  });

  it('refuses an edit of a file the task has not viewed', async () => {
    const r = await executeTool(
      call(EDIT, { command: 'str_replace', path: 'src/math.js', old_str: 'add', new_str: 'plus' }),
      context(),
    );
    expect(r.content).toMatch(/^View src\/math\.js before editing it/);
    expect(await read('src/math.js')).toBe(MODULE);
  });

  it('refuses an edit when another task changed the file since this one viewed it, and records the conflict', async () => {
    const mine = await viewed();
    const other = context({ taskId: 'task-002' });
    await executeTool(call(EDIT, { command: 'view', path: 'src/math.js' }), other);
    await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: 'export function add',
        new_str: 'export function plus',
      }),
      other,
    );
    const afterOther = await read('src/math.js');
    const r = await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: '(a, b) {\n  return a + b;\n}\n\nexport',
        new_str: '(a, b) {\n  return a * b;\n}\n\nexport',
      }),
      mine,
    );
    expect(r).toMatchObject({ isError: true });
    expect(r.content).toMatch(
      /src\/math\.js changed since you last viewed it \(task-002 wrote it meanwhile\)/,
    );
    expect(await read('src/math.js')).toBe(afterOther);
    expect(mine.ledger.conflicts).toEqual([
      { path: 'src/math.js', taskId: 'task-001', changedBy: 'task-002' },
    ]);
    // After viewing again, the same edit applies on top of the other task's change.
    await executeTool(call(EDIT, { command: 'view', path: 'src/math.js', view_range: [1, 3] }), mine);
    const again = await executeTool(
      call(EDIT, {
        command: 'str_replace',
        path: 'src/math.js',
        old_str: '(a, b) {\n  return a + b;\n}\n\nexport',
        new_str: '(a, b) {\n  return a * b;\n}\n\nexport',
      }),
      mine,
    );
    expect(again.isError).toBe(false);
    expect(await read('src/math.js')).toMatch(/^export function plus\(a, b\) \{\n {2}return a \* b;/);
  });

  it('inserts after a line (insert_text, or new_str as the docs once said)', async () => {
    const ctx = await viewed();
    const r = await executeTool(
      call(EDIT, { command: 'insert', path: 'src/math.js', insert_line: 0, insert_text: "'use strict';" }),
      ctx,
    );
    expect(r.isError).toBe(false);
    expect(await read('src/math.js')).toBe(`'use strict';\n${MODULE}`);
    await executeTool(
      call(EDIT, {
        command: 'insert',
        path: 'src/math.js',
        insert_line: 8,
        new_str: 'export const z = 0;\n',
      }),
      ctx,
    );
    expect(await read('src/math.js')).toBe(`'use strict';\n${MODULE}export const z = 0;\n`);
    const out = await executeTool(
      call(EDIT, { command: 'insert', path: 'src/math.js', insert_line: 99, insert_text: 'x' }),
      ctx,
    );
    expect(out.content).toMatch(/outside src\/math\.js, which has 9 lines/);
  });
});

describe('create, write_file, delete_file', () => {
  it('create makes a new file and refuses an existing one', async () => {
    const ctx = context();
    const made = await executeTool(
      call(EDIT, { command: 'create', path: 'src/new.js', file_text: 'n\n' }),
      ctx,
    );
    expect(made).toMatchObject({ isError: false, record: { action: 'created' } });
    const again = await executeTool(
      call(EDIT, { command: 'create', path: 'src/math.js', file_text: 'gone' }),
      ctx,
    );
    expect(again.content).toMatch(/already exists; create only makes new files/);
    expect(await read('src/math.js')).toBe(MODULE);
  });

  it('write_file writes new files and files this run created, never files that existed before', async () => {
    const ctx = context();
    expect((await executeTool(call('write_file', { path: 'src/a.js', content: 'a' }), ctx)).content).toBe(
      'Wrote src/a.js (created, 1 bytes).',
    );
    expect((await executeTool(call('write_file', { path: 'src/a.js', content: 'b' }), ctx)).content).toBe(
      'Wrote src/a.js (modified, 1 bytes).',
    );
    const old = await executeTool(call('write_file', { path: 'src/math.js', content: 'x' }), ctx);
    expect(old.content).toMatch(/existed before this run, so it is not rewritten whole/);
    expect(await read('src/math.js')).toBe(MODULE);
    // Another task's new file is rewritten only after this task saw its current content.
    const other = context({ taskId: 'task-002' });
    const stale = await executeTool(call('write_file', { path: 'src/a.js', content: 'c' }), other);
    expect(stale.content).toMatch(/View src\/a\.js before editing it/);
  });

  it('delete_file deletes only files created in this run', async () => {
    const ctx = context();
    await executeTool(call('write_file', { path: 'tmp.js', content: 't' }), ctx);
    expect((await executeTool(call('delete_file', { path: 'tmp.js' }), ctx)).content).toBe('Deleted tmp.js.');
    const r = await executeTool(call('delete_file', { path: 'src/math.js' }), ctx);
    expect(r.content).toMatch(/only files this run created can be deleted/);
  });

  it('answers bad input and unknown tools with errors the model can act on', async () => {
    const ctx = context();
    expect((await executeTool(call(EDIT, '{"command": "view", "path": "src/math.js"}'), ctx)).isError).toBe(
      false,
    );
    expect(
      (await executeTool(call(EDIT, { command: 'undo_edit', path: 'src/math.js' }), ctx)).content,
    ).toMatch(/undo_edit is not available/);
    expect((await executeTool(call('write_file', { path: 'a.js' }), ctx)).content).toMatch(
      /"content" is missing/,
    );
    expect((await executeTool(call('read_file', { path: 'a' }), ctx)).content).toBe(
      `Unknown tool "read_file". The available tools are: ${EDIT}, search_code, write_file, delete_file.`,
    );
  });
});

describe('search_code', () => {
  it('finds a symbol with its line, respects .gitignore, skips binary files, honours glob and max_results', async () => {
    await writeFile(path.join(root, '.gitignore'), 'generated/\n*.log\n');
    await mkdir(path.join(root, 'generated'));
    await writeFile(path.join(root, 'generated', 'sub.js'), 'export function sub() {}\n');
    await writeFile(path.join(root, 'debug.log'), 'function sub\n');
    await writeFile(path.join(root, 'src', 'blob.bin'), Buffer.from([0x66, 0x75, 0x6e, 0, 0x73, 0x75, 0x62]));
    await writeFile(path.join(root, 'src', 'deep', '.gitignore'), 'er/\n');
    const ctx = context();
    const r = await executeTool(call('search_code', { pattern: 'function sub' }), ctx);
    expect(r).toEqual({ content: 'src/math.js:5: export function sub(a, b) {', isError: false });
    const js = await executeTool(call('search_code', { pattern: 'export', glob: '*.json' }), ctx);
    expect(js.content).toMatch(/^No matches/);
    const many = await executeTool(call('search_code', { pattern: 'a', max_results: 2 }), ctx);
    expect(many.content.split('\n')).toHaveLength(3);
    expect(many.content).toMatch(/more than 2 matches/);
    const nested = await executeTool(call('search_code', { pattern: 'const x' }), ctx);
    expect(nested.content).toMatch(/^No matches/);
  });

  it('refuses patterns that could backtrack catastrophically, and invalid ones', async () => {
    const ctx = context();
    const evil = await executeTool(call('search_code', { pattern: '(a+)+$' }), ctx);
    expect(evil).toMatchObject({ isError: true });
    expect(evil.content).toMatch(/repeats something that already repeats/);
    expect((await executeTool(call('search_code', { pattern: '(' }), ctx)).content).toMatch(
      /invalid regular expression/,
    );
    expect((await executeTool(call('search_code', { pattern: 'a', max_results: 500 }), ctx)).isError).toBe(
      true,
    );
    expect(checkRegexSafety('(.*)*').ok).toBe(false);
    expect(checkRegexSafety('((ab)+c)*').ok).toBe(false);
    expect(checkRegexSafety('(?:x{2,})+').ok).toBe(false);
    expect(checkRegexSafety('function (add|sub)\\(').ok).toBe(true);
    expect(checkRegexSafety('[(a+)+]').ok).toBe(true);
  });
});
