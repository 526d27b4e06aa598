// src/action/runner.ts speaks the runner's workflow-command protocol in place of @actions/core (which loads undici
// at import). This compares the two byte for byte: what each prints on stdout, appends to GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY, and the exit code, for the same calls with awkward values (%, newlines, colons, commas,
// empty and zero properties). @actions/core stays a devDependency only for this comparison.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actionsCore from '@actions/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as runner from '../../src/action/runner.js';
import { parseOutputFile } from '../e2e/harness.js';

type Impl = typeof runner | typeof actionsCore;

const AWKWARD = [
  'plain',
  '',
  '100% done: a, b',
  'line one\nline two\r\nthree',
  'ends with %0A literally',
  '::error::injected',
  'ünïcödé — “quotes”',
];

const dir = mkdtempSync(join(tmpdir(), 'implement-spec-runner-'));
const outFile = join(dir, 'output');
const summaryFile = join(dir, 'summary');
const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY };

beforeEach(() => {
  process.env.GITHUB_OUTPUT = outFile;
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
});
afterEach(() => {
  process.env.GITHUB_OUTPUT = saved.output;
  process.env.GITHUB_STEP_SUMMARY = saved.summary;
  process.exitCode = undefined;
});

/** Runs `act` with stdout captured and both runner files empty; returns everything the runner would see. */
async function observe(
  act: () => unknown,
): Promise<{ stdout: string; output: string; summary: string; exit: unknown }> {
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  process.exitCode = undefined;
  let stdout = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await act();
  } finally {
    process.stdout.write = write;
  }
  const exit = process.exitCode;
  process.exitCode = undefined;
  const normalise = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');
  return {
    stdout: normalise(stdout),
    output: normalise(readFileSync(outFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    exit,
  };
}

async function same(act: (impl: Impl) => unknown): Promise<void> {
  const ours = await observe(() => act(runner));
  const theirs = await observe(() => act(actionsCore));
  expect(ours).toEqual(theirs);
}

describe('the runner protocol, compared with @actions/core', () => {
  it.each(AWKWARD)('info, groups, masks and failure: %j', async (text) => {
    await same((c) => {
      c.info(text);
      c.startGroup(text);
      c.endGroup();
      c.setSecret(text);
      c.setFailed(text);
    });
  });

  it.each(AWKWARD)('annotations with and without properties: %j', async (text) => {
    const props = [
      {},
      { file: 'specs/a, b:c.md', startLine: 3, startColumn: 5, title: `T: ${text}` },
      { file: 'x.md', startLine: 0, endLine: 0, title: '' },
      { file: '100%\nweird.md', startLine: 1, endLine: 2, startColumn: 1, endColumn: 9 },
    ];
    for (const p of props) {
      await same((c) => {
        c.error(text, p);
        c.warning(text, p);
        c.notice(text, p);
      });
    }
  });

  it.each(AWKWARD)('outputs through GITHUB_OUTPUT, and the stdout fallback without it: %j', async (text) => {
    await same((c) => c.setOutput('status', text));
    await same((c) => {
      delete process.env.GITHUB_OUTPUT;
      c.setOutput('report', text);
    });
  });

  it('inputs: INPUT_ names with spaces and case, trimmed, empty when unset', async () => {
    process.env['INPUT_MAX-COST'] = '  12.5 \n';
    process.env.INPUT_SPACED_NAME = 'x';
    for (const name of ['max-cost', 'spaced name', 'Max-Cost', 'unset-input']) {
      expect(runner.getInput(name)).toBe(actionsCore.getInput(name));
    }
    delete process.env['INPUT_MAX-COST'];
    delete process.env.INPUT_SPACED_NAME;
  });

  it('the job summary: appended on write, buffer emptied, and the same error without GITHUB_STEP_SUMMARY', async () => {
    await same(async (c) => {
      c.summary.addRaw('# Title', true).addRaw('no newline');
      await c.summary.write();
      c.summary.addRaw('second', true);
      await c.summary.write();
    });
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runner.summary.write()).rejects.toThrow(/GITHUB_STEP_SUMMARY/);
  });

  it('an output value cannot end its block early and set another output (fresh delimiter per call)', async () => {
    const evil = 'fine\nghadelimiter_00000000-0000-4000-8000-000000000000\nstatus<<EOF\nsuccess\nEOF';
    writeFileSync(outFile, '');
    runner.setOutput('report', evil);
    runner.setOutput('report2', evil);
    const text = readFileSync(outFile, 'utf8');
    expect(parseOutputFile(text)).toEqual({ report: evil, report2: evil });
    const delimiters = [...text.matchAll(/^report2?<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((m) => m[1]);
    expect(new Set(delimiters).size).toBe(2);
  });
});
