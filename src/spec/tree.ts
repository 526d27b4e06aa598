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
