// Markdown spec → typed Spec, reading any Markdown and YAML: the fast readers first, markdown-it and the yaml package
// for what they decline (see build-spec.ts). Pure: no file system, never throws on bad input.
import { buildSpec, FAST_READERS, type SpecReaders } from './build-spec.js';
import { yamlPackageReader } from './frontmatter-yaml.js';
import { parseMarkdown } from './markdown.js';
import { setFullParser } from './tree.js';
import type { Spec } from './types.js';

export { MAX_SPEC_BYTES } from './build-spec.js';
export { parseMarkdown };

const FULL_READERS: SpecReaders = {
  yaml: (yamlText, openLine) =>
    FAST_READERS.yaml(yamlText, openLine) ?? yamlPackageReader(yamlText, openLine),
  markdown: (body) => FAST_READERS.markdown(body) ?? parseMarkdown(body),
};

export function parseSpec(path: string, content: Buffer | string): Spec {
  // The full readers never decline.
  return buildSpec(FULL_READERS, path, content)!;
}

setFullParser(parseSpec);
