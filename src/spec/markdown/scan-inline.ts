// The inline half of the fast scanner: the tokens markdown-it would make for a paragraph's, heading's or table
// cell's content, when that content uses only text, code spans and line breaks — or null, and markdown-it reads it.
//
// What it takes is chosen so that no other markdown-it inline rule can fire:
// - no `\` (escapes, hard breaks), `~~` (strikethrough), and no `&` or `<` that could start an entity, HTML or an
//   autolink;
// - `*` and `**` only as plain pairs: every run of one or two asterisks either cannot open or close emphasis at all
//   (`2 * 3`), or can only open or only close it, openers and closers alternate, and each pair has equal runs —
//   then markdown-it's delimiter matching pairs them one by one (no rule of 3, no nesting); anything else is refused;
// - `_` only between two ASCII letters or digits (then it can neither open nor close emphasis, as in `price_cents`);
// - `[` and `]` only where no link can form: no `](` (inline links, images) and no `]:` (so the document defines
//   no link references, and `[text]` stays text — GFM task markers `[ ]` / `[x]` are read this way);
// - no text that could hold a bare link, by the same needles that guard linkify-it (link-needles.ts);
// - no space before a line break (markdown-it turns one into a trimmed soft break and two into a hard break).
// Code spans follow markdown-it's backtick rule exactly (a closing run of the same length, line endings read as
// spaces, one space stripped from each side).
import { LINK_NEEDLES, mayHoldLink } from './link-needles.js';
import type { MdToken } from './token.js';

const NO_ATTRIBUTES = (): null => null;

