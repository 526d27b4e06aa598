import { describe, expect, it } from 'vitest';
import { COMMAND_USAGE, parseCommand, specPathProblem } from '../../src/github/command.js';

function expectError(body: string, messagePart: string | RegExp) {
  const parsed = parseCommand(body);
  expect(parsed.kind).toBe('error');
  if (parsed.kind !== 'error') return;
  expect(parsed.message).toMatch(messagePart);
  expect(parsed.usage).toBe(COMMAND_USAGE('/implement-spec'));
}

describe('parseCommand: recognising the command', () => {
  it('ignores bodies that do not start with the command', () => {
    expect(parseCommand('LGTM')).toEqual({ kind: 'none' });
    expect(parseCommand('')).toEqual({ kind: 'none' });
    expect(parseCommand('please /implement-spec specs/a.md')).toEqual({ kind: 'none' });
  });

  it('needs a space or the end after the command word', () => {
    expect(parseCommand('/implement-specs specs/a.md')).toEqual({ kind: 'none' });
    expect(parseCommand('/implement-spec:x')).toEqual({ kind: 'none' });
    expect(parseCommand('/implement-spec')).toEqual({ kind: 'run', specs: [], dryRun: false });
    expect(parseCommand('/implement-spec\tspecs/a.md')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
    });
  });

  it('reads only the first line', () => {
    expect(parseCommand('/implement-spec specs/a.md\n--mode bogus\n$(rm -rf /)')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
    });
    expect(parseCommand('/implement-spec specs/a.md --dry-run\r\nthanks')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: true,
    });
    expect(parseCommand('hello\n/implement-spec specs/a.md')).toEqual({ kind: 'none' });
  });

  it('tolerates leading and trailing whitespace on the first line', () => {
    expect(parseCommand('   /implement-spec   specs/a.md   ')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
    });
  });

  it('supports a custom command word', () => {
    expect(parseCommand('/build-spec specs/a.md', '/build-spec')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
    });
    expect(parseCommand('/implement-spec specs/a.md', '/build-spec')).toEqual({ kind: 'none' });
    const help = parseCommand('/build-spec --help', '/build-spec');
    expect(help.kind === 'help' && help.usage.includes('/build-spec approve')).toBe(true);
  });
});

describe('parseCommand: run flags', () => {
  it('parses every flag in both --flag value and --flag=value form', () => {
    expect(
      parseCommand(
        '/implement-spec specs/a.md specs/b.md --dry-run --agents backend,tests --mode parallel --max-cost 2.5',
      ),
    ).toEqual({
      kind: 'run',
      specs: ['specs/a.md', 'specs/b.md'],
      dryRun: true,
      agents: ['backend', 'tests'],
      mode: 'parallel',
      maxCost: 2.5,
    });
    expect(
      parseCommand('/implement-spec --agents=frontend --mode=sequential --max-cost=10 specs/a.md'),
    ).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
      agents: ['frontend'],
      mode: 'sequential',
      maxCost: 10,
    });
  });

  it('accepts --dry-run=true / --dry-run=false', () => {
    expect(parseCommand('/implement-spec --dry-run=false')).toMatchObject({ kind: 'run', dryRun: false });
    expect(parseCommand('/implement-spec --dry-run=true')).toMatchObject({ kind: 'run', dryRun: true });
    expectError('/implement-spec --dry-run=yes', /--dry-run/);
  });

  it('removes duplicate specs and agents and a leading ./', () => {
    expect(parseCommand('/implement-spec ./specs/a.md specs/a.md --agents a,b,a')).toEqual({
      kind: 'run',
      specs: ['specs/a.md'],
      dryRun: false,
      agents: ['a', 'b'],
    });
  });

  it('accepts decimal costs written without a leading digit', () => {
    expect(parseCommand('/implement-spec --max-cost .75')).toMatchObject({ maxCost: 0.75 });
  });
});

describe('parseCommand: approve and help', () => {
  it('parses approve', () => {
    expect(parseCommand('/implement-spec approve')).toEqual({ kind: 'approve' });
    expect(parseCommand('/implement-spec approve\nthe plan looks right')).toEqual({ kind: 'approve' });
  });

  it('rejects arguments after approve', () => {
    expectError('/implement-spec approve now', /approve.*no arguments/);
  });

  it('returns usage for --help and help', () => {
    const usage = COMMAND_USAGE('/implement-spec');
    expect(parseCommand('/implement-spec --help')).toEqual({ kind: 'help', usage });
    expect(parseCommand('/implement-spec help')).toEqual({ kind: 'help', usage });
    expect(parseCommand('/implement-spec specs/a.md --help')).toEqual({ kind: 'help', usage });
    expect(usage).toContain('--max-cost');
    expect(usage).toContain('/implement-spec approve');
  });
});

