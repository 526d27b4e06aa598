// The example workflows (.github/workflows/examples/) as written: each test reads the YAML, runs dist/index.js
// with exactly the `with:` of the example's implement-spec steps (action.yml defaults filled in like the runner)
// and the event the example listens to, against the loopback fakes and a real bare origin; the example's own
// `run:` steps and `if:` conditions are played too (tests/e2e/workflow.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/anthropic-server.js';
import { runBundle, startPushRun } from '../support/push.js';
import { startSpecPrRun } from '../support/spec-pr.js';
import { useBundleTestResources } from '../support/test-resources.js';
import { eventFixture, exampleSpec, REPO_ROOT } from './harness.js';
import {
  actionSteps,
  condition,
  evaluate,
  interpolate,
  readExample,
  readWorkflow,
  runScript,
  stepInputs,
} from './workflow.js';

const READY_SPEC = 'specs/product-price-filter.md';
const NOT_READY_SPEC = 'specs/csv-export.md';
const secrets = { ANTHROPIC_API_KEY: 'sk-ant-example-test' };
const github = { token: 'ghs_example_test' };

describe('example workflows, run as written', () => {
  const resources = useBundleTestResources();

  it('validate-specs.yml: a pull request changing a ready and a not-ready spec gets annotations and a failing check', async () => {
    const workflow = readExample('validate-specs.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const job = workflow.jobs.validate!;
    const [step] = actionSteps(job);

    // The PR head holds both specs; the PR author only has read access (anyone who may open a PR).
    const { repo, gh, anthropic } = await startSpecPrRun(resources, {
      spec: { path: READY_SPEC, content: exampleSpec('product-price-filter.md') },
      extra: { [NOT_READY_SPEC]: exampleSpec('csv-export.md') },
      github: { specFiles: [READY_SPEC, NOT_READY_SPEC], collaborators: { 'alice-dev': 'read' } },
      anthropic: await startFakeAnthropic(),
    });

    const context = { secrets, github, steps: {} as Record<string, { outputs: Record<string, string> }> };
    const run = await runBundle(
      repo,
      { gh, anthropic },
      'pull_request',
      eventFixture('pull_request-opened'),
      stepInputs(step!, context),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('detected');
    const specs = JSON.parse(run.outputs.specs!) as { path: string; ready: boolean }[];
    expect(specs.map((s) => [s.path, s.ready]).sort()).toEqual([
      [NOT_READY_SPEC, false],
      [READY_SPEC, true],
    ]);
    // Annotations on the lines of the spec that is not ready, none on the ready one.
    const onLines = run.commands.filter((c) => c.command === 'error' && c.props.file === NOT_READY_SPEC);
    expect(onLines.length).toBeGreaterThanOrEqual(2);
    for (const a of onLines) expect(Number(a.props.line)).toBeGreaterThan(0);
    expect(run.commands.some((c) => c.command === 'error' && c.props.file === READY_SPEC)).toBe(false);
    expect(run.summary).toContain(`❌ Not ready: \`${NOT_READY_SPEC}\``);
    // Validation only: no model call, nothing written on GitHub.
    expect(anthropic.requests).toHaveLength(0);
    expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    // The example's last step fails the check because one spec is not ready…
    context.steps[step!.id!] = { outputs: run.outputs };
    const failStep = job.steps.at(-1)!;
    expect(condition(failStep.if, context)).toBe(true);
    const failed = runScript(failStep, context);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('::error::Some specs are not ready');
    // …and would not with only ready specs.
    context.steps[step!.id!] = { outputs: { specs: JSON.stringify([{ path: READY_SPEC, ready: true }]) } };
    expect(condition(failStep.if, context)).toBe(false);
  });

  it('fan-out.yml: the detect job annotates the not-ready spec, the matrix implements the ready one, the last job names the other', async () => {
    const workflow = readExample('fan-out.yml');
    expect(Object.keys(workflow.on)).toEqual(['push']);
    const detect = workflow.jobs.detect!;
    const implement = workflow.jobs.implement!;
    const notReady = workflow.jobs['not-ready']!;

    const { repo, gh, run } = await startPushRun(
      resources,
      {
        [READY_SPEC]: exampleSpec('product-price-filter.md'),
        [NOT_READY_SPEC]: exampleSpec('csv-export.md'),
      },
      { message: 'Add two specs' },
    );
    const runStep = (step: Parameters<typeof stepInputs>[0], context: Record<string, unknown>) =>
      run(stepInputs(step, context));

    // Job 1: detect. It must not fail on the spec that is not ready, or the ready one would never run.
    const steps: Record<string, { outputs: Record<string, string> }> = {};
    const detectStep = actionSteps(detect)[0]!;
    const detected = await runStep(detectStep, { secrets, github, steps });
    expect(detected.code, detected.stdout + detected.stderr).toBe(0);
    expect(detected.outputs.status).toBe('detected');
    expect(
      detected.commands.filter((c) => c.command === 'error' && c.props.file === NOT_READY_SPEC).length,
    ).toBeGreaterThanOrEqual(2);
    steps[detectStep.id!] = { outputs: detected.outputs };
    const split = detect.steps.find((s) => s.id === 'split')!;
    const splitRun = runScript(split, { secrets, github, steps });
    expect(splitRun.code, splitRun.stderr).toBe(0);
    steps.split = { outputs: splitRun.outputs };
    const jobOutputs: Record<string, string> = {};
    for (const [name, expr] of Object.entries(detect.outputs ?? {})) {
      jobOutputs[name] = interpolate(expr, { steps, secrets, github });
    }
    const needs = { detect: { outputs: jobOutputs } };

    // Job 2: the matrix, one entry per ready spec.
    expect(condition(implement.if, { needs })).toBe(true);
    const matrixSource = String(implement.strategy!.matrix!.spec);
    const entries = evaluate(matrixSource.replace(/^\$\{\{|\}\}$/g, ''), { needs }) as {
      path: string;
      id: string;
    }[];
    expect(entries.map((e) => e.path)).toEqual([READY_SPEC]);
    for (const spec of entries) {
      const implemented = await runStep(actionSteps(implement)[0]!, { secrets, github, matrix: { spec } });
      expect(implemented.code, implemented.stdout + implemented.stderr).toBe(0);
      expect(implemented.outputs.status).toBe('success');
      expect(repo.originFiles(`feat/spec-${spec.id}`)).toContain(READY_SPEC);
    }
    expect(gh.state.pulls.map((p) => p.head)).toEqual(['octo-org:feat/spec-product-price-filter']);

    // Job 3: the spec that is not ready is named, and the run fails.
    expect(condition(notReady.if, { needs })).toBe(true);
    const reported = runScript(notReady.steps[0]!, { needs });
    expect(reported.code).toBe(1);
    expect(reported.stdout).toContain(NOT_READY_SPEC);
    expect(reported.stdout).not.toContain(READY_SPEC);
  }, 120_000);

  it('self-test.yml: uses: ./ plans the example in dry-run and validates examples/specs in detect-only', async () => {
    const workflow = readWorkflow('self-test.yml');
    // The repository itself, as actions/checkout leaves it for a push: its example specs.
    const names = readdirSync(join(REPO_ROOT, 'examples', 'specs')).filter((n) => n.endsWith('.md'));
    const { anthropic, run: runPush } = await startPushRun(
      resources,
      Object.fromEntries(names.map((name) => [`examples/specs/${name}`, exampleSpec(name)])),
      { message: 'Examples', anthropic: await startFakeAnthropic() },
    );
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const steps: Record<string, { outputs: Record<string, string> }> = {};
      const step = actionSteps(job)[0]!;
      const run = await runPush(stepInputs(step, { secrets, github, steps }));
      expect(run.code, `${name}: ${run.stdout}${run.stderr}`).toBe(0);
      steps[step.id!] = { outputs: run.outputs };
      const check = job.steps.at(-1)!;
      const checked = runScript(check, { secrets, github, steps });
      expect(checked.code, `${name}: ${checked.stdout}${checked.stderr}`).toBe(0);
    }
    expect(anthropic.requests).toHaveLength(0);
  });
});
