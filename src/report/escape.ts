// Escaping for untrusted text (task titles, failure reasons, warnings, file paths) placed in reports.
// Reports land in PR bodies, comments and job summaries: untrusted text must not break a table, open a
// code fence, inject HTML (`<script>`), close an HTML comment (`-->`) the text may be embedded in, or
// hide itself with bidi/control characters. `<`, `>` and `&` therefore never reach the output raw.

// C0/C1 controls (tab and newlines are handled before), and bidi overrides/isolates (Trojan Source).
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029\u0085]/g;

/** One line of plain text: line breaks and tabs become spaces, control and bidi characters go. */
export function toSingleLine(text: string): string {
  return String(text).replace(LINE_BREAKS, ' ').replace(INVISIBLE, '');
}

/** Shorten to at most `max` characters, ending with `…` when cut. */
export function clip(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  // Don't split a surrogate pair.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, Math.max(0, end)) + '…';
}

const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~]/g;

/**
 * Untrusted text as inline Markdown that renders as the same literal text: one line, HTML-special
 * characters as entities, Markdown punctuation backslash-escaped, and no leading block marker.
 * `maxLength` (applied before escaping) bounds what one value can add to a report.
 */
export function escapeInline(text: string, maxLength = 2000): string {
  const line = clip(toSingleLine(text).trim(), maxLength);
  let out = line
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
  // A leading `#`, `-`, `+`, `=` or `1.` would turn a list item into a heading, nested list or rule.
  out = out.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/** Untrusted text for a Markdown table cell: `escapeInline` (which also escapes `|`), empty shown as `-`. */
export function escapeCell(text: string, maxLength = 300): string {
  const out = escapeInline(text, maxLength);
  return out === '' ? '-' : out;
}

/**
 * Free text (titles, reasons, warnings) and file paths in tables additionally have `@mentions` broken with a
 * zero-width space, so a task title or a file the model named `@org/team.ts` can't ping people from a PR
 * body. (A path with an `@` copied from the table then carries the invisible space; safety wins.)
 */
export function escapeProse(text: string, maxLength = 2000): string {
  return escapeInline(text, maxLength).replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

/** `escapeProse` for a table cell. */
export function escapeProseCell(text: string, maxLength = 300): string {
  const out = escapeProse(text, maxLength);
  return out === '' ? '-' : out;
}

// Mermaid labels and node ids: escaped by the graph renderer the plan and the report share.
export { escapeMermaidLabel, mermaidNodeId } from '../plan/graph.js';

/** One POSIX shell word, single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(word) && !word.startsWith('-')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A path is only put into a copy-paste shell command (which sits raw in a code block) when it is one
 * printable line without `<`, `>`, `&` or backticks: those could close an HTML comment or the fence.
 */
export function isShellSafePath(path: string): boolean {
  return path.length > 0 && toSingleLine(path) === path && !/[<>&`]/.test(path);
}

export { fenceFor } from '../core/fence.js';