describe('replies never carry live user text', () => {
  it('quotes mentions, images, links and HTML from the comment only inside one code span', () => {
    const evil =
      '@octo-org/everyone ![x](https://evil.example/p.png) [click](https://evil.example) <img src=x>';
    for (const body of [
      `/implement-spec --${evil.replace(/ /g, '')}`,
      `/implement-spec --mode ${evil.split(' ')[0]}`,
      `/implement-spec approve ${evil}`,
      '/implement-spec --max-cost `@x`@team',
    ]) {
      const parsed = parseCommand(body);
      expect(parsed.kind).toBe('error');
      if (parsed.kind !== 'error') continue;
      // Outside code spans nothing of the user's text is left to render.
      const prose = parsed.message.replace(/`[^`]*`/g, '');
      expect(prose).not.toMatch(/@|!\[|\]\(|<img/);
      expect((parsed.message.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('parseCommand: errors', () => {
  it('rejects unknown flags', () => {
    expectError('/implement-spec --force', /unknown option `--force`/);
    expectError('/implement-spec -x', /unknown option `-x`/);
    expectError('/implement-spec --', /unknown option `--`/);
  });

  it('rejects a bad mode', () => {
    expectError('/implement-spec --mode fast', /"sequential" or "parallel".*`fast`/);
  });

  it('rejects missing values', () => {
    expectError('/implement-spec --mode', /"--mode" needs a value/);
    expectError('/implement-spec --agents --dry-run', /"--agents" needs a value/);
    expectError('/implement-spec --agents=', /at least one agent/);
    expectError('/implement-spec --agents ,,', /at least one agent/);
  });

  it('rejects non-numeric, zero and negative costs', () => {
    expectError('/implement-spec --max-cost abc', /positive number.*`abc`/);
    expectError('/implement-spec --max-cost -5', /positive number.*`-5`/);
    expectError('/implement-spec --max-cost=0', /positive number/);
    expectError('/implement-spec --max-cost 1e3', /positive number/);
    expectError('/implement-spec --max-cost $5', /positive number/);
    expectError('/implement-spec --max-cost Infinity', /positive number/);
  });

  it('rejects a flag given twice', () => {
    expectError('/implement-spec --mode parallel --mode sequential', /more than once/);
  });

  it('rejects bad agent names', () => {
    expectError('/implement-spec --agents backend,$(id)', /agent name `\$\(id\)`/);
  });

  it('rejects absolute, escaping and oddly-charactered spec paths', () => {
    expectError('/implement-spec /etc/passwd', /absolute/);
    expectError('/implement-spec ../outside.md', /"\.\."/);
    expectError('/implement-spec specs/../../x.md', /"\.\."/);
    expectError('/implement-spec specs/ü.md', /characters other than/);
    expectError('/implement-spec specs/a\0.md', /NUL/);
    expectError(`/implement-spec ${'a'.repeat(600)}.md`, /longer than/);
  });
});

describe('parseCommand: injection strings are data, never commands', () => {
  const attacks = [
    '; rm -rf /',
    'specs/a.md;rm',
    '$(whoami)',
    '`whoami`',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal workflow expression is the attack being tested
    '${{ secrets.ANTHROPIC_API_KEY }}',
    'specs/a.md&&curl',
    'specs/a.md|sh',
    "specs/'a'.md",
    'specs/"a".md',
    '>out',
  ];
  for (const attack of attacks) {
    it(`rejects ${JSON.stringify(attack)} as a spec path`, () => {
      const parsed = parseCommand(`/implement-spec specs/ok.md ${attack}`);
      expect(parsed.kind).toBe('error');
      if (parsed.kind === 'error') expect(parsed.message).toMatch(/characters other than|absolute/);
    });
  }
});

describe('specPathProblem', () => {
  it('accepts ordinary repository-relative paths', () => {
    expect(specPathProblem('specs/product-price-filter.md')).toBeNull();
    expect(specPathProblem('.github/specs/v1.2/a_b.md')).toBeNull();
  });

  it('names the problem', () => {
    expect(specPathProblem('')).toMatch(/empty/);
    expect(specPathProblem('/a.md')).toMatch(/absolute/);
    expect(specPathProblem('a/../b.md')).toMatch(/\.\./);
  });
});
