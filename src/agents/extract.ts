// The fenced fallback: when a model answers with Markdown code blocks instead of calling write_file,
// recover the files it meant to write. Only blocks whose path the model stated are returned as files;
// a file is never written under a name we made up, and a block cut off by max_tokens is never written.

export interface ExtractedFile {
  /** The path as the model named it (leading `./` removed); the workspace validates it. */
  path: string;
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface UnnamedBlock {
  /** The block's language tag (first word of the info string), '' when none. */
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The first characters of the block, to tell the user which block it was. */
  preview: string;
  /** `no-path`: no file path found for it; `unclosed`: the reply ended inside the block. */
  reason: 'no-path' | 'unclosed';
  /** For an unclosed block whose path was named: that path. */
  path?: string;
}

export interface ExtractedBlocks {
  files: ExtractedFile[];
  unnamed: UnnamedBlock[];
}

interface Fence {
  char: '`' | '~';
  length: number;
  info: string;
}

interface RawBlock {
  /** 0-based index of the opening fence line. */
  start: number;
  fence: Fence;
  body: string[];
  closed: boolean;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const PREVIEW_CHARS = 60;

/** Names that are real files although they have neither an extension nor a slash. */
const EXTENSIONLESS_FILES = new Set([
  'Dockerfile',
  'Makefile',
  'Procfile',
  'Gemfile',
  'Rakefile',
  'Brewfile',
  'Jenkinsfile',
  'Containerfile',
  'Vagrantfile',
  'LICENSE',
  'CODEOWNERS',
]);

function parseFence(line: string): Fence | null {
  const m = FENCE_LINE.exec(line);
  if (!m) return null;
  const marks = m[1] ?? '';
  const info = (m[2] ?? '').trim();
  const char = marks[0] === '~' ? '~' : '`';
  // CommonMark: a backtick fence's info string cannot contain backticks (it would be inline code).
  if (char === '`' && info.includes('`')) return null;
  return { char, length: marks.length, info };
}

function closesFence(line: string, open: Fence): boolean {
  const f = parseFence(line);
  return f !== null && f.char === open.char && f.length >= open.length && f.info === '';
}

/**
 * Split text into fenced blocks. A block closes only at a fence of the same character that is at least as
 * long as the opener and has no info string, so ```` fences can hold ``` fences. Inside a ``` block, a
 * same-length fence WITH a language tag opens a nested block (models often write a README containing
 * ```bash sections inside a ```markdown block); if that reading never closes, the strict reading is used.
 */
function scanBlocks(lines: string[]): RawBlock[] {
  const blocks: RawBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = parseFence(lines[i] ?? '');
    if (!open) {
      i++;
      continue;
    }
    let depth = 0;
    let strictClose = -1;
    let close = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (closesFence(line, open)) {
        if (strictClose < 0) strictClose = j;
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
        continue;
      }
      const inner = parseFence(line);
      if (inner && inner.char === open.char && inner.length === open.length && inner.info !== '') depth++;
    }
    if (close < 0) close = strictClose;
    if (close < 0) {
      blocks.push({ start: i, fence: open, body: lines.slice(i + 1), closed: false });
      break;
    }
    blocks.push({ start: i, fence: open, body: lines.slice(i + 1, close), closed: true });
    i = close + 1;
  }
  return blocks;
}

