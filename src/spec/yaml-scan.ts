// The fast front-matter reader: the value the yaml package would give for the plain front matter specs use, without
// loading it (it is the largest part of a one-spec `validate` after markdown-it). Null means "not in the subset",
// and the caller lets yaml read it — errors, findings and all.
//
// The subset: top-level `key: value` lines; a value is a plain scalar, a single- or double-quoted one without
// escapes, a flow list of plain scalars (`[a, b]`), or, on the lines below a bare `key:`, a block list whose items are
// plain scalars or flat `key: value` maps (as in `owners:`). Plain scalars resolve as YAML 1.2's core schema does
// (yaml's default): null, true/false, decimal, 0o octal and 0x hex integers, decimal floats; anything that could be
// something else (anchors, tags, comments after a value, multi-line scalars, `:` or ` #` inside, special floats) is
// refused. tests/spec/fast-scan.test.ts holds it to yaml on every spec and on generated front matter.

import { indentOf } from './text.js';
import type { Pos } from './types.js';

export interface ScannedYaml {
  data: Record<string, unknown>;
  /** Where each top-level key starts in the file: its line (`openLine` + the 1-based line in the YAML text) and
   *  column 1. */
  keys: Record<string, Pos>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- +(.*)$/;
/** A plain scalar this reader resolves: no indicator first, no `: `, ` #`, or trailing `:` anywhere. */
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`](?:[^:#]|:(?=\S)|(?<=\S)#)*$/;
const FLOW_PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^,[\]{}:#]*$/;

/** A blank line or a comment line. */
function skippable(line: string): boolean {
  return /^ *(?:#|$)/.test(line);
}

/** A key that yaml also reads as this very string (not `null`, `true`…, which it would turn into other keys). */
function plainKey(key: string): boolean {
  return key !== '__proto__' && typeof resolveCoreScalar(key) === 'string';
}

/** A plain scalar's value by YAML 1.2's core schema (yaml's default): null, a boolean, a number, or the string. */
export function resolveCoreScalar(text: string): unknown {
  // Only null (`~`, n/N), booleans (t/T, f/F) and numbers (sign, dot, digit) start otherwise than a plain string.
  if (!/^[-+.0-9~nNtTfF]/.test(text)) return text;
  if (/^(?:~|null|Null|NULL)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text))
    return Number.parseFloat(text);
  return text;
}

/** A scalar written on one line after `key: ` or `- `, or undefined when outside the subset. */
function scalar(raw: string, flow = false): unknown {
  const text = raw.replace(/ +$/, '');
  if (text === '') return undefined;
  const quoted = /^"([^"\\]*)"$/.exec(text) ?? /^'([^']*)'$/.exec(text);
  if (quoted) return quoted[1];
  if (!(flow ? FLOW_PLAIN : PLAIN).test(text) || /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(text))
    return undefined;
  return resolveCoreScalar(text);
}

function value(raw: string): unknown {
  const text = raw.replace(/ +$/, '');
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const items = inner.split(',').map((item) => scalar(item.trim(), true));
    return items.includes(undefined) ? undefined : items;
  }
  // PLAIN refuses a leading `-` (a YAML indicator), so signed numbers are resolved before it.
  if (/^(?:[-+]?[0-9]|\.[0-9])/.test(text)) {
    const resolved = resolveCoreScalar(text);
    return typeof resolved === 'number' ? resolved : scalar(text);
  }
  return scalar(text);
}

/** Reads `yamlText` (LF lines; the front matter's `---` is on line `openLine`), or returns null when it is not in
 *  the subset. */
export function scanYaml(yamlText: string, openLine = 0): ScannedYaml | null {
  // Tabs, control characters, a BOM and YAML's own line-break characters are all left to yaml.
  if (
    /[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/.test(
      yamlText.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''),
    )
  ) {
    return null;
  }
  const lines = yamlText.split('\n');
  const data: Record<string, unknown> = {};
  const keys: ScannedYaml['keys'] = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (skippable(line)) {
      i++;
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m || !plainKey(m[1]!) || Object.hasOwn(data, m[1]!)) return null;
    const key = m[1]!;
    keys[key] = { line: openLine + i + 1, column: 1 };
    i++;
    if (m[2] !== undefined && m[2].trim() !== '') {
      const v = value(m[2]);
      if (v === undefined) return null;
      data[key] = v;
      continue;
    }
    // A bare `key:`: a block list on the following lines, or null.
    let next = i;
    while (next < lines.length && skippable(lines[next]!)) next++;
    const first = next < lines.length ? ITEM_LINE.exec(lines[next]!) : null;
    if (first === null) {
      if (next < lines.length && /^ /.test(lines[next]!)) return null; // a nested map or a continued scalar
      data[key] = null;
      continue;
    }
    const list = blockList(lines, next, first[1]!.length);
    if (list === null) return null;
    data[key] = list.items;
    i = list.end;
  }
  return Object.keys(data).length > 0 ? { data, keys } : null;
}

/** A block list whose `- ` sits at column `indent`, from line `from`. */
function blockList(lines: string[], from: number, indent: number): { items: unknown[]; end: number } | null {
  const items: unknown[] = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i]!;
    if (skippable(line)) {
      i++;
      continue;
    }
    const item = ITEM_LINE.exec(line);
    if (item === null || item[1]!.length !== indent) {
      if (/^ /.test(line) && (item === null || item[1]!.length > indent)) return null;
      if (indent > 0 && /^ /.test(line)) return null;
      break;
    }
    const body = item[2]!;
    const field = KEY_LINE.exec(body);
    i++;
    if (field === null) {
      const v = value(body);
      if (v === undefined || Array.isArray(v)) return null;
      items.push(v);
      continue;
    }
    // A flat map: `- key: value`, then `key: value` lines aligned with the first key.
    const column = line.length - body.length;
    const map: Record<string, unknown> = {};
    let entry: RegExpExecArray | null = field;
    for (;;) {
      const [, name, raw] = entry;
      if (!plainKey(name!) || Object.hasOwn(map, name!) || raw === undefined || raw.trim() === '')
        return null;
      const v = value(raw);
      if (v === undefined) return null;
      map[name!] = v;
      if (i >= lines.length || indentOf(lines[i]!) !== column) break;
      entry = KEY_LINE.exec(lines[i]!.slice(column));
      if (entry === null) return null;
      i++;
    }
    items.push(map);
  }
  return { items, end: i };
}
