import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportJsonSchema } from '../../src/report/json.js';
import { writeReports } from '../../src/report/write.js';
import { buildRunResult } from './fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes both reports into the directory, creating it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'report-'));
    dirs.push(root);
    const dir = join(root, 'nested', 'out');
    const { markdownPath, jsonPath } = await writeReports(dir, buildRunResult());
    expect(markdownPath).toBe(join(dir, 'IMPLEMENTATION_REPORT.md'));
    expect(jsonPath).toBe(join(dir, 'implementation-report.json'));
    const md = await readFile(markdownPath, 'utf8');
    expect(md).toContain('**Partly implemented: User authentication.**');
    expect(md).toContain('Machine-readable report: implementation-report.json');
    const json = ReportJsonSchema.parse(JSON.parse(await readFile(jsonPath, 'utf8')));
    expect(json.spec.id).toBe('user-auth');
  });

  it('fails with a message naming the directory when it cannot write', async () => {
    const root = await mkdtemp(join(tmpdir(), 'report-'));
    dirs.push(root);
    const file = join(root, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(writeReports(file, buildRunResult())).rejects.toThrow(
      /Could not write the implementation report to .*not-a-dir/,
    );
  });
});
