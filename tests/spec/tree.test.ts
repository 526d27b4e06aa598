// A spec's Markdown tree is kept beside it for the gates, and may be let go (the validate command does, to keep
// 1,000 verdicts without 1,000 trees); a spec without its tree is parsed again, with the same verdict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/parse.js';
import { forgetTree, recallTree } from '../../src/spec/tree.js';
import { validateSpec } from '../../src/spec/validate.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'specs');

describe('spec trees', () => {
  it('a forgotten tree is gone, and the gates read the source again to the same verdict', () => {
    for (const name of ['product-price-filter.md', 'csv-export.md', 'checkout-discount-codes.md']) {
      const spec = parseSpec(name, readFileSync(join(EXAMPLES, name)));
      const before = validateSpec(spec);
      forgetTree(spec);
      expect(recallTree(spec)).toBeUndefined();
      expect(validateSpec(spec)).toStrictEqual(before);
    }
  });

  it('a copy of a spec (no tree of its own) gets the same verdict', () => {
    const spec = parseSpec('csv-export.md', readFileSync(join(EXAMPLES, 'csv-export.md')));
    const copy = JSON.parse(JSON.stringify(spec));
    expect(recallTree(copy)).toBeUndefined();
    expect(validateSpec(copy).findings).toStrictEqual(validateSpec(spec).findings);
  });
});
