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
    // Both CommonJS patterns need `exports` right before a `.` or `=`/space: TypeScript sources rarely have it.
    if (content.includes('exports')) {
      for (const m of content.matchAll(CJS_OBJECT)) listNames(m[1]!).forEach(add);
      for (const m of content.matchAll(CJS_NAMED)) add(m[1]);
    }
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
 * `path: a, b, c` per file in path order until the next line would pass `maxChars`; the files from there on
 * are counted at the end. The scan stops reading at that point, so a repository bigger than the map costs
 * the reads of what the map shows, not of every source file. Deterministic: the same files give the same
 * bytes (the map sits in a cached prompt).
 */
export class SymbolMapBuilder {
  private readonly lines: string[] = [];
  private used = 0;

  constructor(private readonly maxChars = SYMBOL_MAP_MAX_CHARS) {}

  /** Adds a file's line (none when it exports nothing); false when the line does not fit: the map is full. */
  add(path: string, names: string[]): boolean {
    if (names.length === 0) return true;
    const line = `${path}: ${names.join(', ')}`;
    const shown = line.length > 300 ? `${line.slice(0, 297)}…` : line;
    if (this.used + shown.length + 1 > this.maxChars) return false;
    this.lines.push(shown);
    this.used += shown.length + 1;
    return true;
  }

  /** The map; `notListed` source files (the one that did not fit and those after it) are counted at the end. */
  render(notListed = 0): string {
    const tail = notListed > 0 ? [`(${notListed} more source file(s) not listed; use search_code)`] : [];
    return [...this.lines, ...tail].join('\n');
  }
}

/** The map of these files, as the scan builds it: in path order, counting the files after the first that does not fit. */
export function renderSymbolMap(
  entries: { path: string; names: string[] }[],
  maxChars = SYMBOL_MAP_MAX_CHARS,
): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const map = new SymbolMapBuilder(maxChars);
  const full = sorted.findIndex((e) => !map.add(e.path, e.names));
  return map.render(full < 0 ? 0 : sorted.length - full);
}
