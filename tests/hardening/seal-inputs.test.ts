// The small seals of issue 11: spec files are read only from inside the checkout (no symbolic links, never
// .git), spec-paths never match .git, a spec name is one line wherever it goes, and file paths in a report
// table cannot ping anyone.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { findSpecFiles } from '../../src/spec/discover.js';
import { loadSpec, SpecReadError } from '../../src/spec/load.js';
import { parseSpec } from '../../src/spec/parse.js';
import { matchesSpecPaths } from '../../src/spec/spec-paths.js';
import { buildRunResult } from '../report/fixtures.js';

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'seal-inputs-'));
  root = path.join(dir, 'repo');
  mkdirSync(path.join(root, 'specs'), { recursive: true });
  mkdirSync(path.join(root, '.git'), { recursive: true });
  writeFileSync(path.join(dir, 'event.json'), 'RUNNER-SECRET-PAYLOAD');
  writeFileSync(path.join(root, 'specs', 'ok.md'), '---\nname: Ok\n---\n# Overview\n');
  writeFileSync(path.join(root, '.git', 'spec.md'), '# in git\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('spec files are read only from inside the checkout', () => {
  it('refuses a symbolic link pointing outside, and one inside pointing elsewhere in the checkout', async () => {
    symlinkSync(path.join(dir, 'event.json'), path.join(root, 'specs', 'leak.md'));
    symlinkSync(path.join(root, 'specs', 'ok.md'), path.join(root, 'specs', 'alias.md'));
    for (const name of ['leak.md', 'alias.md']) {
      const err = await loadSpec(path.join(root, 'specs', name), `specs/${name}`, root).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SpecReadError);
      expect((err as Error).message).toMatch(/symbolic link/);
    }
    // Without the root (the CLI on a spec the user names), the same call reads it: the check is what stops it.
    expect((await loadSpec(path.join(root, 'specs', 'leak.md'))).findings.length).toBeGreaterThan(0);
  });

  it('refuses a spec behind a linked directory, outside the root, or inside .git', async () => {
    symlinkSync(dir, path.join(root, 'linked'));
    const cases: [string, RegExp][] = [
      ['linked/event.json', /symbolic link/],
      ['../event.json', /outside the checkout/],
      ['.git/spec.md', /inside \.git/],
    ];
    for (const [rel, why] of cases) {
      await expect(loadSpec(path.join(root, rel), rel, root)).rejects.toThrow(why);
    }
    expect((await loadSpec(path.join(root, 'specs/ok.md'), 'specs/ok.md', root)).path).toBe('specs/ok.md');
  });

  it('never finds or matches a spec inside .git, whatever spec-paths says', async () => {
    const globbed = await findSpecFiles(['**/*.md', '.git/*.md'], root);
    expect(globbed.files.map((f) => path.relative(root, f))).toEqual([path.join('specs', 'ok.md')]);
    expect(globbed.problems.join(' ')).toMatch(/inside \.git/);
    const named = await findSpecFiles(['.git/spec.md'], root);
    expect(named.files).toEqual([]);
    expect(matchesSpecPaths('.git/spec.md', ['**/*.md'])).toBe(false);
    expect(matchesSpecPaths('sub/.GIT/x.md', ['**'])).toBe(false);
    expect(matchesSpecPaths('specs/a.md', ['**/*.md'])).toBe(true);
  });
});

describe('one-line spec names', () => {
  it('folds a multi-line name into one line (it becomes the commit subject and the PR title)', () => {
    const spec = parseSpec(
      'specs/x.md',
      Buffer.from(
        '---\nid: x\nname: |\n  Price filter\n  Co-authored-by: Mallory <m@evil>\n---\n# Overview\n',
      ),
    );
    expect(spec.metadata.name).toBe('Price filter Co-authored-by: Mallory <m@evil>');
    expect(spec.metadata.name).not.toMatch(/[\r\n]/);
  });
});

describe('report tables', () => {
  it('break @mentions in file paths like in prose', () => {
    const result = buildRunResult();
    result.writes = [{ ...result.writes[0]!, path: 'src/@octo-org/everyone.ts' }];
    result.spec = { ...result.spec, path: 'specs/@admins.md' };
    // Code blocks (the undo commands) render no mentions; everything else must not carry a live one.
    const md = renderReportMarkdown(result).replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
    expect(md).not.toMatch(/@octo-org|@admins/);
    expect(md).toContain('@\u200bocto-org');
  });
});

describe('the spec input', () => {
  it('is checked like the dispatch input, for push runs too, and so are sandbox-env and bot-login', () => {
    const read = (extra: Record<string, string>) => () =>
      readInputs((name) => ({ 'anthropic-api-key': 'k', 'github-token': 't', ...extra })[name] ?? '');
    expect(read({ spec: '../outside.md' })).toThrow(/input "spec".*"\.\."/);
    expect(read({ spec: '/etc/passwd' })).toThrow(/input "spec".*absolute/);
    expect(read({ spec: 'specs/a.md;rm' })).toThrow(/input "spec"/);
    expect(read({ spec: 'specs/a.md' })().spec).toBe('specs/a.md');
    expect(read({ 'sandbox-env': 'FOO, GITHUB_TOKEN' })).toThrow(/sandbox-env.*GITHUB_TOKEN.*credentials/);
    expect(read({ 'sandbox-env': 'FOO\nBAR_2' })().sandboxEnv).toEqual(['FOO', 'BAR_2']);
    expect(read({ 'bot-login': 'x y' })).toThrow(/bot-login/);
    expect(read({ 'bot-login': 'my-app[bot]' })().botLogin).toBe('my-app[bot]');
  });
});
