// Measures the structure docs/architecture.md promises: which folder of src/ imports which, and how long
// each function is. Uses the TypeScript parser, so type-only imports and `import()` count too.
// `node scripts/structure.mjs` prints the folder graph and every function over 100 lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The layers, lowest first. A folder may import its own layer's modules and any layer below it. */
export const LAYERS = [
  ['spec'],
  ['core'],
  ['agents'],
  ['plan'],
  ['run'],
  ['report'],
  ['github'],
  ['action', 'cli'],
];

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** The top folder of src/ a file belongs to ('' for the entry files at the root of src/). */
export function folderOf(file, srcDir = path.join(rootDir, 'src')) {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length > 1 ? rel[0] : '';
}

function parse(file) {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every relative module a file names: import/export declarations (type-only too) and `import('…')`. */
export function importsOf(file) {
  const sf = parse(file);
  const specs = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));
}

/** Folder-to-folder import edges of src/: `{ from, to, file, target }` for every cross-folder import. */
export function folderEdges(srcDir = path.join(rootDir, 'src')) {
  const edges = [];
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(file, srcDir);
    for (const target of importsOf(file)) {
      const to = folderOf(target, srcDir);
      if (to !== from)
        edges.push({ from, to, file: path.relative(rootDir, file), target: path.relative(rootDir, target) });
    }
  }
  return edges;
}

function layerOf(folder) {
  if (folder === '') return LAYERS.length; // src/main.ts, src/cli.ts: the entries sit above everything
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index === -1 ? -1 : index;
}

/** Imports that point up (or sideways between the two entries), or into a folder no layer names. */
export function layerViolations(srcDir = path.join(rootDir, 'src')) {
  return folderEdges(srcDir).filter((e) => {
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    return from === -1 || to === -1 || to >= from;
  });
}

/** Every function-like node (declarations, methods, arrows, function expressions) with its line count. */
export function functionLengths(srcDir = path.join(rootDir, 'src')) {
  const out = [];
  for (const file of sourceFiles(srcDir)) {
    const sf = parse(file);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        const name =
          node.name?.getText(sf) ??
          (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : '(anonymous)');
        out.push({ file: path.relative(rootDir, file), line: start + 1, name, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const counts = new Map();
  for (const e of folderEdges())
    counts.set(`${e.from || 'src'} -> ${e.to}`, (counts.get(`${e.from || 'src'} -> ${e.to}`) ?? 0) + 1);
  console.log('Folder imports:');
  for (const [edge, n] of [...counts].sort()) console.log(`  ${edge}  (${n})`);
  const bad = layerViolations();
  console.log(`\nUpward imports: ${bad.length}`);
  for (const e of bad) console.log(`  ${e.file} -> ${e.target}`);
  const long = functionLengths().filter((f) => f.lines > 100);
  console.log(
    `\nFunctions over 100 lines: ${long.length} (over 200: ${long.filter((f) => f.lines > 200).length})`,
  );
  for (const f of long) console.log(`  ${f.lines}  ${f.name}  ${f.file}:${f.line}`);
}
