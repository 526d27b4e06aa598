// Shared set-up of the hardening suite: a real workspace nested deep inside a temp directory (so a path
// that escapes the root still lands somewhere we can inspect, never in the real file system), a plan from an
// example spec, the engine wired to the real Anthropic adapter talking to the loopback fake, and a walk of
// the whole temp directory to prove nothing was written outside the root.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Budget } from '../../src/core/budget.js';
import { priceOf } from '../../src/core/prices.js';
import type { RunResult } from '../../src/core/results.js';
import type { Role } from '../../src/core/tasks.js';
import type { Workspace, WorkspaceOptions } from '../../src/core/workspace.js';
import { type Prepared, preparePlan } from '../../src/plan/prepare.js';
import { runPlan } from '../../src/run/engine.js';
import { type AnthropicModelOptions, createAnthropicModel } from '../../src/run/model/anthropic.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { type FakeAnthropic, type RecordedRequest, startFakeAnthropic } from '../fakes/anthropic-server.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_REL = 'specs/feature.md';

export interface Sandbox {
  /** The temp directory holding everything; removed by cleanup(). */
  dir: string;
  /** The workspace root, three levels below `dir`: `dir/outer/inner/repo`. */
  root: string;
  /** A directory outside the root that must stay empty. */
  outside: string;
  cleanup(): void;
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(path.join(tmpdir(), 'implement-spec-hardening-'));
  const root = path.join(dir, 'outer', 'inner', 'repo');
  const outside = path.join(dir, 'outside');
  mkdirSync(root, { recursive: true });
  mkdirSync(outside);
  return { dir, root, outside, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ModelAndSandbox {
  /** The loopback fake model of the test file, reset (requests and handler) before each test. */
  fake: FakeAnthropic;
  /** The current test's sandbox, made before and removed after each test. */
  box: Sandbox;
}

/** Registers the hooks of a file whose tests share one fake model and get a fresh sandbox each; read it in tests. */
export function useFakeModelAndSandbox(): ModelAndSandbox {
  const current = {} as ModelAndSandbox;
  beforeAll(async () => {
    current.fake = await startFakeAnthropic();
  });
  afterAll(() => current.fake.close());
  beforeEach(() => {
    current.fake.reset();
    current.box = createSandbox();
  });
  afterEach(() => current.box.cleanup());
  return current;
}

/** Every file and symlink under `dir`, relative, POSIX, sorted. */
export function treeOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Files of the sandbox that are not inside the workspace root (symlinks the test made are listed too). */
export function filesOutsideRoot(box: Sandbox): string[] {
  const rootRel = path.relative(box.dir, box.root).split(path.sep).join('/');
  return treeOf(box.dir).filter((f) => !f.startsWith(`${rootRel}/`));
}

/** The task id (`task-001`) a request is about, from its first user message. */
export function taskOf(req: RecordedRequest): string {
  return /task-\d{3}/.exec(JSON.stringify(req.body.messages?.[0]?.content ?? ''))?.[0] ?? 'task-x';
}

/** Whether the request answers tool calls (i.e. the model already acted in this task). */
export function answersTools(req: RecordedRequest): boolean {
  const last = req.body.messages?.at(-1);
  return Array.isArray(last?.content) && last.content.some((b: { type: string }) => b.type === 'tool_result');
}

/** Tool results of a request's last user message. */
export function toolResultsOf(
  req: RecordedRequest,
): { tool_use_id: string; content: string; is_error?: boolean }[] {
  const last = req.body.messages?.at(-1);
  return Array.isArray(last?.content)
    ? last.content.filter((b: { type: string }) => b.type === 'tool_result')
    : [];
}

/** A plan for an example spec copied into the sandbox root, optionally narrowed to some roles. */
export async function prepareExample(box: Sandbox, example: string, agents?: Role[]): Promise<Prepared> {
  const specPath = path.join(box.root, ...SPEC_REL.split('/'));
  mkdirSync(path.dirname(specPath), { recursive: true });
  copyFileSync(path.join(REPO_ROOT, 'examples', 'specs', example), specPath);
  const prepared = await preparePlan({
    specPath,
    displayPath: SPEC_REL,
    repoRoot: box.root,
    options: agents ? { agents } : {},
  });
  if (!prepared.plan) throw new Error(`example ${example} did not plan`);
  return prepared;
}

export interface EngineRun {
  result: RunResult;
  workspace: Workspace;
}

/** runPlan with a real workspace and the real adapter against the fake, fast retries, a roomy budget. */
export async function runEngine(
  fake: FakeAnthropic,
  box: Sandbox,
  prepared: Prepared,
  opts: { model?: AnthropicModelOptions; workspace?: Partial<WorkspaceOptions>; maxUsd?: number } = {},
): Promise<EngineRun> {
  const plan = prepared.plan!;
  const workspace = createWorkspace({ root: box.root, specPaths: [SPEC_REL], ...opts.workspace });
  const result = await runPlan({
    spec: prepared.validation.spec,
    plan,
    model: createAnthropicModel({
      apiKey: 'sk-ant-hardening',
      baseURL: fake.url,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      ...opts.model,
    }),
    maxTokens: 4096,
    maxTurns: 6,
    maxParallel: 1,
    workspace,
    roles: prepared.roles,
    repo: prepared.repo,
    budget: new Budget({ price: priceOf(plan.model), warnUsd: 1000, maxUsd: opts.maxUsd ?? 1000 }),
  });
  return { result, workspace };
}

/** Path of the file a well-behaved fake agent writes for a task. */
export const generatedFile = (taskId: string) => `src/generated/${taskId}.ts`;
export const generatedContent = (taskId: string) => `export const task = '${taskId}';\n`;
