import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationReportSchema } from '../../src/spec/validation-json.js';
import { ANSI, cli, NOT_READY_EXAMPLES, READY_EXAMPLES, scratchWithExamples } from './helpers.js';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = scratchWithExamples());
  // A ready spec whose maturity is quoted: still ready, but with a G1/maturity-as-text warning.
  const darkMode = readFileSync(join(dir, 'specs', 'dark-mode-toggle.md'), 'utf8');
  expect(darkMode).toMatch(/^maturity: 1$/m);
  mkdirSync(join(dir, 'warn'));
  writeFileSync(join(dir, 'warn', 'quoted-maturity.md'), darkMode.replace(/^maturity: 1$/m, 'maturity: "1"'));
  // Specs inside node_modules and .git are never searched.
  mkdirSync(join(dir, 'specs', 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'specs', 'node_modules', 'pkg', 'README.md'), 'not a spec\n');
  mkdirSync(join(dir, 'specs', '.git'));
  writeFileSync(join(dir, 'specs', '.git', 'NOTES.md'), 'not a spec\n');
  mkdirSync(join(dir, 'nospecs'));
  writeFileSync(join(dir, 'nospecs', 'notes.txt'), 'no markdown here\n');
});
afterAll(() => cleanup());

const sorted = (names: string[]) => names.map((n) => `specs/${n}`).sort();

