// The Markdown tree of each parsed spec, kept beside it (not inside it) so that Spec stays plain JSON data.
// G2 needs the tree to tell prose from code; a Spec built elsewhere is re-parsed from its source.
import type { Root } from 'mdast';
import type { Spec } from './types.js';

export interface SpecTree {
  root: Root;
  /** The text the tree was parsed from: LF line endings, front matter blanked, same lines as the file. */
  body: string;
}

const trees = new WeakMap<Spec, SpecTree>();

export function rememberTree(spec: Spec, tree: SpecTree): void {
  trees.set(spec, tree);
}

export function recallTree(spec: Spec): SpecTree | undefined {
  return trees.get(spec);
}

/** Lets the tree go while the spec lives on (a later recallTree parses the source again). */
export function forgetTree(spec: Spec): void {
  trees.delete(spec);
}

let fullParser: ((path: string, source: string) => Spec) | undefined;

/** parse.ts registers its parseSpec here when it loads, so a tree can be rebuilt for a spec the fast readers
 *  decline without this module importing markdown-it. */
export function setFullParser(parse: (path: string, source: string) => Spec): void {
  fullParser = parse;
}

/** Parses `spec`'s source again with the full parser. A spec whose text the fast readers declined was read by
 *  parse.ts, which registered itself; so this only fails for a hand-made Spec in a process that never loaded it. */
export function reparseFully(spec: Spec): Spec {
  if (fullParser === undefined) {
    throw new Error(
      `The Markdown tree of ${spec.path} is unavailable: parse it with parseSpec or loadSpec first.`,
    );
  }
  return fullParser(spec.path, spec.source);
}
