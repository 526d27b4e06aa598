// npm run bench — every number the issues ask for, measured side by side in one run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { emptyRepoSnapshot, scanRepository } from '../src/agents/repo-scan.js';
import { loadRoles } from '../src/agents/roles.js';
import { Budget } from '../src/core/budget.js';
import { costOf, costWithoutCache, priceOf } from '../src/core/prices.js';
import type { Plan } from '../src/core/tasks.js';
import { decompose } from '../src/plan/decompose.js';
import { runPlan } from '../src/run/engine.js';
import { createAnthropicModel } from '../src/run/model/anthropic.js';
import { implementPlan } from '../src/run/pipeline.js';
import { createWorkspace } from '../src/run/workspace.js';
import { parseSpec } from '../src/spec/parse.js';
import { validateSpec } from '../src/spec/validate.js';
import { type FakeBlock, replies, startFakeAnthropic } from '../tests/fakes/anthropic-server.js';
import { doneLineFor } from '../tests/fakes/done.js';
import { median, printTable, record } from './table.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'specs', 'product-price-filter.md');
const exampleText = readFileSync(EXAMPLE, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'implement-spec-bench-'));

afterAll(() => {
  printTable();
  rmSync(tmp, { recursive: true, force: true });
});

function timeProcess(args: string[], runs = 11): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status === null) throw new Error(`process ${args.join(' ')} died`);
  }
  return median(times);
}

function generateFrSpec(n: number): string {
  const frs: string[] = [];
  const ats: string[] = [];
  for (let i = 1; i <= n; i++) {
    frs.push(
      `### FR-${i}: Capability ${i}\n\nThe service exposes capability ${i} through its API.\n\nValidation Criteria:\n- Capability ${i} returns HTTP 200 for a valid request.\n`,
    );
    ats.push(
      `- [ ] AT-${i}: Given a valid request, When capability ${i} is called, Then it returns HTTP 200.`,
    );
  }
  return `---\nspecmas: v3\nkind: FeatureSpec\nid: big-spec\nname: Big spec\ncomplexity: MODERATE\nmaturity: 2\n---\n\n# Overview\n\nA generated spec with ${n} functional requirements, used to measure the planner on large inputs.\n\n# Functional Requirements\n\n${frs.join('\n')}\n# Acceptance Tests\n\n${ats.join('\n')}\n`;
}

describe('validate (issue 3)', () => {
  it('one spec, whole process, vs a bare node script that reads the file', () => {
    const bare = join(tmp, 'bare.mjs');
    writeFileSync(bare, `import { readFileSync } from 'node:fs';\nreadFileSync(process.argv[2], 'utf8');\n`);
    const bareMs = timeProcess([bare, EXAMPLE]);
    const validateMs = timeProcess([CLI, 'validate', EXAMPLE]);
    record({
      area: 'validate',
      measure: 'bare `node` reading the spec (median of 11)',
      value: `${bareMs.toFixed(1)} ms`,
    });
    record({
      area: 'validate',
      measure: '`implement-spec validate <1 spec>` whole process (median of 11)',
      value: `${validateMs.toFixed(1)} ms (${(validateMs / bareMs).toFixed(2)}× bare node)`,
      target: '≈ bare node',
    });
  });

  it('1,000 specs: in-process throughput and one CLI call', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const texts: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const text = exampleText.replace(/^id: product-price-filter$/m, `id: product-price-filter-${i}`);
      texts.push(text);
      writeFileSync(join(dir, `spec-${String(i).padStart(4, '0')}.md`), text);
    }
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) validateSpec(parseSpec(`spec-${i}.md`, texts[i]!));
    const inProcMs = performance.now() - t0;
    record({
      area: 'validate',
      measure: '1,000 specs parsed + gated in-process',
      value: `${inProcMs.toFixed(0)} ms (${Math.round(1000 / (inProcMs / 1000))} specs/s)`,
    });
    const cliMs = timeProcess([CLI, 'validate', dir, '--quiet'], 3);
    record({
      area: 'validate',
      measure: '`implement-spec validate <dir of 1,000>` whole process (median of 3)',
      value: `${cliMs.toFixed(0)} ms`,
      target: '< 2,000 ms',
    });
  });
});

/** Wall time from spawn to the first byte on stdout (the first log line), and to the process's exit. */
function timeToFirstLine(
  node: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ first: number; exit: number }> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    let first: number | null = null;
    const child = spawn(node, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      first = Number(process.hrtime.bigint() - t) / 1e6;
    });
    child.on('error', reject);
    child.on('close', () => {
      const exit = Number(process.hrtime.bigint() - t) / 1e6;
      if (first === null) reject(new Error(`${args.join(' ')} printed nothing`));
      else resolve({ first, exit });
    });
  });
}

/**
 * CPU time (user + system) a whole process spends, from a preload that reports process.cpuUsage() at exit: on a
 * loaded machine wall time mostly measures the queue for a core; CPU time is the start-up cost itself.
 */
