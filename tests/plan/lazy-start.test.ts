// What `plan` does not compute until something shows it: the clock (the end-of-life check) and the spec's hash
// (node:crypto). The output is the same; these tests hold that the work is deferred and still done when read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL, END_OF_LIFE, endOfLifeWarning } from '../../src/core/prices.js';
import { decompose } from '../../src/plan/decompose.js';
import { spec } from './spec-builder.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('endOfLifeWarning reads the clock only for a model with an end-of-life date', () => {
  it('does not read the clock for a current model', () => {
    expect(END_OF_LIFE[DEFAULT_MODEL]).toBeUndefined();
    const toISOString = vi.spyOn(Date.prototype, 'toISOString');
    expect(endOfLifeWarning(DEFAULT_MODEL)).toBeNull();
    expect(toISOString).not.toHaveBeenCalled();
  });

  it("uses today's date for a model that has one", () => {
    const [model, eol] = Object.entries(END_OF_LIFE)[0]!;
    vi.useFakeTimers();
    vi.setSystemTime(new Date(`${eol}T12:00:00Z`));
    expect(endOfLifeWarning(model)).toContain(`${model} reached end of life on ${eol}`);
    vi.setSystemTime(new Date('2020-01-01T12:00:00Z'));
    expect(endOfLifeWarning(model)).toContain(`${model} reaches end of life on ${eol}`);
  });
});

describe('the plan reads the spec hash only when it is shown', () => {
  it('decompose does not read it; plan.spec.hash and the JSON copy do', () => {
    const built = spec().overview('Shoppers filter products.').fr({ title: 'Filter by price' }).build();
    let reads = 0;
    const counted = Object.defineProperty({ ...built }, 'hash', {
      enumerable: true,
      get() {
        reads += 1;
        return 'b'.repeat(64);
      },
    });
    const plan = decompose(counted, { today: '2026-11-01' });
    expect(reads).toBe(0);
    expect(plan.spec.hash).toBe('b'.repeat(64));
    expect(reads).toBe(1);
    expect(JSON.parse(JSON.stringify(plan.spec))).toEqual({
      id: built.metadata.id,
      name: built.metadata.name,
      path: built.path,
      hash: 'b'.repeat(64),
    });
    expect(Object.keys(plan.spec)).toEqual(['id', 'name', 'path', 'hash']);
  });
});
