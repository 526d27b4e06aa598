// Validation through the action: a pushed spec that is not ready, validation with no event at all (a plain
// `uses:` step, or a local run of the bundle), and detect-only for a matrix fan-out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeAnthropic } from '../fakes/anthropic-server.js';
import { startPushRun } from '../support/push.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { createRepo, exampleSpec, REPO_ROOT, writeFiles } from './harness.js';
import { BASE_FILES, originBranches, runScenario, TEST_INPUTS } from './scenarios.js';

const SpecsOutput = z.array(z.object({ path: z.string(), id: z.string(), ready: z.boolean() }).strict());

const EXAMPLES = readdirSync(join(REPO_ROOT, 'examples', 'specs')).filter((f) => f.endsWith('.md'));
const NOT_READY = ['audit-log-viewer.md', 'csv-export.md'];

describe('action e2e: validation', () => {
  const resources = useBundleTestResources();
  beforeAll(() => {
    // The fixtures below rely on which examples pass their gates.
    for (const name of NOT_READY) expect(EXAMPLES).toContain(name);
  });

  /** A push of `files` with a fake model that must not be called (validation spends nothing). */
  const pushOf = async (files: Record<string, string>) =>
    startPushRun(resources, files, { anthropic: await startFakeAnthropic() });

  it('a pushed spec that is not ready: line annotations, gate table, not-ready, exit 1 with one message', async () => {
    const { repo, gh, anthropic, run } = await pushOf({
      'specs/csv-export.md': exampleSpec('csv-export.md'),
    });
    const result = await run(TEST_INPUTS);
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('not-ready');
    expect(result.outputs.ready).toBe('false');
    expect(SpecsOutput.parse(JSON.parse(result.outputs.specs!))).toEqual([
      { path: 'specs/csv-export.md', id: 'orders-csv-export', ready: false },
    ]);

    const errors = result.commands.filter((c) => c.command === 'error');
    const onLines = errors.filter((c) => c.props.file === 'specs/csv-export.md');
    expect(onLines.length).toBeGreaterThanOrEqual(2);
    for (const e of onLines) expect(Number(e.props.line)).toBeGreaterThan(0);
    expect(onLines.map((e) => e.props.title)).toEqual(
      expect.arrayContaining(['G2/fr-without-validation', 'G2/ac-missing-gwt']),
    );
    const step = errors.filter((c) => c.props.file === undefined);
    expect(step).toHaveLength(1);
    expect(step[0]!.message).toContain('specs/csv-export.md');
    expect(step[0]!.message).toContain('force: true');

    expect(result.summary).toContain('❌ Not ready: `specs/csv-export.md`');
    expect(result.summary).toContain('| Gate | Status | Errors | Warnings | Infos |');
    expect(result.summary).toMatch(/\| G2 \| FAIL \|/);
    expect(originBranches(repo)).toEqual(['main']);
    expect(gh.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
  });

  it('no event: validates the spec-paths glob, annotates the specs that are not ready, exit 1', async () => {
    const repo = resources.track(createRepo(BASE_FILES));
    writeFiles(repo.work, Object.fromEntries(EXAMPLES.map((f) => [`docs/specs/${f}`, exampleSpec(f)])));
    const result = await runScenario({ repo, inputs: { 'spec-paths': 'docs/specs/*.md' } });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('not-ready');
    expect(result.outputs.ready).toBe('false');
    const specs = SpecsOutput.parse(JSON.parse(result.outputs.specs!));
    expect(specs.map((s) => s.path).sort()).toEqual(EXAMPLES.map((f) => `docs/specs/${f}`).sort());
    for (const s of specs) {
      expect(s.ready, s.path).toBe(!NOT_READY.some((n) => s.path.endsWith(n)));
    }
    const annotated = new Set(
      result.commands.filter((c) => c.command === 'error' && c.props.file).map((c) => c.props.file),
    );
    expect([...annotated].sort()).toEqual(NOT_READY.map((f) => `docs/specs/${f}`).sort());
    for (const c of result.commands.filter((c) => c.command === 'error' && c.props.file)) {
      expect(Number(c.props.line)).toBeGreaterThan(0);
    }
    const step = result.commands.filter((c) => c.command === 'error' && !c.props.file);
    expect(step).toHaveLength(1);
    expect(step[0]!.message).toMatch(/^2 spec\(s\) not ready/);
    for (const f of EXAMPLES) expect(result.summary).toContain(`docs/specs/${f}`);
    expect(result.summary.match(/\| Gate \| Status \|/g)).toHaveLength(EXAMPLES.length);
  });

  it('no event, every spec ready: exit 0, ready=true', async () => {
    const repo = resources.track(createRepo(BASE_FILES));
    const ready = EXAMPLES.filter((f) => !NOT_READY.includes(f));
    writeFiles(repo.work, Object.fromEntries(ready.map((f) => [`docs/specs/${f}`, exampleSpec(f)])));
    const result = await runScenario({ repo, inputs: { 'spec-paths': 'docs/specs/*.md' } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(result.outputs.ready).toBe('true');
    expect(SpecsOutput.parse(JSON.parse(result.outputs.specs!))).toHaveLength(ready.length);
    expect(result.commands.filter((c) => c.command === 'error')).toHaveLength(0);
    expect(result.summary).toContain('✅ Ready');
  });

  it('detect-only on a push: the specs output for a matrix, no branch, no API call', async () => {
    const { repo, gh, anthropic, run } = await pushOf({
      'specs/product-price-filter.md': exampleSpec('product-price-filter.md'),
      'specs/dark-mode-toggle.md': exampleSpec('dark-mode-toggle.md'),
    });
    const result = await run({ ...TEST_INPUTS, 'detect-only': 'true' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.status).toBe('detected');
    expect(result.outputs.ready).toBe('true');
    const specs = SpecsOutput.parse(JSON.parse(result.outputs.specs!));
    expect(specs.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'specs/dark-mode-toggle.md', id: 'dark-mode-toggle', ready: true },
      { path: 'specs/product-price-filter.md', id: 'product-price-filter', ready: true },
    ]);
    expect(originBranches(repo)).toEqual(['main']);
    expect(gh.requests).toHaveLength(0);
    expect(anthropic.requests).toHaveLength(0);
  });
});
