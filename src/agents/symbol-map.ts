// The repository's symbol map: the names each source file exports, one line per file, small enough (~1.5k
// tokens) to sit in the cached prompt prefix of every task. It tells an agent where things live before it
// spends a turn searching, the way aider's repo map does, with plain regexes instead of a parser.

/** About 1,500 tokens at ~4 characters per token. */
export const SYMBOL_MAP_MAX_CHARS = 6_000;
/** Source files bigger than this are generated or vendored: their names are noise. */
export const SYMBOL_SOURCE_MAX_BYTES = 128 * 1024;

const JS_EXT = /\.(?:[cm]?[jt]sx?)$/;
const JS_DECL =
  /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm;
const JS_LIST = /^export\s+(?:type\s+)?\{([^}]*)\}/gm;
const CJS_OBJECT = /^module\.exports\s*=\s*\{([^}]*)\}/gm;
const CJS_NAMED = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/gm;
const PY_DECL = /^(?:async\s+)?(?:def|class)\s+([A-Za-z][\w]*)/gm;
const GO_DECL = /^(?:func|type)\s+(?:\([^)]*\)\s*)?([A-Z]\w*)/gm;

function listNames(list: string): string[] {
  return list
    .split(',')
    .map(
      (part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? '',
    )
    .map((name) =>
      name
        .replace(/^type\s+/, '')
        .split(':')[0]!
        .trim(),
    )
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}

/** Exported names of one file, in source order, without duplicates; [] for languages we do not read. */
export function exportedNames(path: string, content: string): string[] {
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name && !names.includes(name)) names.push(name);
  };
  if (JS_EXT.test(path)) {
    // Every JS pattern starts with `export` or `module.exports`: most files (tests, scripts) have neither, and
    // one substring search is much cheaper than four multiline regex scans of the whole file.
    if (!content.includes('export')) return names;
    for (const m of content.matchAll(JS_DECL)) add(m[1]);
    for (const m of content.matchAll(JS_LIST)) listNames(m[1]!).forEach(add);
    for (const m of content.matchAll(CJS_OBJECT)) listNames(m[1]!).forEach(add);
    for (const m of content.matchAll(CJS_NAMED)) add(m[1]);
  } else if (path.endsWith('.py')) {
    for (const m of content.matchAll(PY_DECL)) add(m[1]);
  } else if (path.endsWith('.go')) {
    for (const m of content.matchAll(GO_DECL)) add(m[1]);
  }
  return names;
}

export function isSymbolSource(path: string): boolean {
  return JS_EXT.test(path) || path.endsWith('.py') || path.endsWith('.go');
}

/**
 * `path: a, b, c` per file in path order, within `maxChars`; files that do not fit are counted at the end.
 * Deterministic: the same files give the same bytes (the map sits in a cached prompt).
 */
export function renderSymbolMap(
  entries: { path: string; names: string[] }[],
  maxChars = SYMBOL_MAP_MAX_CHARS,
): string {
  const lines: string[] = [];
  let used = 0;
  let left = 0;
  const sorted = entries
    .filter((e) => e.names.length > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) {
    const line = `${entry.path}: ${entry.names.join(', ')}`;
    const shown = line.length > 300 ? `${line.slice(0, 297)}…` : line;
    if (used + shown.length + 1 > maxChars) {
      left++;
      continue;
    }
    lines.push(shown);
    used += shown.length + 1;
  }
  if (left > 0) lines.push(`(${left} more file(s) with exports not listed; use search_code)`);
  return lines.join('\n');
}
