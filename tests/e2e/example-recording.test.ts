// The README's first command replays examples/recordings/product-price-filter: a recording of the
// example spec's run, made against the fake Anthropic server with HAND-WRITTEN replies (one realistic
// file per task). Regenerate it after a change to the plan or the prompts:
//   RECORD_EXAMPLE=1 npx vitest run tests/e2e/example-recording.test.ts
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { formatUsd } from '../../src/report/format.js';
import { replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { parseAllMermaid, tablesOf } from '../report/render-check.js';
import { CLI_ENTRY, REPO_ROOT } from './harness.js';

const SPEC = 'examples/specs/product-price-filter.md';
const RECORDING = 'examples/recordings/product-price-filter';

/** What each role's agent writes for the example: short, but real code for the spec's items. */
const FILES: Record<string, { path: string; content: string }> = {
  database: {
    path: 'migrations/001_products_price_cents_index.sql',
    content: `-- FR-1 / PERF-2: range queries on price use an index scan.
ALTER TABLE products ADD COLUMN IF NOT EXISTS price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0);
CREATE INDEX IF NOT EXISTS products_price_cents_idx ON products (price_cents);
CREATE INDEX IF NOT EXISTS products_category_price_idx ON products (category, price_cents);
`,
  },
  'backend-data': {
    path: 'src/products/product-repository.ts',
    content: `import type { Pool } from 'pg';

export interface Product {
  id: string;
  name: string;
  category: string;
  priceCents: number;
}

export interface PriceRange {
  minPriceCents?: number;
  maxPriceCents?: number;
}

/** Products in the inclusive price range, optionally in one category (AND semantics, FR-4). */
export async function findProducts(db: Pool, range: PriceRange, category?: string): Promise<Product[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (range.minPriceCents !== undefined) where.push(\`price_cents >= $\${params.push(range.minPriceCents)}\`);
  if (range.maxPriceCents !== undefined) where.push(\`price_cents <= $\${params.push(range.maxPriceCents)}\`);
  if (category !== undefined) where.push(\`category = $\${params.push(category)}\`);
  const sql = \`SELECT id, name, category, price_cents FROM products\${where.length ? \` WHERE \${where.join(' AND ')}\` : ''} ORDER BY price_cents, id\`;
  const { rows } = await db.query(sql, params);
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category, priceCents: r.price_cents }));
}
`,
  },
  'backend-logic': {
    path: 'src/products/price-range.ts',
    content: `import type { PriceRange } from './product-repository.js';

export class InvalidPriceRangeError extends Error {
  readonly code = 'INVALID_PRICE_RANGE';
}

function parseBound(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\\d+$/.test(raw)) throw new InvalidPriceRangeError(\`\${name} must be a non-negative integer number of cents\`);
  return Number(raw);
}

/** FR-1, FR-2: parse minPrice/maxPrice (cents) from the query string; reject invalid ranges. */
export function parsePriceRange(query: { minPrice?: string; maxPrice?: string }): PriceRange {
  const minPriceCents = parseBound('minPrice', query.minPrice);
  const maxPriceCents = parseBound('maxPrice', query.maxPrice);
  if (minPriceCents !== undefined && maxPriceCents !== undefined && minPriceCents > maxPriceCents) {
    throw new InvalidPriceRangeError('minPrice must not exceed maxPrice');
  }
  return { minPriceCents, maxPriceCents };
}
`,
  },
  'backend-api': {
    path: 'src/products/products-route.ts',
    content: `import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { InvalidPriceRangeError, parsePriceRange } from './price-range.js';
import { findProducts } from './product-repository.js';

/** GET /api/products?minPrice=&maxPrice=&category= */
export function productsRoute(db: Pool) {
  return async (req: Request, res: Response) => {
    try {
      const range = parsePriceRange({ minPrice: req.query.minPrice as string, maxPrice: req.query.maxPrice as string });
      const category = typeof req.query.category === 'string' ? req.query.category : undefined;
      res.json({ products: await findProducts(db, range, category) });
    } catch (err) {
      if (err instanceof InvalidPriceRangeError) {
        res.status(400).json({ error: { code: err.code, message: err.message } });
        return;
      }
      res.status(503).json({ error: { code: 'CATALOG_UNAVAILABLE', message: 'The catalog is unavailable; retry later.' } });
    }
  };
}
`,
  },
  'backend-harden': {
    path: 'src/products/query-limits.ts',
    content: `/** Security and performance guards for the product list endpoint. */
export const MAX_QUERY_STRING_LENGTH = 2048;
export const MAX_PRICE_CENTS = 100_000_000;

export function checkQueryLimits(rawQuery: string): string | null {
  if (rawQuery.length > MAX_QUERY_STRING_LENGTH) return 'query string too long';
  return null;
}

/** Logged without personal data: the range only. */
export function auditEntry(range: { minPriceCents?: number; maxPriceCents?: number }): string {
  return JSON.stringify({ event: 'product_list_filtered', min: range.minPriceCents ?? null, max: range.maxPriceCents ?? null });
}
`,
  },
  frontend: {
    path: 'src/components/PriceRangeInput.tsx',
    content: `import { useState } from 'react';

/** FR-3: two numeric inputs and an Apply button; the range goes into the URL as cents. */
export function PriceRangeInput({ initialMin, initialMax, onApply }: {
  initialMin?: number;
  initialMax?: number;
  onApply: (minCents?: number, maxCents?: number) => void;
}) {
  const [min, setMin] = useState(initialMin === undefined ? '' : String(initialMin / 100));
  const [max, setMax] = useState(initialMax === undefined ? '' : String(initialMax / 100));
  const toCents = (v: string) => (v === '' ? undefined : Math.round(Number(v) * 100));
  return (
    <form onSubmit={(e) => { e.preventDefault(); onApply(toCents(min), toCents(max)); }}>
      <label htmlFor="min-price">Minimum price</label>
      <input id="min-price" type="number" min="0" value={min} onChange={(e) => setMin(e.target.value)} />
      <label htmlFor="max-price">Maximum price</label>
      <input id="max-price" type="number" min="0" value={max} onChange={(e) => setMax(e.target.value)} />
      <button type="submit">Apply</button>
    </form>
  );
}
`,
  },
  test: {
    path: 'tests/products/price-range.test.ts',
    content: `import { describe, expect, it } from 'vitest';
import { InvalidPriceRangeError, parsePriceRange } from '../../src/products/price-range.js';

describe('price range', () => {
  it('AT-1: Given products priced 500 to 9000 cents, When the range 1000..5000 is requested, Then only that range is parsed', () => {
    expect(parsePriceRange({ minPrice: '1000', maxPrice: '5000' })).toEqual({ minPriceCents: 1000, maxPriceCents: 5000 });
  });
  it('AT-2: Given a minimum above the maximum, When the list is requested, Then INVALID_PRICE_RANGE is raised', () => {
    expect(() => parsePriceRange({ minPrice: '5000', maxPrice: '1000' })).toThrow(InvalidPriceRangeError);
  });
  it('rejects negative bounds', () => {
    expect(() => parsePriceRange({ minPrice: '-1' })).toThrow(InvalidPriceRangeError);
  });
});
`,
  },
};

function fileFor(agent: string, title: string): { path: string; content: string } {
  if (agent === 'database') return FILES.database!;
  if (agent === 'frontend') return FILES.frontend!;
  if (agent === 'test') {
    return /AT-3/.test(title) && !/AT-1/.test(title)
      ? {
          path: 'tests/components/price-range-input.test.tsx',
          content: FILES.test!.content.replace('price range', 'price range input'),
        }
      : FILES.test!;
  }
  if (/data access/i.test(title)) return FILES['backend-data']!;
  if (/\bAPI\b/.test(title)) return FILES['backend-api']!;
  if (/harden/i.test(title)) {
    const f = FILES['backend-harden']!;
    return /SEC-1/.test(title) ? f : { path: 'src/products/audit.ts', content: f.content };
  }
  return FILES['backend-logic']!;
}

/** The review: hand-written verdicts that cite lines of the files written above. */
function reviewReply(message: string) {
  const ids = [...new Set([...message.matchAll(/^### ((?:FR|AT|AC)-\d+):/gm)].map((m) => m[1]!))];
  const evidence: Record<string, string[]> = {
    'FR-1': ['src/products/product-repository.ts:17-25'],
    'FR-2': ['src/products/price-range.ts:13-20'],
    'FR-3': ['src/components/PriceRangeInput.tsx:4-20'],
    'FR-4': ['src/products/product-repository.ts:20'],
    'AT-1': ['tests/products/price-range.test.ts:5-7'],
    'AT-2': ['tests/products/price-range.test.ts:8-10'],
  };
  const items = ids.map((id) =>
    evidence[id]
      ? {
          item_id: id,
          verdict: 'met',
          evidence: evidence[id],
          note: 'Implemented and checked in the cited lines.',
        }
      : {
          item_id: id,
          verdict: 'partly',
          evidence: [],
          note: 'Code exists, but no test exercises this criterion end to end.',
        },
  );
  return replies.toolUse('submit_review', { items });
}

describe('the shipped example recording', () => {
  it.runIf(process.env.RECORD_EXAMPLE === '1')(
    'regenerates examples/recordings/product-price-filter',
    async () => {
      rmSync(join(REPO_ROOT, RECORDING), { recursive: true, force: true });
      const fake = await startFakeAnthropic();
      fake.handle((req) => {
        const messages = req.body.messages as { role: string; content: unknown }[];
        const tools = (req.body.tools as { name: string }[] | undefined) ?? [];
        if (tools.some((t) => t.name === 'submit_review')) return reviewReply(String(messages[0]!.content));
        const first = String(
          typeof messages[0]!.content === 'string'
            ? messages[0]!.content
            : JSON.stringify(messages[0]!.content),
        );
        const head = /# Task (task-\d{3}) \((\w+) agent/.exec(first);
        const title = /Title: (.*)/.exec(first)?.[1] ?? '';
        const covers = /lists these ids: ([^.]*)\./.exec(first)?.[1] ?? '';
        const last = messages.at(-1)!;
        const answered =
          Array.isArray(last.content) &&
          (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
        if (answered) return replies.text(`Implemented ${head?.[1]}.\n\nDONE: ${covers}`);
        const file = fileFor(head?.[2] ?? 'backend', title);
        return replies.toolUse('write_file', file, {
          thinking: `Plan the ${head?.[2]} change for ${head?.[1]}.`,
        });
      });
      const out = mkdtempSync(join(tmpdir(), 'implement-spec-record-'));
      const lines: string[] = [];
      const io = {
        cwd: REPO_ROOT,
        env: { ANTHROPIC_API_KEY: 'recording', ANTHROPIC_BASE_URL: fake.url },
        stdout: (l: string) => lines.push(l),
        stderr: (l: string) => lines.push(l),
        stdoutStream: {},
      };
      const code = await runCli(['run', SPEC, '--record', RECORDING, '--output-dir', out], io);
      await fake.close();
      rmSync(out, { recursive: true, force: true });
      expect(code, lines.join('\n')).toBe(0);
    },
  );

  it("replays offline through the bundled CLI (the README's first command)", async () => {
    expect(existsSync(join(REPO_ROOT, RECORDING))).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'implement-spec-demo-'));
    // The dry run scans the same directory the run will work in, so both estimate the same prompts.
    const planned = spawnSync(process.execPath, [CLI_ENTRY, 'plan', SPEC, '--json', '--output-dir', out], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(planned.status, planned.stderr).toBe(0);
    const planEstimate = JSON.parse(planned.stdout).estimate.usd as number;
    const child = spawn(
      process.execPath,
      [CLI_ENTRY, 'run', SPEC, '--replay', RECORDING, '--output-dir', out],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/SUCCESS: 9\/9 tasks/);
    expect(stderr).not.toMatch(/Review (failed|malformed)/);
    expect(readFileSync(join(out, 'src/components/PriceRangeInput.tsx'), 'utf8')).toContain('Apply');
    expect(readFileSync(join(out, 'migrations/001_products_price_cents_index.sql'), 'utf8')).toContain(
      'CREATE INDEX',
    );
    const report = readFileSync(join(out, 'IMPLEMENTATION_REPORT.md'), 'utf8');
    expect(report).toContain('product-price-filter');
    const json = JSON.parse(readFileSync(join(out, 'implementation-report.json'), 'utf8'));
    expect(json.status).toBe('success');
    expect(json.plan.estimate.usd).toBe(planEstimate);
    // One number for the cost: the CLI's line and the report's verdict, in the same format.
    const cliCost = /SUCCESS: 9\/9 tasks, \d+ files, (\$[\d.,]+) /.exec(stdout)?.[1];
    expect(cliCost).toBe(formatUsd(json.totals.costUsd));
    expect(report.startsWith('> [!NOTE]\n> **Implemented: Product price filter.**')).toBe(true);
    expect(report.slice(0, 1500)).toContain(`cost **${cliCost}** (estimate ${formatUsd(planEstimate)})`);
    for (const t of tablesOf(report)) if (!t.folded) expect(t.header.length).toBeLessThanOrEqual(6);
    expect(await parseAllMermaid(report)).toBe(1);
    expect(stderr).not.toMatch(/missing exchange/i);
    expect(readdirSync(out)).toContain('IMPLEMENTATION_REPORT.md');
    rmSync(out, { recursive: true, force: true });
  });
});
