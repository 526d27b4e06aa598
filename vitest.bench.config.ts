import { defineConfig } from 'vitest/config';

// `npm run bench`: benchmarks are vitest files too (TypeScript, same imports as the tests), run alone,
// one at a time, with generous time limits. They print a table; nothing in them asserts a duration.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