describe('validate: text output', () => {
  it('checks a whole directory in one run: a verdict line per spec, findings with path:line:col, exit 1', async () => {
    const r = await cli(['validate', 'specs'], { cwd: dir });
    expect(r.code).toBe(1);
    const verdicts = r.stdout.split('\n').filter((l) => /^(READY|NOT READY) {2}/.test(l));
    expect(verdicts.map((l) => l.split(/ {2}/)[1]).sort()).toEqual(
      sorted([...READY_EXAMPLES, ...NOT_READY_EXAMPLES]),
    );
    for (const name of READY_EXAMPLES) expect(r.stdout).toMatch(new RegExp(`^READY {2}specs/${name}`, 'm'));
    for (const name of NOT_READY_EXAMPLES)
      expect(r.stdout).toMatch(new RegExp(`^NOT READY {2}specs/${name}`, 'm'));
    // path:line:col  severity  gate/rule  message  (hint)
    expect(r.stdout).toMatch(
      /^ {2}specs\/csv-export\.md:\d+:\d+ {2}error {2}G2\/fr-without-validation {2}FR-2 .+ {2}\(Under FR-2, .+\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}specs\/audit-log-viewer\.md:\d+:\d+ {2}error {2}G1\/missing-section {2}/m);
    expect(r.stdout).not.toContain('node_modules');
    expect(r.stdout).not.toContain('.git/');
    expect(r.stdout).toMatch(/^6 spec\(s\): 4 ready, 2 not ready$/m);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toBe('');
  });

  it('exits 0 when every spec is ready; files, directories and globs mix and are deduplicated', async () => {
    const r = await cli(
      [
        'validate',
        'specs/dark-mode-toggle.md',
        'specs/p*.md',
        './specs/dark-mode-toggle.md',
        'specs/checkout-*.md',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^4 spec\(s\): 4 ready, 0 not ready$/m);
    expect(r.stdout.match(/^READY {2}specs\/dark-mode-toggle\.md/gm)).toHaveLength(1);
  });

  it('matches recursive globs with minimatch', async () => {
    const r = await cli(['validate', '**/csv-*.md', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = ValidationReportSchema.parse(JSON.parse(r.stdout));
    expect(report.specs.map((s) => s.path)).toEqual(['specs/csv-export.md']);
  });

  it('shows paths relative to the cwd', async () => {
    const r = await cli(['validate', join(dir, 'specs', 'dark-mode-toggle.md')], { cwd: join(dir, 'specs') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^READY {2}dark-mode-toggle\.md {2}dark-mode-toggle {2}score 100%/m);
    const up = await cli(['validate', '../warn'], { cwd: join(dir, 'specs') });
    // Outside the cwd a relative path would be ../…; the absolute path is clearer.
    expect(up.stdout).toContain(join(dir, 'warn', 'quoted-maturity.md'));
  });

  it('--quiet prints only specs that are not ready, without info findings', async () => {
    const r = await cli(['validate', 'specs', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/^READY/m);
    expect(r.stdout).toMatch(/^NOT READY {2}specs\/csv-export\.md/m);
    expect(r.stdout).not.toContain('  info  ');
    const all = await cli(['validate', 'specs/password-reset.md'], { cwd: dir });
    expect(all.stdout).toContain('  info  G1/default-filled');
    const quietReady = await cli(['validate', 'specs/password-reset.md', '--quiet'], { cwd: dir });
    expect(quietReady.code).toBe(0);
    expect(quietReady.stdout).toBe('1 spec(s): 1 ready, 0 not ready');
  });
});

describe('validate: colour', () => {
  const spec = 'specs/csv-export.md';
  it('is plain when stdout is not a TTY', async () => {
    expect((await cli(['validate', spec], { cwd: dir, tty: false })).stdout).not.toMatch(ANSI);
  });
  it('is coloured on a TTY', async () => {
    const r = await cli(['validate', spec], { cwd: dir, tty: true });
    expect(r.stdout).toContain('\u001b[31mNOT READY\u001b[39m');
    expect(r.stdout).toContain('\u001b[31merror\u001b[39m');
  });
  it('is never coloured with NO_COLOR, even on a TTY and even with FORCE_COLOR', async () => {
    expect(
      (await cli(['validate', spec], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toMatch(ANSI);
    const both = await cli(['validate', spec], {
      cwd: dir,
      tty: true,
      env: { NO_COLOR: '1', FORCE_COLOR: '1' },
    });
    expect(both.stdout).not.toMatch(ANSI);
  });
  it('FORCE_COLOR colours a pipe; TERM=dumb turns it off on a TTY', async () => {
    expect((await cli(['validate', spec], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect(
      (await cli(['validate', spec], { cwd: dir, tty: true, env: { TERM: 'dumb' } })).stdout,
    ).not.toMatch(ANSI);
  });
  it('never puts colour codes in --json, even on a TTY', async () => {
    const r = await cli(['validate', spec, '--json'], { cwd: dir, tty: true, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
    ValidationReportSchema.parse(JSON.parse(r.stdout));
  });
});

describe('validate --json', () => {
  it('prints ONE document matching ValidationReportSchema for all specs', async () => {
    const r = await cli(['validate', 'specs', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = ValidationReportSchema.parse(JSON.parse(r.stdout));
    expect(report.summary).toEqual({ total: 6, ready: 4, notReady: 2 });
    expect(report.specs.map((s) => s.path)).toEqual(sorted([...READY_EXAMPLES, ...NOT_READY_EXAMPLES]));
    const csv = report.specs.find((s) => s.path === 'specs/csv-export.md')!;
    expect(csv).toMatchObject({
      id: 'orders-csv-export',
      name: 'Orders CSV export',
      complexity: 'EASY',
      maturity: 2,
      layout: 'formal',
      ready: false,
    });
    expect(csv.score).toBeLessThan(100);
    expect(csv.gates.find((g) => g.gate === 'G2')).toEqual({ gate: 'G2', applicable: true, passed: false });
    expect(csv.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['vague-term', 'fr-without-validation', 'ac-missing-gwt']),
    );
    const audit = report.specs.find((s) => s.path === 'specs/audit-log-viewer.md')!;
    expect(audit.layout).toBe('maturity');
    const ready = report.specs.find((s) => s.path === 'specs/checkout-discount-codes.md')!;
    expect(ready).toMatchObject({ ready: true, score: 100, complexity: 'HIGH', maturity: 5 });
    expect(ready.gates.every((g) => !g.applicable || g.passed)).toBe(true);
  });

  it('exits 0 for ready specs and still prints exactly one document', async () => {
    const r = await cli(
      ['validate', 'specs/dark-mode-toggle.md', 'specs/product-price-filter.md', '--json'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    expect(ValidationReportSchema.parse(JSON.parse(r.stdout)).summary).toEqual({
      total: 2,
      ready: 2,
      notReady: 0,
    });
  });
});

describe('validate --strict', () => {
  it('a warning alone keeps a spec ready (exit 0) but fails with --strict (exit 1)', async () => {
    const plain = await cli(['validate', 'warn/quoted-maturity.md'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(
      /^ {2}warn\/quoted-maturity\.md:\d+:\d+ {2}warning {2}G1\/maturity-as-text {2}/m,
    );
    const strict = await cli(['validate', 'warn/quoted-maturity.md', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    const strictJson = await cli(['validate', 'warn', '--strict', '--json'], { cwd: dir });
    expect(strictJson.code).toBe(1);
    const spec = ValidationReportSchema.parse(JSON.parse(strictJson.stdout)).specs[0]!;
    expect(spec).toMatchObject({ ready: true, maturity: 1 });
    expect(spec.findings.some((f) => f.severity === 'warning' && f.rule === 'maturity-as-text')).toBe(true);
  });

  it('--strict --quiet still shows a ready spec that fails only on warnings', async () => {
    const r = await cli(['validate', 'warn', '--strict', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^READY {2}warn\/quoted-maturity\.md/m);
    expect(r.stdout).toContain('warning  G1/maturity-as-text');
  });

  it('--strict on specs without warnings still exits 0', async () => {
    expect((await cli(['validate', 'specs/dark-mode-toggle.md', '--strict'], { cwd: dir })).code).toBe(0);
  });
});

describe('validate: usage errors and unreadable paths exit 2 with what to do', () => {
  it('no arguments', async () => {
    const r = await cli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('validate needs at least one spec file, directory or glob');
    expect(r.stderr).toContain('implement-spec validate --help');
  });
  it('an unknown option', async () => {
    const r = await cli(['validate', 'specs', '--jsn'], { cwd: dir });
    expect(r.code).toBe(2);
    // One line naming the option, one line saying where the options are; nothing else, exit 2.
    expect(r.stderr).toBe(
      "implement-spec validate: unknown option '--jsn'.\nRun `implement-spec validate --help` for its options.",
    );
    expect(r.stdout).toBe('');
  });
  it('a missing file', async () => {
    const r = await cli(['validate', 'specs/nope.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('specs/nope.md does not exist');
    expect(r.stderr).toContain('Pass a spec file (.md), a directory of specs, or a glob');
  });
  it('a directory with no specs', async () => {
    const r = await cli(['validate', 'nospecs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nospecs is a directory with no .md specs in it');
  });
  it('a glob that matches nothing', async () => {
    const r = await cli(['validate', 'specs/*.markdown'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No file matches specs/*.markdown');
  });
  it('one bad path among good ones still exits 2 and names the bad one', async () => {
    const r = await cli(['validate', 'specs/dark-mode-toggle.md', 'missing-dir'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing-dir does not exist');
    expect(r.stdout).toBe('');
  });
});

describe('validate: bad spec contents are findings (exit 1), never a crash', () => {
  it('an empty file', async () => {
    writeFileSync(join(dir, 'empty.md'), '');
    const r = await cli(['validate', 'empty.md', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const spec = ValidationReportSchema.parse(JSON.parse(r.stdout)).specs[0]!;
    expect(spec).toMatchObject({ path: 'empty.md', ready: false });
    expect(spec.findings.some((f) => f.severity === 'error')).toBe(true);
  });
  it('a binary file', async () => {
    writeFileSync(
      join(dir, 'image.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    );
    const r = await cli(['validate', 'image.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NOT READY {2}image\.md/m);
    expect(r.stdout).toMatch(/^ {2}image\.md:1:1 {2}error {2}G1\/.+binary/m);
  });
  it('a 5 MB spec completes with a verdict', { timeout: 120_000 }, async () => {
    const base = readFileSync(join(dir, 'specs', 'dark-mode-toggle.md'), 'utf8');
    const paragraph = `${'The toggle keeps the chosen theme for the next visit. '.repeat(20)}\n\n`;
    const filler = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    writeFileSync(join(dir, 'big.md'), `${base}\n## Notes\n\n${filler}`);
    const r = await cli(['validate', 'big.md', '--json'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    const report = ValidationReportSchema.parse(JSON.parse(r.stdout));
    expect(report.summary.total).toBe(1);
    expect(report.specs[0]!.id).toBe('dark-mode-toggle');
  });
});

describe('help', () => {
  it.each([['--help'], ['-h'], ['help']])(
    '%s prints every command, option and example, exit 0',
    async (...argv) => {
      const r = await cli(argv, { cwd: dir });
      expect(r.code).toBe(0);
      for (const cmd of ['validate', 'plan', 'run']) expect(r.stdout).toContain(`implement-spec ${cmd} <`);
      for (const opt of [
        '--json',
        '--strict',
        '--quiet',
        '--force',
        '--agents',
        '--mode',
        '--model',
        '--dry-run',
      ]) {
        expect(r.stdout).toContain(opt);
      }
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('Exit codes:');
    },
  );

  it('validate --help shows only validate: its synopsis and options, not those of plan or run', async () => {
    const r = await cli(['validate', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('implement-spec validate <file|dir|glob>...');
    for (const opt of ['--json', '--strict', '--quiet']) expect(r.stdout).toContain(opt);
    for (const other of [
      'implement-spec plan <',
      'implement-spec run <',
      '--agents',
      '--dry-run',
      '--max-cost',
    ]) {
      expect(r.stdout).not.toContain(other);
    }
  });

  it.each([
    ['plan', '-h'],
    ['run', '--help'],
    ['run', 'spec.md', '--help'],
  ])('%s %s shows that command only, exit 0', async (...argv) => {
    const r = await cli(argv, { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`implement-spec ${argv[0]} <spec>`);
    expect(r.stdout).not.toContain('implement-spec validate <');
    expect(r.stdout).not.toContain('--quiet');
    if (argv[0] === 'plan') expect(r.stdout).not.toContain('--dry-run');
    else expect(r.stdout).toContain('--dry-run');
  });

  it('--version prints the package version alone, exit 0', async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    );
    for (const flag of ['--version', '-v']) {
      const r = await cli([flag], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(version);
    }
  });

  it('an option where a command belongs, or a value missing: one line and the hint, exit 2', async () => {
    const early = await cli(['--json'], { cwd: dir });
    expect(early.code).toBe(2);
    expect(early.stderr.trim().split('\n')).toEqual([
      "implement-spec: unknown option '--json' (options go after the command: validate, plan or run).",
      'Run `implement-spec --help` for usage.',
    ]);
    const missing = await cli(['plan', 'specs/dark-mode-toggle.md', '--mode'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([
      "implement-spec plan: option '--mode' needs a value.",
      'Run `implement-spec plan --help` for its options.',
    ]);
  });

  it('no command prints the help and exits 2', async () => {
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage:');
  });
  it('an unknown command exits 2 naming the commands', async () => {
    const r = await cli(['valdate', 'specs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "valdate". Commands: validate, plan, run.');
  });
});
