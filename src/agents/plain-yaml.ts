// The front matter the prompts carry, written as YAML without loading the yaml package (issue 13: `plan` should
// cost little more than `validate`, and the package is ~0.4 MB to compile). It writes what
// `YAML.stringify(data, { sortMapEntries: true, lineWidth: 0 }).trimEnd()` writes, for the values front matter
// is made of: maps with plain keys, lists, null, booleans, finite numbers and strings that YAML leaves unquoted.
// Anything else (a string that needs quotes or a block, a shared object YAML would anchor, a Date) returns
// undefined, and the caller uses the yaml package. tests/agents-context/plain-yaml.test.ts holds the output
// equal to the package's on every spec we have and on generated values.
import { resolveCoreScalar } from '../spec/yaml-scan.js';

/** Whether YAML 1.2's core schema would read this plain string as null, a boolean or a number: the rule the
 *  spec's front-matter reader resolves scalars by (yaml-scan.ts), so writer and reader cannot disagree. */
function readAsOtherType(value: string): boolean {
  return typeof resolveCoreScalar(value) !== 'string';
}

/** Starts with a letter, digit or `_`; then letters, digits, spaces and punctuation that is plain inside. */
const PLAIN_ASCII = /^[A-Za-z0-9_][A-Za-z0-9 _.,/()@+'=;!?&*%$~:#<>^-]*$/;
/** The same with any Unicode letter or digit; built on first use (a `\p{…}` class costs ~1 ms to compile). */
let plainUnicode: RegExp | undefined;

function plainChars(value: string): boolean {
  if (PLAIN_ASCII.test(value)) return true;
  if (!/[^\x00-\x7f]/.test(value)) return false;
  plainUnicode ??= /^[\p{L}\p{N}_][\p{L}\p{N} _.,/()@+'=;!?&*%$~:#<>^-]*$/u;
  return plainUnicode.test(value);
}

function isPlain(value: string): boolean {
  return value.length <= 1000 && plainChars(value) && !/: | #|[ :]$/.test(value) && !readAsOtherType(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Unsupported extends Error {}

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Unsupported();
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (!isPlain(value)) throw new Unsupported();
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  if (isPlainObject(value)) return Object.values(value).some((v) => v !== undefined) ? undefined : '{}';
  throw new Unsupported();
}

/** Lines of a non-empty map or list at `indent`. `seen` refuses a shared object (YAML would anchor it). */
function block(value: unknown, indent: string, seen: Set<object>, out: string[]): void {
  if (seen.has(value as object)) throw new Unsupported();
  seen.add(value as object);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === undefined) throw new Unsupported();
      const s = scalar(item);
      if (s !== undefined) {
        out.push(`${indent}- ${s}`);
        continue;
      }
      const start = out.length;
      block(item, `${indent}  `, seen, out);
      out[start] = `${indent}- ${out[start]!.slice(indent.length + 2)}`;
    }
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => cmp(a, b));
  for (const [key, v] of entries) {
    if (!isPlain(key)) throw new Unsupported();
    const s = scalar(v);
    if (s !== undefined) {
      out.push(`${indent}${key}: ${s}`);
      continue;
    }
    out.push(`${indent}${key}:`);
    block(v, `${indent}  `, seen, out);
  }
}

/** The YAML text of `data` (trailing newline trimmed), or undefined when it needs the yaml package. */
export function plainYaml(data: Record<string, unknown>): string | undefined {
  try {
    if (!isPlainObject(data)) return undefined;
    const s = scalar(data);
    if (s !== undefined) return s;
    const out: string[] = [];
    block(data, '', new Set(), out);
    return out.join('\n');
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
