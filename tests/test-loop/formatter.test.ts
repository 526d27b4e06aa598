// The formatter pass: real formatter scripts run over the written files; failures are results, never throws.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFormatter } from '../../src/run/test-loop.js';

// Uppercases every file it is given and prints what it touched.
const UPPER = `import { readFileSync, writeFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  writeFileSync(f, readFileSync(f, 'utf8').toUpperCase());
  console.log('formatted ' + f);
}
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'formatter-test-'));
  await writeFile(path.join(dir, 'upper.mjs'), UPPER);
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'a.txt'), 'hello\n');
  await writeFile(path.join(dir, '-dash.txt'), 'dash\n');
  await writeFile(path.join(dir, 'untouched.txt'), 'keep\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runFormatter', () => {
  it('formats the written files that exist, passing only safe relative paths', async () => {
    const outside = path.join(path.dirname(dir), 'outside.txt');
    const result = await runFormatter({
      formatCommand: 'node upper.mjs',
      files: ['src/a.txt', 'src/a.txt', 'deleted.txt', '../outside.txt', outside, '-dash.txt', 'src'],
      cwd: dir,
    });
    expect(result).toMatchObject({
      ok: true,
      exitCode: 0,
      skipped: false,
      files: ['src/a.txt', './-dash.txt'],
    });
    expect(result.output).toContain('formatted src/a.txt');
    expect(result.output).toContain('formatted ./-dash.txt');
    expect(await readFile(path.join(dir, 'src', 'a.txt'), 'utf8')).toBe('HELLO\n');
    expect(await readFile(path.join(dir, '-dash.txt'), 'utf8')).toBe('DASH\n');
    expect(await readFile(path.join(dir, 'untouched.txt'), 'utf8')).toBe('keep\n');
  });

  it('formats many files in batches', async () => {
    const files: string[] = [];
    for (let i = 0; i < 230; i++) {
      const f = `src/f${i}.txt`;
      await writeFile(path.join(dir, f), `file ${i}\n`);
      files.push(f);
    }
    const result = await runFormatter({ formatCommand: 'node upper.mjs', files, cwd: dir });
    expect(result.ok).toBe(true);
    expect(result.output.match(/^formatted /gm)).toHaveLength(230);
    expect(await readFile(path.join(dir, 'src', 'f229.txt'), 'utf8')).toBe('FILE 229\n');
  });

  it('skips the formatter when no written file exists', async () => {
    const result = await runFormatter({ formatCommand: 'node upper.mjs', files: ['gone.txt'], cwd: dir });
    expect(result).toEqual({ ok: true, output: '', exitCode: null, skipped: true, files: [] });
  });

  it('reports a failing formatter as a result with its output', async () => {
    await writeFile(
      path.join(dir, 'bad.mjs'),
      'console.error("syntax error in " + process.argv[2]); process.exitCode = 2;\n',
    );
    const result = await runFormatter({ formatCommand: 'node bad.mjs', files: ['src/a.txt'], cwd: dir });
    expect(result).toMatchObject({ ok: false, exitCode: 2, skipped: false });
    expect(result.output).toContain('syntax error in src/a.txt');
  });

  it('reports a missing formatter and an invalid command line without throwing', async () => {
    const missing = await runFormatter({
      formatCommand: 'no-such-formatter-xyz --write',
      files: ['src/a.txt'],
      cwd: dir,
    });
    expect(missing.ok).toBe(false);
    expect(missing.exitCode).toBeNull();
    expect(missing.output).toContain('not found on PATH');

    const invalid = await runFormatter({
      formatCommand: 'prettier --write | cat',
      files: ['src/a.txt'],
      cwd: dir,
    });
    expect(invalid.ok).toBe(false);
    expect(invalid.output).toMatch(/^invalid format command: .*`\|`/);
    expect(await readFile(path.join(dir, 'src', 'a.txt'), 'utf8')).toBe('hello\n');
  });
});