export function inlineToken(type: string, fields: Partial<MdToken> = {}): MdToken {
  return {
    type,
    tag: fields.tag ?? '',
    map: fields.map ?? null,
    markup: fields.markup ?? '',
    info: fields.info ?? '',
    content: fields.content ?? '',
    children: fields.children ?? null,
    attrGet: NO_ATTRIBUTES,
  };
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Offset just past the run of `char` (a backtick by default) starting at `at`. */
function runEnd(content: string, at: number, char = 0x60): number {
  let i = at;
  while (content.charCodeAt(i) === char) i++;
  return i;
}

/** The next backtick run at or after `from`, as [start, end), or null. */
function nextRun(content: string, from: number): [number, number] | null {
  const start = content.indexOf('`', from);
  return start === -1 ? null : [start, runEnd(content, start)];
}

/** Where the last backtick run of each length starts in `content`. */
function lastRunStarts(content: string): Map<number, number> {
  const last = new Map<number, number>();
  for (let run = nextRun(content, 0); run !== null; run = nextRun(content, run[1])) {
    last.set(run[1] - run[0], run[0]);
  }
  return last;
}

/** Start of the next backtick run of exactly `length` from `from`, or -1. */
function closingRun(content: string, from: number, length: number): number {
  for (let run = nextRun(content, from); run !== null; run = nextRun(content, run[1])) {
    if (run[1] - run[0] === length) return run[0];
  }
  return -1;
}

/** The inline children of `content`, or null when it holds anything this scanner does not read. */
export function scanInline(content: string): MdToken[] | null {
  if (content.includes('](') || content.includes(']:')) return null;
  const tokens: MdToken[] = [];
  let textStart = 0;
  const flush = (end: number): boolean => {
    if (end <= textStart) return true;
    const text = content.slice(textStart, end);
    if (mayHoldLink(text) && LINK_NEEDLES.test(text)) return false;
    tokens.push(inlineToken('text', { content: text }));
    return true;
  };
  // Filled after the first opener finds no closer: from then on an opener whose length has no later run is text
  // at once, so text full of unmatched runs is read in linear time (markdown-it keeps the same kind of record).
  let lastRuns: Map<number, number> | null = null;
  for (let p = 0; p < content.length; ) {
    const c = content.charCodeAt(p);
    if (c === 0x60) {
      const open = runEnd(content, p);
      const unmatched = lastRuns !== null && !((lastRuns.get(open - p) ?? -1) >= open);
      const close = unmatched ? -1 : closingRun(content, open, open - p);
      if (close === -1) {
        lastRuns ??= lastRunStarts(content);
        p = open; // an unmatched run is text
        continue;
      }
      if (!flush(p)) return null;
      const code = content
        .slice(open, close)
        .replace(/\n/g, ' ')
        .replace(/^ (.+) $/, '$1');
      tokens.push(inlineToken('code_inline', { content: code, markup: content.slice(p, open) }));
      p = close + (open - p);
      textStart = p;
      continue;
    }
    if (c === 0x0a) {
      if (content.charCodeAt(p - 1) === 0x20 || !flush(p)) return null;
      tokens.push(inlineToken('softbreak'));
      p++;
      while (content.charCodeAt(p) === 0x20) p++;
      textStart = p;
      continue;
    }
    if (c === 0x2a) {
      const end = runEnd(content, p, 0x2a);
      const role = end - p > 2 ? null : delimiterRole(content, p, end);
      if (role === null) return null;
      if (role !== 'text') {
        if (!flush(p)) return null;
        tokens.push(inlineToken('*', { markup: content.slice(p, end), info: role }));
        textStart = end;
      }
      p = end;
      continue;
    }
    if (c === 0x5c) return null; // \
    // `<` can start HTML only before a letter, `/`, `!` or `?`, and an autolink only before a letter or an e-mail
    // address (which the `@` needle refuses); `&` is an entity only before a letter, digit or `#`.
    if (c === 0x3c && /[A-Za-z/!?]/.test(content.charAt(p + 1))) return null;
    if (c === 0x26 && /[A-Za-z0-9#]/.test(content.charAt(p + 1))) return null;
    if (c === 0x7e && (content.charCodeAt(p + 1) === 0x7e || content.charCodeAt(p - 1) === 0x7e)) return null;
    if (c === 0x21 && content.charCodeAt(p + 1) === 0x5b) return null; // ![
    if (c === 0x5f && !(isAsciiAlnum(content.charCodeAt(p - 1)) && isAsciiAlnum(content.charCodeAt(p + 1)))) {
      return null;
    }
    p++;
  }
  return flush(content.length) ? pairEmphasis(tokens) : null;
}

/** markdown-it's whitespace (isWhiteSpace) among ASCII characters; the start and end of content count as space. */
function isAsciiSpace(c: number): boolean {
  return Number.isNaN(c) || c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** markdown-it's ASCII punctuation (isMdAsciiPunct). */
function isAsciiPunct(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e)
  );
}

/** What an asterisk run [start, end) can do, by markdown-it's flanking rules (scanDelims): only open, only close,
 *  neither ('text'), or null when it could do both or sits next to a non-ASCII character (Unicode punctuation
 *  classes are left to markdown-it). */
function delimiterRole(content: string, start: number, end: number): 'open' | 'close' | 'text' | null {
  const last = start > 0 ? content.charCodeAt(start - 1) : Number.NaN;
  const next = content.charCodeAt(end);
  if (last > 0x7f || next > 0x7f) return null;
  const lastSpace = isAsciiSpace(last);
  const nextSpace = isAsciiSpace(next);
  const lastPunct = !lastSpace && isAsciiPunct(last);
  const nextPunct = !nextSpace && isAsciiPunct(next);
  const left = !nextSpace && (!nextPunct || lastSpace || lastPunct);
  const right = !lastSpace && (!lastPunct || nextSpace || nextPunct);
  if (left && right) return null;
  return left ? 'open' : right ? 'close' : 'text';
}

/** Turns the asterisk runs into em/strong tokens when they pair plainly (see the header), else null. */
function pairEmphasis(tokens: MdToken[]): MdToken[] | null {
  let opener: MdToken | null = null;
  // Indexed, as in the other loops that run on every inline text: for…of makes an iterator result per step there.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== '*') continue;
    if (token.info === 'open') {
      if (opener !== null) return null;
      opener = token;
    } else {
      if (opener === null || opener.markup !== token.markup) return null;
      const kind = token.markup.length === 2 ? 'strong' : 'em';
      opener.type = `${kind}_open`;
      token.type = `${kind}_close`;
      opener.info = '';
      token.info = '';
      opener = null;
    }
  }
  return opener === null ? tokens : null;
}
