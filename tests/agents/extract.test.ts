import { describe, expect, it } from 'vitest';
import { extractDoneItems, extractFileBlocks, looksLikePath } from '../../src/agents/extract.js';

const F = '```';

describe('extractFileBlocks: path forms', () => {
  it('reads filepath: as the whole info string', () => {
    const r = extractFileBlocks(`Here it is:\n${F}filepath:src/x.ts\nexport const x = 1;\n${F}\n`);
    expect(r.files).toEqual([{ path: 'src/x.ts', content: 'export const x = 1;\n', line: 2 }]);
    expect(r.unnamed).toEqual([]);
  });

  it.each([
    ['ts filepath=src/x.ts', 'src/x.ts'],
    ['ts path=src/x.ts', 'src/x.ts'],
    ['ts file=src/x.ts', 'src/x.ts'],
    ['python filename="app/main.py"', 'app/main.py'],
    ["ts path='src/quoted.ts'", 'src/quoted.ts'],
    ['typescript:src/lang-colon.ts', 'src/lang-colon.ts'],
    ['src/bare-info.ts', 'src/bare-info.ts'],
    ['ts filepath=./src/dot.ts', 'src/dot.ts'],
  ])('reads the info string %s', (info, path) => {
    const r = extractFileBlocks(`${F}${info}\nbody\n${F}`);
    expect(r.files.map((f) => f.path)).toEqual([path]);
    expect(r.files[0]?.content).toBe('body\n');
  });

  it.each([
    ['// src/x.ts', 'ts', 'src/x.ts'],
    ['# app/x.py', 'python', 'app/x.py'],
    ['-- db/001.sql', 'sql', 'db/001.sql'],
    ['/* src/x.css */', 'css', 'src/x.css'],
    ['<!-- x.html -->', 'html', 'x.html'],
    ['// File: src/labelled.ts', 'ts', 'src/labelled.ts'],
    ['# Dockerfile', 'dockerfile', 'Dockerfile'],
  ])('reads a first-line comment %s and drops that label line', (comment, lang, path) => {
    const r = extractFileBlocks(`${F}${lang}\n${comment}\nline one\nline two\n${F}`);
    expect(r.files).toEqual([{ path, content: 'line one\nline two\n', line: 1 }]);
  });

  it.each([
    ['### src/x.ts'],
    ['**src/x.ts**'],
    ['`src/x.ts`'],
    ['File: src/x.ts'],
    ['**File:** `src/x.ts`'],
    ['### `src/x.ts`'],
    ['1. `src/x.ts`:'],
    ['Now create `src/x.ts`:'],
    ['#### src/x.ts (new)'],
  ])('reads the label line before the block: %s', (label) => {
    const r = extractFileBlocks(`Intro.\n\n${label}\n\n${F}ts\nexport {};\n${F}\n`);
    expect(r.files.map((f) => f.path)).toEqual(['src/x.ts']);
    expect(r.files[0]?.content).toBe('export {};\n');
  });

  it('prefers the info string over a label line and keeps a non-path comment as content', () => {
    const r = extractFileBlocks(
      `### src/other.ts\n${F}ts filepath=src/x.ts\n// helper for x\nconst a = 1;\n${F}`,
    );
    expect(r.files).toEqual([{ path: 'src/x.ts', content: '// helper for x\nconst a = 1;\n', line: 2 }]);
  });

  it('does not take a label that belongs to an earlier block', () => {
    const text = `### src/a.ts\n${F}ts\na\n${F}\n${F}ts\nb\n${F}`;
    const r = extractFileBlocks(text);
    expect(r.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(r.unnamed).toEqual([{ lang: 'ts', line: 5, preview: 'b', reason: 'no-path' }]);
  });

  it('returns several files in order with their fence lines', () => {
    const text = [`${F}ts filepath=src/a.ts`, 'a', F, 'then', `${F}py filepath=b.py`, 'b', F].join('\n');
    const r = extractFileBlocks(text);
    expect(r.files).toEqual([
      { path: 'src/a.ts', content: 'a\n', line: 1 },
      { path: 'b.py', content: 'b\n', line: 5 },
    ]);
  });
});

describe('extractFileBlocks: fences', () => {
  it('keeps ``` fences inside a four-backtick block as content', () => {
    const inner = `# Title\n\n${F}bash\nnpm test\n${F}\n\nMore text.`;
    const r = extractFileBlocks(`\`\`\`\`markdown filepath=README.md\n${inner}\n\`\`\`\`\nAfter.`);
    expect(r.files).toEqual([{ path: 'README.md', content: `${inner}\n`, line: 1 }]);
  });

  it('closes only at a fence at least as long as the opener', () => {
    const r = extractFileBlocks(`\`\`\`\`ts filepath=a.ts\nx\n${F}\ny\n\`\`\`\`\``);
    expect(r.files[0]?.content).toBe(`x\n${F}\ny\n`);
  });

  it('reads a README with tagged inner ``` blocks inside a ``` block', () => {
    const inner = `Install:\n\n${F}bash\nnpm i\n${F}\n\nDone.`;
    const r = extractFileBlocks(`${F}markdown filepath=README.md\n${inner}\n${F}\n`);
    expect(r.files).toEqual([{ path: 'README.md', content: `${inner}\n`, line: 1 }]);
  });

  it('supports tilde fences, which backticks do not close', () => {
    const r = extractFileBlocks(`~~~ts filepath=src/t.ts\nconst s = \`\n${F}\n\`;\n~~~\n`);
    expect(r.files).toEqual([{ path: 'src/t.ts', content: `const s = \`\n${F}\n\`;\n`, line: 1 }]);
  });

  it('reports an unclosed final block as incomplete and never returns it as a file', () => {
    const r = extractFileBlocks(
      `${F}ts filepath=src/done.ts\nok\n${F}\n\n${F}ts filepath=src/cut.ts\nexport function f() {\n  return`,
    );
    expect(r.files.map((f) => f.path)).toEqual(['src/done.ts']);
    expect(r.unnamed).toEqual([
      {
        lang: 'ts',
        line: 5,
        preview: 'export function f() { return',
        reason: 'unclosed',
        path: 'src/cut.ts',
      },
    ]);
  });

  it('returns a block without a path as unnamed, with a preview', () => {
    const r = extractFileBlocks(`Run this:\n\n${F}bash\nnpm install && npm test\n${F}\n`);
    expect(r.files).toEqual([]);
    expect(r.unnamed).toEqual([
      { lang: 'bash', line: 3, preview: 'npm install && npm test', reason: 'no-path' },
    ]);
  });

  it('does not read a comment that is not a path as a file name', () => {
    const r = extractFileBlocks(
      `${F}python\n# Install the dependencies\nimport os\n${F}\n${F}js\n// version 1.2\n${F}`,
    );
    expect(r.files).toEqual([]);
    expect(r.unnamed.map((u) => u.reason)).toEqual(['no-path', 'no-path']);
  });

  it('does not read a prose line or a plain heading as a path', () => {
    const r = extractFileBlocks(`### Implementation\n${F}ts\na\n${F}\nHere is the code:\n${F}ts\nb\n${F}`);
    expect(r.files).toEqual([]);
    expect(r.unnamed).toHaveLength(2);
  });

  it('handles CRLF line endings and empty blocks', () => {
    const r = extractFileBlocks(
      `${F}ts filepath=src/crlf.ts\r\na\r\nb\r\n${F}\r\n${F}txt filepath=empty.txt\r\n${F}`,
    );
    expect(r.files).toEqual([
      { path: 'src/crlf.ts', content: 'a\nb\n', line: 1 },
      { path: 'empty.txt', content: '', line: 5 },
    ]);
  });

  it('returns nothing for text without fences', () => {
    expect(extractFileBlocks('Just prose, `inline` code and src/x.ts mentioned.')).toEqual({
      files: [],
      unnamed: [],
    });
  });
});

describe('looksLikePath', () => {
  it.each([
    'src/x.ts',
    'x.html',
    'app/[id]/page.tsx',
    '.gitignore',
    'Makefile',
    'db/migrations/001.sql',
    'bin/run',
  ])('accepts %s', (p) => expect(looksLikePath(p)).toBe(true));
  it.each(['', 'Install the deps', 'version 1.2', '1.2', 'e.g.', 'https://x.io/a.js', 'src/', 'hello'])(
    'rejects %s',
    (p) => expect(looksLikePath(p)).toBe(false),
  );
});

describe('extractDoneItems', () => {
  it('collects ids from DONE lines in order without duplicates', () => {
    const text = 'Some work.\nDONE: FR-1, AT-2\n- DONE: FR-1 US-3\n**DONE:** DT-checksum-1';
    expect(extractDoneItems(text)).toEqual(['FR-1', 'AT-2', 'US-3', 'DT-checksum-1']);
  });

  it('ignores DONE lines inside code blocks and lines that only mention done', () => {
    const text = `${F}txt\nDONE: FR-9\n${F}\nThis is done: FR-4 works.\nDONE: AT-1`;
    expect(extractDoneItems(text)).toEqual(['AT-1']);
  });

  it('returns an empty list when there is no DONE line', () => {
    expect(extractDoneItems('All finished.')).toEqual([]);
  });
});