/** True for something that reads as a relative file path: no spaces, and an extension, a slash or a known name. */
export function looksLikePath(candidate: string): boolean {
  const p = candidate.trim();
  if (p.length === 0 || p.length > 300) return false;
  if (/\s/.test(p)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return false; // URLs
  if (!/^[\w./@+~[\]()$%{}=,#-]+$/.test(p)) return false;
  if (p.endsWith('/')) return false;
  const base = p.split('/').pop() ?? '';
  if (base === '' || base === '.' || base === '..') return false;
  if (EXTENSIONLESS_FILES.has(base)) return true;
  // An extension must start with a letter so that `1.2` or `v1.0` do not read as files.
  if (/\.[A-Za-z][A-Za-z0-9_-]*$/.test(base)) return true;
  return p.includes('/') && /[A-Za-z]/.test(base);
}

function cleanPath(p: string): string {
  let out = p.trim();
  while (out.startsWith('./')) out = out.slice(2);
  return out;
}

function unquote(value: string): string {
  const m = /^(["'`])(.*)\1$/.exec(value);
  return m ? (m[2] ?? '') : value;
}

/** `filepath:src/x.ts`, `ts filepath=src/x.ts`, `path="a b.ts"`, `typescript:src/x.ts`, `src/x.ts`. */
function pathFromInfo(info: string): string | null {
  if (info === '') return null;
  const keyed = /(?:^|\s)(?:filepath|file_path|filename|file|path)\s*[:=]\s*("[^"]*"|'[^']*'|\S+)/i.exec(
    info,
  );
  if (keyed) {
    // An explicit key is taken at its word; the workspace decides whether the path is acceptable.
    const value = cleanPath(unquote(keyed[1] ?? ''));
    return value === '' ? null : value;
  }
  const first = info.split(/\s+/)[0] ?? '';
  const langColon = /^[\w+#-]+:(.+)$/.exec(first);
  if (langColon && looksLikePath(langColon[1] ?? '')) return cleanPath(langColon[1] ?? '');
  if ((first.includes('/') || first.includes('.')) && looksLikePath(first)) return cleanPath(first);
  return null;
}

const LABEL_PREFIX = /^(?:file\s*path|filepath|file\s*name|filename|file|path)\s*:\s*/i;

/** A first-line comment that is nothing but a path, in the comment syntaxes of common languages. */
function pathFromFirstLineComment(line: string): string | null {
  const t = line.trim();
  const forms = [
    /^\/\/\s*(.+?)\s*$/, // C-family, JS/TS, Go, Rust
    /^#\s*(.+?)\s*$/, // shell, Python, YAML, Ruby
    /^--\s*(.+?)\s*$/, // SQL, Lua, Haskell
    /^\/\*+\s*(.+?)\s*\*+\/$/, // CSS, C
    /^<!--\s*(.+?)\s*-->$/, // HTML, XML, Markdown
    /^;+\s*(.+?)\s*$/, // Lisp, INI
    /^%\s*(.+?)\s*$/, // Erlang, LaTeX
  ];
  for (const form of forms) {
    const m = form.exec(t);
    if (!m) continue;
    const body = (m[1] ?? '').replace(LABEL_PREFIX, '');
    const candidate = unquote(body.replace(/^`(.*)`$/, '$1'));
    if (looksLikePath(candidate)) return cleanPath(candidate);
    return null;
  }
  return null;
}

/**
 * A label line right before a block: `### src/x.ts`, `**src/x.ts**`, `` `src/x.ts` ``, `File: src/x.ts`,
 * `- **File:** `src/x.ts``, `1. src/x.ts:`, and a sentence ending in a code-formatted path
 * (`Create `src/x.ts`:`).
 */
function pathFromLabel(line: string): string | null {
  let t = line.trim();
  if (t === '') return null;
  t = t.replace(/^#{1,6}\s+/, '');
  t = t.replace(/^(?:[-*+]|\d+[.)])\s+/, '');
  t = t.replace(/:\s*$/, '');
  t = t.replace(/\s+\((?:new|updated?|modified|created?|new file|full file|complete)\)$/i, '');
  // Strip emphasis and code marks layer by layer, and a `File:` label inside or outside them.
  for (let round = 0; round < 4; round++) {
    const before = t;
    t = t.replace(/^(\*\*|__|\*|_)(.+)\1$/, '$2').trim();
    t = t.replace(/^`([^`]+)`$/, '$1').trim();
    t = t.replace(/^\*\*(?:file\s*path|filepath|file\s*name|filename|file|path)\s*:?\s*\*\*\s*/i, '');
    t = t.replace(LABEL_PREFIX, '').trim();
    t = t.replace(/:\s*$/, '');
    if (t === before) break;
  }
  if (looksLikePath(t)) return cleanPath(t);
  // A sentence that ends with a code-formatted path, e.g. "Now update `src/app.ts`:".
  const trailing = /`([^`\s]+)`\s*:?\s*$/.exec(line.trim());
  if (trailing && looksLikePath(trailing[1] ?? '')) return cleanPath(trailing[1] ?? '');
  return null;
}

function previewOf(body: string[]): string {
  const text = body.join('\n').trim().replace(/\s+/g, ' ');
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

/** The non-blank line before `start`, skipping at most one blank line, unless it is a fence. */
function labelLineBefore(lines: string[], start: number, previousEnd: number): string | null {
  let k = start - 1;
  if (k > previousEnd && (lines[k] ?? '').trim() === '') k--;
  if (k <= previousEnd) return null;
  const line = lines[k] ?? '';
  if (line.trim() === '' || parseFence(line)) return null;
  return line;
}

/** Find the files a Markdown reply states in fenced code blocks, and the blocks that cannot be written. */
export function extractFileBlocks(text: string): ExtractedBlocks {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const files: ExtractedFile[] = [];
  const unnamed: UnnamedBlock[] = [];
  let previousEnd = -1;
  for (const block of scanBlocks(lines)) {
    const lang = (block.fence.info.split(/\s+/)[0] ?? '').replace(/:.*$/, '');
    let body = block.body;
    let path = pathFromInfo(block.fence.info);
    if (!path) {
      const label = labelLineBefore(lines, block.start, previousEnd);
      path = label ? pathFromLabel(label) : null;
    }
    const fromComment = body.length > 0 ? pathFromFirstLineComment(body[0] ?? '') : null;
    if (!path && fromComment) path = fromComment;
    // The naming comment was a label for us, not part of the file (it would break `<?xml` or a shebang).
    if (fromComment && fromComment === path) body = body.slice(1);
    previousEnd = block.start + block.body.length + (block.closed ? 1 : 0);
    const line = block.start + 1;
    if (!block.closed) {
      unnamed.push({ lang, line, preview: previewOf(body), reason: 'unclosed', ...(path ? { path } : {}) });
      continue;
    }
    if (!path) {
      unnamed.push({ lang, line, preview: previewOf(body), reason: 'no-path' });
      continue;
    }
    const content = body.length === 0 ? '' : `${body.join('\n')}\n`;
    files.push({ path, content, line });
  }
  return { files, unnamed };
}

const DONE_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?DONE(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/;
const ITEM_ID = /\b[A-Z]{2,5}-[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*\b/g;

/** Spec item ids from `DONE: FR-1, AT-2` lines outside code blocks, in order, without duplicates. */
export function extractDoneItems(text: string): string[] {
  return doneLine(text) ?? [];
}

/** The item ids of the DONE lines outside code blocks, or null when the text has no DONE line at all. */
export function doneLine(text: string): string[] | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const inBlock = new Set<number>();
  for (const block of scanBlocks(lines)) {
    const end = block.start + block.body.length + (block.closed ? 1 : 0);
    for (let k = block.start; k <= end; k++) inBlock.add(k);
  }
  const items: string[] = [];
  let found = false;
  lines.forEach((line, index) => {
    if (inBlock.has(index)) return;
    const m = DONE_LINE.exec(line);
    if (!m) return;
    found = true;
    for (const id of (m[1] ?? '').match(ITEM_ID) ?? []) if (!items.includes(id)) items.push(id);
  });
  return found ? items : null;
}
