import { describe, expect, it } from 'vitest';
import {
  escapeCell,
  escapeInline,
  escapeMermaidLabel,
  escapeProse,
  fenceFor,
  isShellSafePath,
  mermaidNodeId,
  shellQuote,
} from '../../src/report/escape.js';

const MALICIOUS = 'a | b\nc --> <script>alert(1)</script> `x` "] [y](z) & @octocat';

describe('escapeInline / escapeCell', () => {
  it('keeps untrusted text on one line with no raw pipe, HTML or backtick', () => {
    const out = escapeCell(MALICIOUS);
    expect(out).not.toContain('\n');
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(out).not.toContain('-->');
    expect(out).not.toMatch(/(^|[^\\])`/);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('\\[y\\](z)');
    expect(out).toContain('&amp;');
  });

  it('neutralises leading block markers and control/bidi characters', () => {
    expect(escapeInline('# heading')).toBe('\\# heading');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('1. first')).toBe('1\\. first');
    expect(escapeInline('a\u202eb\u0000c\u0007')).toBe('abc');
    expect(escapeInline('line1\r\nline2\u2028line3')).toBe('line1 line2 line3');
  });

  it('shows an empty cell as a dash and clips long values', () => {
    expect(escapeCell('   ')).toBe('-');
    const long = escapeCell('x'.repeat(1000), 50);
    expect(long.length).toBe(50);
    expect(long.endsWith('…')).toBe(true);
  });

  it('breaks @mentions in prose only', () => {
    expect(escapeProse('ping @octocat')).toBe('ping @\u200boctocat');
    expect(escapeInline('node_modules/@types/x')).toBe('node\\_modules/@types/x');
  });
});

describe('escapeMermaidLabel', () => {
  it('encodes everything that could end a label or inject markup', () => {
    const out = escapeMermaidLabel('Title"] --> evil[<b>`x`</b>] {y} #1');
    expect(out).not.toMatch(/["<>`[\]{}]/);
    expect(out).toContain('#quot;');
    expect(out).toContain('#lt;');
    expect(out).toContain('#35;1');
  });

  it('makes node ids from letters, digits and underscores only', () => {
    expect(mermaidNodeId('task-001')).toBe('t_task_001');
    expect(mermaidNodeId('end')).toBe('t_end');
    expect(mermaidNodeId('a"];click x')).toMatch(/^t_[A-Za-z0-9_]+$/);
  });
});

describe('shell helpers', () => {
  it('quotes words that are not plainly safe', () => {
    expect(shellQuote('src/app.ts')).toBe('src/app.ts');
    expect(shellQuote('my file.ts')).toBe("'my file.ts'");
    expect(shellQuote("it's $(rm -rf ~).ts")).toBe(`'it'\\''s $(rm -rf ~).ts'`);
    expect(shellQuote('-rf')).toBe("'-rf'");
  });

  it('refuses paths that could break the code block or a comment', () => {
    expect(isShellSafePath('src/a b.ts')).toBe(true);
    expect(isShellSafePath('a\nb')).toBe(false);
    expect(isShellSafePath('x-->y')).toBe(false);
    expect(isShellSafePath('```')).toBe(false);
  });

  it('makes fences longer than any backtick run', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('a ```` b')).toBe('`````');
  });
});
