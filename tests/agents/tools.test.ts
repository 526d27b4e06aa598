import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeTool, TOOL_DEFINITIONS } from '../../src/agents/tools.js';
import type { ToolUseBlock } from '../../src/core/model-port.js';
import type { Workspace } from '../../src/core/workspace.js';
import { createWorkspace } from '../../src/run/workspace.js';

let dir: string;
let root: string;
let workspace: Workspace;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tools-test-'));
  root = path.join(dir, 'repo');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await writeFile(path.join(root, 'src', 'existing.ts'), 'export const existing = 1;\n');
  await writeFile(path.join(root, 'package.json'), '{}\n');
  workspace = createWorkspace({ root });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function call(name: string, input: unknown): ToolUseBlock {
  return { type: 'tool_use', id: 'toolu_1', name, input };
}

const ctx = () => ({ workspace, taskId: 'task-001', role: 'backend' });

describe('tool definitions', () => {
  it('defines the four file tools with object schemas', () => {
    expect(TOOL_DEFINITIONS.map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'write_file',
      'delete_file',
    ]);
    expect(TOOL_DEFINITIONS.find((t) => t.name === 'write_file')?.input_schema.required).toEqual([
      'path',
      'content',
    ]);
    expect(TOOL_DEFINITIONS.find((t) => t.name === 'delete_file')?.description).toMatch(
      /created in this run/,
    );
  });
});

describe('executeTool', () => {
  it('lists files of the repository and of a directory', async () => {
    const all = await executeTool(call('list_files', {}), ctx());
    expect(all).toEqual({ content: 'package.json\nsrc/existing.ts', isError: false });
    const sub = await executeTool(call('list_files', { path: 'src' }), ctx());
    expect(sub.content).toBe('src/existing.ts');
  });

  it('reads a file', async () => {
    const r = await executeTool(call('read_file', { path: 'src/existing.ts' }), ctx());
    expect(r).toEqual({ content: 'export const existing = 1;\n', isError: false });
  });

  it('writes a file and reports what it wrote', async () => {
    const r = await executeTool(call('write_file', { path: 'src/new/a.ts', content: 'export {};\n' }), ctx());
    expect(r.isError).toBe(false);
    expect(r.wrote).toBe('src/new/a.ts');
    expect(r.record).toMatchObject({
      path: 'src/new/a.ts',
      action: 'created',
      bytes: 11,
      taskId: 'task-001',
    });
    expect(await readFile(path.join(root, 'src/new/a.ts'), 'utf8')).toBe('export {};\n');
  });

  it('deletes only files created in this run', async () => {
    await executeTool(call('write_file', { path: 'tmp.txt', content: 'x' }), ctx());
    const ok = await executeTool(call('delete_file', { path: 'tmp.txt' }), ctx());
    expect(ok).toMatchObject({ isError: false, deleted: 'tmp.txt' });
    await expect(stat(path.join(root, 'tmp.txt'))).rejects.toThrow();
    const refused = await executeTool(call('delete_file', { path: 'src/existing.ts' }), ctx());
    expect(refused.isError).toBe(true);
    expect(refused.content).toMatch(/src\/existing\.ts/);
    expect(await readFile(path.join(root, 'src/existing.ts'), 'utf8')).toBe('export const existing = 1;\n');
  });

  it.each([
    ['../../etc/passwd', /escape|outside|\.\./i],
    ['/tmp/x', /absolute/i],
    ['.git/config', /\.git/],
    ['.github/workflows/x.yml', /workflows/],
  ])('refuses to write %s with an error result naming the path', async (p, why) => {
    const r = await executeTool(call('write_file', { path: p, content: 'pwned' }), ctx());
    expect(r.isError).toBe(true);
    expect(r.wrote).toBeUndefined();
    expect(r.content).toContain(p);
    expect(r.content).toMatch(why);
    expect(workspace.records()).toEqual([]);
  });

  it('turns a missing file into an error result', async () => {
    const r = await executeTool(call('read_file', { path: 'nope.ts' }), ctx());
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/read_file failed: .*nope\.ts/);
  });

  it('turns input that is not valid JSON into an error result', async () => {
    const r = await executeTool(call('write_file', '{"path": "a.ts", "content": '), ctx());
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/Invalid input for write_file: the tool input is not valid JSON/);
  });

  it('accepts input that arrives as a JSON string', async () => {
    const r = await executeTool(call('write_file', JSON.stringify({ path: 'j.ts', content: 'j' })), ctx());
    expect(r).toMatchObject({ isError: false, wrote: 'j.ts' });
  });

  it('names missing or mistyped fields', async () => {
    const missing = await executeTool(call('write_file', { path: 'a.ts' }), ctx());
    expect(missing.isError).toBe(true);
    expect(missing.content).toMatch(/"content" is missing or not a string/);
    const wrongType = await executeTool(call('read_file', { path: 42 }), ctx());
    expect(wrongType.content).toMatch(/"path" is missing or not a string/);
    const notObject = await executeTool(call('read_file', [1, 2]), ctx());
    expect(notObject.content).toMatch(/expected a JSON object/);
  });

  it('answers an unknown tool with the list of tools', async () => {
    const r = await executeTool(call('run_shell', { cmd: 'rm -rf /' }), ctx());
    expect(r).toEqual({
      content:
        'Unknown tool "run_shell". The available tools are: list_files, read_file, write_file, delete_file.',
      isError: true,
    });
  });
});