function cpuOfProcess(args: string[], env: NodeJS.ProcessEnv, preload: string): number {
  // --require, not --import: an ES module preload would load Node's ESM loader into the CommonJS processes too.
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const m = /cpu-ms=([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`no CPU report from ${args.join(' ')}: ${r.stderr}`);
  return Number(m[1]);
}

/** Node binaries to time: this one, plus any in BENCH_NODES (colon-separated paths, e.g. a Node 24 binary). */
function benchNodes(): Array<{ path: string; version: string }> {
  const extra = (process.env.BENCH_NODES ?? '').split(':').filter((p) => p !== '');
  return [process.execPath, ...extra].map((path) => ({
    path,
    version: spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  }));
}

const START_CASES = ['bare', 'bare-cjs', 'validate', 'validate-cold', 'plan', 'plan-cold', 'action'] as const;
type StartCase = (typeof START_CASES)[number];
/** Rounds of the interleaved start-up runs: this machine's wall times vary by a tenth from run to run. */
const START_ROUNDS = 31;
const byCase = (): Record<StartCase, number[]> =>
  Object.fromEntries(START_CASES.map((c) => [c, []])) as unknown as Record<StartCase, number[]>;

describe('start-up (issue 13)', () => {
  it('validate, plan and the action cold start vs a bare node script, interleaved, medians of START_ROUNDS', async () => {
    const bareText = `readFileSync(process.argv[2], 'utf8');\nconsole.log('read');\n`;
    const bare = join(tmp, 'bare-start.mjs');
    writeFileSync(bare, `import { readFileSync } from 'node:fs';\n${bareText}`);
    // The same script as CommonJS, which Node starts a few ms faster than an ES module: the CLI's launcher is
    // CommonJS, so its ratio to this one is shown too.
    const bareCjs = join(tmp, 'bare-start.cjs');
    writeFileSync(bareCjs, `const { readFileSync } = require('node:fs');\n${bareText}`);
    const runnerTemp = join(tmp, 'runner');
    mkdirSync(runnerTemp, { recursive: true });
    writeFileSync(join(runnerTemp, 'out'), '');
    writeFileSync(join(runnerTemp, 'summary'), '');
    const event = join(ROOT, 'tests', 'fixtures', 'events', 'pull_request-opened.json');
    // A pull_request event with enable-pull-request off: the action reads its inputs and the event, and its
    // first log line says there is nothing to do. Everything it loads at start-up is on that path.
    const plain = { PATH: process.env.PATH ?? '' };
    // The CLI keeps a code cache for validate and plan (src/cli/code-cache.ts): warm after a command's first run,
    // which is how a pre-commit hook or an editor runs it. The cold rows run with it off.
    const cliEnv = { ...plain, NODE_COMPILE_CACHE: join(tmp, 'compile-cache') };
    const coldEnv = { ...plain, NODE_DISABLE_COMPILE_CACHE: '1' };
    const actionEnv = {
      ...plain,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ROOT,
      GITHUB_REPOSITORY: 'octo-org/shop',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_OUTPUT: join(runnerTemp, 'out'),
      GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary'),
      RUNNER_TEMP: runnerTemp,
      // A fresh runner has no compile cache (Node 22.1+): the action's start is always cold there.
      NODE_DISABLE_COMPILE_CACHE: '1',
    };
    const cases: Record<StartCase, { args: string[]; env: NodeJS.ProcessEnv }> = {
      bare: { args: [bare, EXAMPLE], env: plain },
      'bare-cjs': { args: [bareCjs, EXAMPLE], env: plain },
      validate: { args: [CLI, 'validate', EXAMPLE], env: cliEnv },
      'validate-cold': { args: [CLI, 'validate', EXAMPLE], env: coldEnv },
      plan: { args: [CLI, 'plan', EXAMPLE], env: cliEnv },
      'plan-cold': { args: [CLI, 'plan', EXAMPLE], env: coldEnv },
      action: { args: [join(ROOT, 'dist', 'index.js')], env: actionEnv },
    };
    for (const node of benchNodes()) {
      const first = byCase();
      const exit = byCase();
      // Each command's cache is written by a first run, not timed (a cache per Node version: one per node).
      for (const name of ['validate', 'plan'] as const) {
        await timeToFirstLine(node.path, cases[name].args, cases[name].env);
      }
      // Interleaved, so a change in the machine's load hits every measure alike.
      for (let i = 0; i < START_ROUNDS; i++) {
        for (const name of START_CASES) {
          const t = await timeToFirstLine(node.path, cases[name].args, cases[name].env);
          first[name].push(t.first);
          exit[name].push(t.exit);
        }
      }
      const bareFirst = median(first.bare);
      const bareExit = median(exit.bare);
      record({
        area: 'start-up',
        measure: `bare \`node\` script (ES module): read the spec, print a line (medians of ${START_ROUNDS}, ${node.version})`,
        value: `first line ${bareFirst.toFixed(1)} ms, exit ${bareExit.toFixed(1)} ms`,
      });
      record({
        area: 'start-up',
        measure: `the same bare script as CommonJS (${node.version})`,
        value: `exit ${median(exit['bare-cjs']).toFixed(1)} ms = ${(median(exit['bare-cjs']) / bareExit).toFixed(2)}× the ES module`,
      });
      const ratio = (ms: number, base: number, target: number) =>
        `${ms.toFixed(1)} ms = ${(ms / base).toFixed(2)}×${ms / base <= target ? '' : ' (target missed)'}`;
      const cjsRatio = (ms: number) => `${(ms / median(exit['bare-cjs'])).toFixed(2)}× the CommonJS one`;
      for (const [name, label, target, on] of [
        ['validate', '`implement-spec validate <1 spec>`, whole process, code cache warm', 1.3, 'exit'],
        ['validate-cold', '`implement-spec validate <1 spec>`, whole process, no code cache', 1.3, 'exit'],
        ['plan', '`implement-spec plan <1 spec>`, whole process, code cache warm', 1.6, 'exit'],
        ['plan-cold', '`implement-spec plan <1 spec>`, whole process, no code cache', 1.6, 'exit'],
        ['action', 'action (dist/index.js) cold start to its first log line', 1.6, 'first'],
      ] as const) {
        const targetMs = on === 'exit' ? median(exit[name]) : median(first[name]);
        const other =
          on === 'exit'
            ? `; first line ${ratio(median(first[name]), bareFirst, Infinity)}; ${cjsRatio(targetMs)}`
            : `; exit ${ratio(median(exit[name]), bareExit, Infinity)}`;
        record({
          area: 'start-up',
          measure: `${label} (${node.version})`,
          value: `${ratio(targetMs, on === 'exit' ? bareExit : bareFirst, target)}${other}`,
          target: `≤ ${target}× bare node`,
        });
      }
    }
    const preload = join(tmp, 'cpu-at-exit.cjs');
    writeFileSync(
      preload,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the preload's own template literal, written as text
      "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`cpu-ms=${(u.user + u.system) / 1000}\\n`); });\n",
    );
    const cpu = byCase();
    for (let i = 0; i < START_ROUNDS; i++) {
      for (const name of START_CASES) {
        cpu[name].push(cpuOfProcess(cases[name].args, cases[name].env, preload));
      }
    }
    const bareCpu = median(cpu.bare);
    for (const [name, what] of [
      ['bare-cjs', 'the bare script as CommonJS'],
      ['validate', 'validate, code cache warm'],
      ['validate-cold', 'validate, no code cache'],
      ['plan', 'plan, code cache warm'],
      ['plan-cold', 'plan, no code cache'],
      ['action', 'the action, up to its exit after the first log line'],
    ] as const) {
      record({
        area: 'start-up',
        measure: `CPU time (user + system) of the whole process: ${what} (median of ${START_ROUNDS}, ${process.version})`,
        value: `${median(cpu[name]).toFixed(1)} ms = ${(median(cpu[name]) / bareCpu).toFixed(2)}× bare node ${bareCpu.toFixed(1)} ms`,
      });
    }
  }, 600_000);
});

describe('plan (issue 4)', () => {
  it('plan --dry-run whole process vs bare node; decompose on 200 FRs', async () => {
    const bare = join(tmp, 'bare2.mjs');
    writeFileSync(bare, `import { readFileSync } from 'node:fs';\nreadFileSync(process.argv[2], 'utf8');\n`);
    const bareMs = timeProcess([bare, EXAMPLE]);
    const planMs = timeProcess([CLI, 'run', EXAMPLE, '--dry-run']);
    record({
      area: 'plan',
      measure: '`implement-spec run <example> --dry-run` whole process (median of 11)',
      value: `${planMs.toFixed(1)} ms (${(planMs / bareMs).toFixed(2)}× bare node ${bareMs.toFixed(1)} ms)`,
      target: '≈ bare node',
    });
    const spec = parseSpec('big.md', generateFrSpec(200));
    const roles = await loadRoles();
    const repo = emptyRepoSnapshot();
    const times: number[] = [];
    let tasks = 0;
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      tasks = decompose(spec, { roles, repo }).tasks.length;
      times.push(performance.now() - t);
    }
    record({
      area: 'plan',
      measure: `decompose a 200-FR spec in-process (median of 21; ${tasks} tasks)`,
      value: `${median(times).toFixed(1)} ms`,
      target: '< 50 ms',
    });
  });
});

describe('engine (issue 5)', () => {
  async function runWithLatency(plan: Plan, latencyMs: number, mode: 'sequential' | 'parallel') {
    const fake = await startFakeAnthropic({ latencyMs });
    // Each task: one call that writes a file, one that ends the turn.
    fake.handle((req) => {
      const messages = req.body.messages as { role: string; content: unknown }[];
      const last = messages.at(-1)!;
      const answered =
        Array.isArray(last.content) &&
        (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
      if (answered) return replies.text(doneLineFor(req.body));
      const first = JSON.stringify(messages[0]!.content);
      const id = /task-\d{3}/.exec(first)?.[0] ?? 'task';
      return replies.toolUse('write_file', { path: `src/${id}.ts`, content: `export const id = '${id}';\n` });
    });
    const root = mkdtempSync(join(tmp, 'ws-'));
    const spec = parseSpec(EXAMPLE, exampleText);
    const price = priceOf(plan.model);
    const t = performance.now();
    const result = await runPlan({
      spec,
      plan: { ...plan, mode },
      model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
      maxTokens: 4096,
      maxTurns: 5,
      maxParallel: 8,
      workspace: createWorkspace({ root }),
      roles: await loadRoles(),
      repo: emptyRepoSnapshot(),
      budget: new Budget({ price, warnUsd: 1000, maxUsd: 1000 }),
    });
    const wall = performance.now() - t;
    await fake.close();
    return { wall, result, price };
  }

  it('parallel vs critical path, sequential vs sum, overhead, cache savings', async () => {
    const spec = parseSpec(EXAMPLE, exampleText);
    const plan = decompose(spec, { roles: await loadRoles(), repo: emptyRepoSnapshot() });
    const latency = 150;
    const perTask = 2 * latency; // two calls per task
    const depth = new Map<string, number>();
    for (const task of plan.tasks)
      depth.set(task.id, 1 + Math.max(0, ...task.dependsOn.map((d) => depth.get(d) ?? 0)));
    const criticalTasks = Math.max(...depth.values());
    const seq = await runWithLatency(plan, latency, 'sequential');
    const par = await runWithLatency(plan, latency, 'parallel');
    record({
      area: 'engine',
      measure: `parallel wall ÷ critical path (${plan.tasks.length} tasks, ${criticalTasks} on the critical path, ${latency} ms/call)`,
      value: `${(par.wall / (criticalTasks * perTask)).toFixed(3)} (${par.wall.toFixed(0)} ms ÷ ${criticalTasks * perTask} ms)`,
      target: '≤ 1.10',
    });
    record({
      area: 'engine',
      measure: 'sequential wall ÷ sum of task times',
      value: `${(seq.wall / (plan.tasks.length * perTask)).toFixed(3)} (${seq.wall.toFixed(0)} ms ÷ ${plan.tasks.length * perTask} ms)`,
    });
    const zero = await runWithLatency(plan, 0, 'sequential');
    const calls = zero.result.tasks.reduce((n, t) => n + t.calls, 0);
    record({
      area: 'engine',
      measure: `engine overhead per task at zero latency (${calls} HTTP calls incl. SSE parsing)`,
      value: `${(zero.wall / plan.tasks.length).toFixed(1)} ms`,
      target: '< 20 ms',
    });
    const u = seq.result.usage;
    const inputOnly = { ...u, outputTokens: 0 };
    const ratio = costOf(inputOnly, seq.price) / costWithoutCache(inputOnly, seq.price);
    record({
      area: 'engine',
      measure: `input-token cost with caching ÷ without (example spec, sequential; ${u.cacheReadTokens} cache-read, ${u.cacheCreationTokens} cache-write, ${u.inputTokens} plain tokens)`,
      value: ratio.toFixed(3),
      target: '≤ 0.6',
    });
  });
});

describe('verify and iterate (issue 7)', () => {
  it('resume after one failed task of four: tokens vs a fresh run', async () => {
    const spec = parseSpec(EXAMPLE, exampleText);
    const roles = await loadRoles();
    const full = decompose(spec, { roles, repo: emptyRepoSnapshot() });
    // The first four tasks of the example plan: database → data access → logic → API, a chain.
    const plan: Plan = { ...full, tasks: full.tasks.slice(0, 4) };
    const failing = plan.tasks[3]!.id;
    let fail = true;
    const fake = await startFakeAnthropic();
    fake.handle((req) => {
      const messages = req.body.messages as { role: string; content: unknown }[];
      const first = JSON.stringify(messages[0]!.content);
      const id = /task-\d{3}/.exec(first)?.[0] ?? 'task';
      const role = /\((\w+) agent/.exec(first)?.[1] ?? 'backend';
      if (fail && id === failing) return replies.text('I cannot do this one.');
      const last = messages.at(-1)!;
      const answered =
        Array.isArray(last.content) &&
        (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
      if (answered) return replies.text(doneLineFor(req.body));
      const path = role === 'database' ? `db/${id}.sql` : `src/${id}.ts`;
      return replies.toolUse('write_file', { path, content: `-- ${id}\n`.repeat(40) });
    });
    const root = mkdtempSync(join(tmp, 'resume-'));
    const run = async (fresh: boolean) => {
      const budget = new Budget({ price: priceOf(plan.model), warnUsd: 1000, maxUsd: 1000 });
      const result = await implementPlan({
        spec,
        plan,
        roles,
        repo: emptyRepoSnapshot(),
        root,
        specPath: null,
        model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
        maxTokens: 4096,
        maxTurns: 5,
        maxParallel: 4,
        budget,
        protectedPaths: [],
        backups: false,
        fresh,
        maxFixRounds: 0,
        review: false,
        secrets: [],
        log: () => {},
      });
      const u = result.usage;
      return { tokens: u.inputTokens + u.cacheCreationTokens + u.cacheReadTokens + u.outputTokens, result };
    };
    const first = await run(true);
    fail = false;
    const resumed = await run(false);
    const fresh = await run(true);
    await fake.close();
    record({
      area: 'resume',
      measure: `re-run after ${failing} (1 of 4) failed: tokens of the resumed run ÷ a fresh run (first run ${first.result.status}, resumed ${resumed.result.status}, ${resumed.result.resumed?.length ?? 0} tasks reused)`,
      value: `${(resumed.tokens / fresh.tokens).toFixed(3)} (${resumed.tokens} ÷ ${fresh.tokens} tokens)`,
      target: '≤ 0.30',
    });
  });

  it('fix loop overhead', async () => {
    const root = mkdtempSync(join(tmp, 'fix-'));
    writeFileSync(
      join(root, 'check.mjs'),
      "import { existsSync } from 'node:fs';\nprocess.exitCode = existsSync('fixed.txt') ? 0 : 1;\n",
    );
    const command = 'node check.mjs';
    const bare = median(
      Array.from({ length: 5 }, () => {
        const t = performance.now();
        spawnSync(process.execPath, ['check.mjs'], { cwd: root });
        return performance.now() - t;
      }),
    );
    const fake = await startFakeAnthropic();
    fake.handle((req) => {
      const messages = req.body.messages as { role: string; content: unknown }[];
      const last = messages.at(-1)!;
      const answered =
        Array.isArray(last.content) &&
        (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
      return answered
        ? replies.text('Fixed.\nDONE:')
        : replies.toolUse('write_file', { path: 'fixed.txt', content: 'ok\n' });
    });
    const spec = parseSpec(EXAMPLE, exampleText);
    const roles = await loadRoles();
    const budget = new Budget({ price: priceOf('claude-sonnet-5-5'), warnUsd: 1000, maxUsd: 1000 });
    const { makeFixRunner, runTestLoop } = await import('../src/run/test-loop.js');
    const t = performance.now();
    const loop = await runTestLoop({
      testCommand: command,
      maxFixRounds: 2,
      cwd: root,
      budget,
      filesWritten: () => [],
      runFix: makeFixRunner({
        spec,
        roles,
        repo: emptyRepoSnapshot(),
        model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
        modelName: 'claude-sonnet-5-5',
        maxTokens: 4096,
        maxTurns: 5,
        workspace: createWorkspace({ root }),
        budget,
        price: priceOf('claude-sonnet-5-5'),
      }),
    });
    const wall = performance.now() - t;
    await fake.close();
    record({
      area: 'verify',
      measure: `test loop fail → 1 fix round → pass (${loop.rounds.length} test runs, 2 model calls at zero latency): wall time minus the bare test command runs`,
      value: `${(wall - loop.rounds.length * bare).toFixed(0)} ms overhead (${wall.toFixed(0)} ms total; bare command ${bare.toFixed(0)} ms)`,
    });
  });

  it('GitHub API calls of a full e2e run (bundled action, label trigger, create then update)', async () => {
    const { createRepo, exampleSpec, runActionBundle, writeFiles, eventFixture, git } = await import(
      '../tests/e2e/harness.js'
    );
    const { startAgentsFake } = await import('../tests/e2e/fakes.js');
    const { startFakeGitHub } = await import('../tests/fakes/github-server.js');
    const repo = createRepo({ 'README.md': '# shop\n' });
    git(repo.work, 'checkout', '--quiet', '-b', 'spec/product-price-filter');
    writeFiles(repo.work, { 'specs/product-price-filter.md': exampleSpec('product-price-filter.md') });
    repo.commitAndPush('Add spec', 'spec/product-price-filter');
    const gh = await startFakeGitHub({
      repos: [{ owner: 'octo-org', repo: 'shop', collaborators: { 'alice-dev': 'write' } }],
      pulls: [
        {
          owner: 'octo-org',
          repo: 'shop',
          number: 42,
          head: 'octo-org:spec/product-price-filter',
          base: 'main',
          files: [
            {
              sha: 'x',
              filename: 'specs/product-price-filter.md',
              status: 'added',
              additions: 1,
              deletions: 0,
              changes: 1,
            },
          ],
        },
      ],
    });
    const anthropic = await startAgentsFake();
    const opts = {
      workspace: repo.work,
      eventName: 'pull_request',
      event: eventFixture('pull_request-labeled'),
      githubApiUrl: gh.url,
      anthropicBaseUrl: anthropic.url,
      inputs: { 'anthropic-api-key': 'k', 'github-token': 't' },
    };
    const first = await runActionBundle(opts);
    const create = gh.requests.length;
    const second = await runActionBundle(opts);
    const update = gh.requests.length - create;
    await gh.close();
    await anthropic.close();
    repo.cleanup();
    record({
      area: 'github',
      measure: `API requests of a label-triggered run (status ${first.outputs.status} then ${second.outputs.status})`,
      value: `create run ${create}, update run ${update}`,
    });
  });
});

describe('agents (issue 12)', () => {
  // Token counts use the fake API's documented rule, ceil(characters / 4), for both sides of every ratio; a
  // different characters-per-token constant scales both sides alike and leaves the ratios unchanged.
  const FIXTURE = join(ROOT, 'tests', 'fixtures', 'pricing-repo');
  const MODULE = readFileSync(join(FIXTURE, 'src', 'pricing.js'), 'utf8');
  const EDIT = 'str_replace_based_edit_tool';
  const BUG = '  if (range.max !== undefined && cents >= range.max) return false;';
  /** One realistic change of the ~400-line module: a bug fix, a changed function, a new function (≈25 lines). */
  const CHANGE: { old: string; new: string }[] = [
    { old: BUG, new: '  if (range.max !== undefined && cents > range.max) return false;' },
    {
      old: '  const start = (page - 1) * pageSize;\n  return { items: items.slice(start, start + pageSize), page, pageSize, pages, total: items.length };',
      new: [
        // Code text for the fixture module, not a template of ours.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's own template literal
        "  if (page > pages) throw new PricingError('bad-page', `page ${page} is past the last page (${pages})`);",
        '  const start = (page - 1) * pageSize;',
        '  return {',
        '    items: items.slice(start, start + pageSize),',
        '    page,',
        '    pageSize,',
        '    pages,',
        '    total: items.length,',
        '    hasPrevious: page > 1,',
        '    hasNext: page < pages,',
        '  };',
      ].join('\n'),
    },
    {
      old: '/** Products of one category, or all of them when no category is given. */',
      new: [
        '/** Products in any of the given categories, or all of them when the list is empty. */',
        'export function filterByCategories(products, categories) {',
        '  if (categories.length === 0) return [...products];',
        '  const wanted = new Set(categories);',
        '  return products.filter((product) => wanted.has(product.category));',
        '}',
        '',
        '/** Products of one category, or all of them when no category is given. */',
      ].join('\n'),
    },
  ];

  function agentTask(id: string): import('../src/core/tasks.js').Task {
    return {
      id,
      agent: 'backend',
      title: 'Change the pricing module',
      description: 'Fix the range bound, page past the end, filter by several categories.',
      phase: 1,
      dependsOn: [],
      covers: ['FR-1'],
      sections: [],
      estimate: { inputTokens: 0, outputTokens: 0, cacheableTokens: 0, usd: 0, usdNoCache: 0, minutes: 0 },
    };
  }

  function copyFixture(): string {
    const root = mkdtempSync(join(tmp, 'pricing-'));
    spawnSync('cp', ['-r', `${FIXTURE}/.`, root]);
    return root;
  }

  it('output tokens: str_replace edits vs a whole-file rewrite of the same change', async () => {
    const { runAgentTask } = await import('../src/agents/tool-loop.js');
    const root = copyFixture();
    const fake = await startFakeAnthropic();
    const lineOfBug = MODULE.split('\n').indexOf(BUG) + 1;
    fake.script(
      replies.toolUse(EDIT, {
        command: 'view',
        path: 'src/pricing.js',
        view_range: [lineOfBug - 5, lineOfBug + 5],
      }),
      ...CHANGE.map((c) =>
        replies.toolUse(EDIT, {
          command: 'str_replace',
          path: 'src/pricing.js',
          old_str: c.old,
          new_str: c.new,
        }),
      ),
      replies.text('Done.\nDONE: FR-1'),
    );
    const out = await runAgentTask({
      task: agentTask('task-edit'),
      prompt: { system: [{ text: 'system', cache: false }], user: 'Change the module.' },
      model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
      modelName: 'claude-sonnet-5-5',
      maxTokens: 16_000,
      maxTurns: 10,
      workspace: createWorkspace({ root }),
    });
    await fake.close();
    const target = CHANGE.reduce((text, c) => text.replace(c.old, c.new), MODULE);
    const edited = readFileSync(join(root, 'src', 'pricing.js'), 'utf8');
    if (out.status !== 'success' || edited !== target)
      throw new Error(`the edits did not produce the change: ${out.reason}`);
    // The rewrite a whole-file tool needs: one write_file call carrying the complete new file.
    const rewriteTokens = Math.ceil(JSON.stringify({ path: 'src/pricing.js', content: target }).length / 4);
    const changedLines = target.split('\n').length - MODULE.split('\n').length + CHANGE.length * 2;
    record({
      area: 'agents',
      measure: `output tokens of the same change (~${changedLines} lines of a ${MODULE.split('\n').length}-line module): view + ${CHANGE.length} str_replace edits + DONE ÷ one whole-file write_file`,
      value: `${(out.usage.outputTokens / rewriteTokens).toFixed(3)} (${out.usage.outputTokens} ÷ ${rewriteTokens} tokens)`,
      target: '≤ 0.15',
    });
  });

  it('input-token cost of a 10-turn task: conversation cache breakpoint vs system-only caching', async () => {
    const { runAgentTask } = await import('../src/agents/tool-loop.js');
    const { buildPrompt } = await import('../src/agents/context.js');
    const roles = await loadRoles();
    const spec = parseSpec(EXAMPLE, exampleText);
    const plan: Plan = decompose(spec, { roles, repo: emptyRepoSnapshot() });
    const task = plan.tasks.find((t) => t.agent === 'backend')!;
    const prompt = buildPrompt({
      spec,
      task,
      role: roles.get('backend')!,
      repo: emptyRepoSnapshot(),
      dependencyFiles: [],
    });
    const lines = MODULE.split('\n').length;
    const costs: Record<string, { usd: number; usage: import('../src/core/model-port.js').Usage }> = {};
    for (const mode of ['conversation', 'system-only'] as const) {
      const root = copyFixture();
      const fake = await startFakeAnthropic();
      // Nine turns that each view another 40-line range, then the summary: a typical read-heavy task.
      for (let turn = 0; turn < 9; turn++) {
        const start = 1 + ((turn * 40) % (lines - 40));
        fake.script(
          replies.toolUse(EDIT, { command: 'view', path: 'src/pricing.js', view_range: [start, start + 39] }),
        );
      }
      fake.script(replies.text(`Reviewed.\nDONE: ${task.covers.join(', ')}`));
      const inner = createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 });
      const model =
        mode === 'conversation'
          ? inner
          : {
              complete: (
                req: Parameters<typeof inner.complete>[0],
                s?: Parameters<typeof inner.complete>[1],
              ) => inner.complete({ ...req, cacheConversation: false }, s),
            };
      const out = await runAgentTask({
        task,
        prompt,
        model,
        modelName: 'claude-sonnet-5-5',
        maxTokens: 16_000,
        maxTurns: 10,
        workspace: createWorkspace({ root }),
      });
      await fake.close();
      if (out.turns !== 10 || out.status !== 'success')
        throw new Error(`expected a 10-turn success, got ${out.turns} ${out.status}`);
      const inputOnly = { ...out.usage, outputTokens: 0 };
      costs[mode] = { usd: costOf(inputOnly, priceOf('claude-sonnet-5-5')), usage: out.usage };
    }
    const withCache = costs.conversation!;
    const without = costs['system-only']!;
    record({
      area: 'agents',
      measure: `input-token cost of a 10-turn task (example spec's backend prompt, nine 40-line views): with the conversation breakpoint ÷ system-only caching (${withCache.usage.cacheReadTokens} vs ${without.usage.cacheReadTokens} cache-read tokens)`,
      value: `${(withCache.usd / without.usd).toFixed(3)} ($${withCache.usd.toFixed(4)} ÷ $${without.usd.toFixed(4)})`,
      target: '≤ 0.40',
    });
  });
});

describe('sandbox (issue 11)', () => {
  it('start-up cost of one sandboxed command over the bare command', async () => {
    const { runProcess } = await import('../src/run/process.js');
    const { detectSandbox, runSandboxed } = await import('../src/run/sandbox.js');
    const availability = await detectSandbox();
    if (!availability.available) throw new Error(`no sandbox for the benchmark: ${availability.reason}`);
    const cwd = mkdtempSync(join(tmp, 'sandbox-'));
    mkdirSync(join(cwd, '.git'));
    const elapsed = async (run: () => Promise<unknown>): Promise<number> => {
      const t = process.hrtime.bigint();
      await run();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    for (const [label, argv] of [
      ['`true`', ['true']],
      ['`node -e 0`', [process.execPath, '-e', '0']],
    ] as const) {
      const [program, ...args] = argv;
      const bareRun = () =>
        runProcess({ program, args: [...args], cwd, env: { PATH: process.env.PATH ?? '' } });
      const boxedRun = () => runSandboxed({ argv: [...argv], cwd }, availability);
      // Paired, interleaved runs: the machine's load drifts, a pair sees the same load.
      const bare: number[] = [];
      const boxed: number[] = [];
      const extra: number[] = [];
      for (let i = 0; i < 31; i++) {
        const b = await elapsed(bareRun);
        const s = await elapsed(boxedRun);
        bare.push(b);
        boxed.push(s);
        extra.push(s - b);
      }
      record({
        area: 'sandbox',
        measure: `${label} in bubblewrap vs bare (median of 31 interleaved pairs; PID/net/IPC/UTS/mount namespaces, .git hidden, env allow-list)`,
        value: `+${median(extra).toFixed(1)} ms (${median(boxed).toFixed(1)} ms vs ${median(bare).toFixed(1)} ms)`,
        target: '< 50 ms',
      });
    }
  });
});

describe('agents that see, edit and check (issue 12)', () => {
  it('review input tokens: the diff of a 10-line change to a 400-line module vs the whole file', async () => {
    const { runReview } = await import('../src/agents/review.js');
    const spec = parseSpec(EXAMPLE, exampleText);
    const plan = decompose(spec, { roles: await loadRoles(), repo: emptyRepoSnapshot() });
    const before = Array.from(
      { length: 400 },
      (_, i) => `export const price${i} = (cents: number) => cents * ${i};`,
    );
    const after = [...before];
    for (let i = 200; i < 210; i++)
      after[i] = `export const price${i} = (cents: number) => Math.max(0, cents) * ${i};`;
    const path = 'src/products/prices.ts';
    const fake = await startFakeAnthropic();
    fake.handle(() => replies.text('no verdict'));
    const inputTokens = async (withJournal: boolean) => {
      fake.reset();
      fake.resetCache();
      await runReview({
        spec,
        plan,
        writes: [{ path, action: 'modified', bytes: 0, taskId: 'task-003', role: 'backend', sha256: '' }],
        readFile: async () => `${after.join('\n')}\n`,
        ...(withJournal ? { originalContent: () => `${before.join('\n')}\n` } : {}),
        model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
        modelName: plan.model,
        maxTokens: 4096,
        budget: new Budget({ price: priceOf(plan.model), warnUsd: 1000, maxUsd: 1000 }),
        price: priceOf(plan.model),
      });
      const u = fake.validRequests[0]!.usage!;
      return u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
    };
    const diff = await inputTokens(true);
    const whole = await inputTokens(false);
    await fake.close();
    record({
      area: 'agents',
      measure:
        'review request input tokens: diff of a 10-line change to a 400-line module ÷ the whole file (example spec, same review otherwise)',
      value: `${(diff / whole).toFixed(2)} (${diff} ÷ ${whole} tokens)`,
    });
  });

  it('estimate vs the measured tokens of the example run', async () => {
    const { requestTask } = await import('../tests/e2e/fakes.js');
    // The model's side of the example run: the recorded replies (one realistic file per task, then its
    // DONE line), served by the loopback fake by task and turn, so the prompts are today's, not the recording's.
    const recordings = join(ROOT, 'examples', 'recordings', 'product-price-filter');
    const recorded = new Map<string, FakeBlock[][]>();
    for (const file of readdirSync(recordings)) {
      const lines = readFileSync(join(recordings, file), 'utf8').trim().split('\n');
      recorded.set(
        file.replace(/\.jsonl$/, ''),
        lines.map((l) => (JSON.parse(l) as { response: { content: FakeBlock[] } }).response.content),
      );
    }
    const fake = await startFakeAnthropic();
    fake.handle((req) => {
      const { id } = requestTask(req.body);
      const turn = (req.body.messages as { role: string }[]).filter((m) => m.role === 'assistant').length;
      const content = recorded.get(id)?.[turn];
      return content ? replies.message(content) : replies.text(`Done.\nDONE:`);
    });
    // The e2e tests' checkout: a repository with a README, the spec and nothing else yet.
    const root = mkdtempSync(join(tmp, 'estimate-'));
    writeFileSync(join(root, 'README.md'), '# shop\n');
    const spec = parseSpec(EXAMPLE, exampleText);
    const roles = await loadRoles();
    const repo = await scanRepository(root);
    const plan = decompose(spec, { roles, repo });
    const result = await implementPlan({
      spec,
      plan,
      roles,
      repo,
      root,
      specPath: null,
      model: createAnthropicModel({ apiKey: 'bench', baseURL: fake.url, maxRetries: 0 }),
      maxTokens: 4096,
      maxTurns: 5,
      maxParallel: 4,
      budget: new Budget({ price: priceOf(plan.model), warnUsd: 1000, maxUsd: 1000 }),
      protectedPaths: [],
      backups: false,
      fresh: true,
      maxFixRounds: 0,
      review: false,
      secrets: [],
      log: () => {},
    });
    await fake.close();
    const u = result.usage;
    const measuredIn = u.inputTokens + u.cacheCreationTokens + u.cacheReadTokens;
    const calls = result.tasks.reduce((n, t) => n + t.calls, 0);
    const e = plan.estimate;
    record({
      area: 'agents',
      measure: `estimate ÷ measured tokens of the example run (${plan.tasks.length} tasks, ${result.status}, ${calls} calls, recorded replies, review off; the fake counts 4 chars/token and none of the API's tool-use overhead, the estimate 3.5 and the published overhead, 1,514 tokens a call)`,
      value: `input ${(e.inputTokens / measuredIn).toFixed(2)} (${e.inputTokens} ÷ ${measuredIn}); output ${(e.outputTokens / u.outputTokens).toFixed(2)} (${e.outputTokens} ÷ ${u.outputTokens})`,
    });
  });
});
