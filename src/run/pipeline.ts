// One spec's implementation after planning, shared by the CLI and the action: resume state, role
// allowlists, the agents, the formatter, the test loop with fix rounds, the review, the new state.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareFrontMatter } from '../agents/context.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import type { Budget } from '../core/budget.js';
import type { CheckRunner } from '../core/checks.js';
import { loadRoleConfig, type RoleConfig } from '../core/config.js';
import type { ModelPort } from '../core/model-port.js';
import { priceOf } from '../core/prices.js';
import type { ProgressEvent, ProgressListener, RunResult, TaskResult, WriteRecord } from '../core/results.js';
import type { Plan, Role } from '../core/tasks.js';
import type { Workspace } from '../core/workspace.js';
import { modelForRole } from '../plan/role-models.js';
import type { Spec } from '../spec/types.js';
import { createCheckRunner } from './checks.js';
import { type CommandPolicy, splitCommand } from './commands.js';
import { runPlan } from './engine.js';
import { diskFileCheck, planResume, type ResumePlan } from './resume.js';
import { runReviewWithFix } from './review-loop.js';
import { buildState, readState, STATE_PATH, writeState, writeStateSync } from './state.js';
import { type FixRunnerOptions, makeFixRunner, runFormatter, runTestLoop } from './test-loop.js';
import { createWorkspace } from './workspace.js';

export interface PipelineInput {
  spec: Spec;
  plan: Plan;
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
  /** Workspace root: the checkout or --output-dir. */
  root: string;
  /** Workspace-relative path of the spec (never writable), when it lies inside the root. */
  specPath: string | null;
  model: ModelPort;
  maxTokens: number;
  maxTurns: number;
  maxParallel: number;
  budget: Budget;
  protectedPaths: string[];
  /** Copy files about to be overwritten to .implement-spec/backups/ (local runs). */
  backups: boolean;
  /** Ignore the state of an earlier run. */
  fresh: boolean;
  testCommand?: string;
  maxFixRounds: number;
  formatCommand?: string;
  review: boolean;
  /**
   * Model per role (the plan's tasks already carry theirs); here for the fix and review agents. Merged over
   * the config file's `roles.<role>.model`.
   */
  roleModels?: Record<Role, string>;
  /** The role config from preparePlan; read from `root` when absent. */
  roleConfig?: RoleConfig;
  /** Values to redact from command output (API keys, tokens): defence in depth, the sandbox keeps them out. */
  secrets: string[];
  /** How the test and format commands are contained (default: sandboxed, refused without a sandbox). */
  commandPolicy?: CommandPolicy;
  onEvent?: ProgressListener;
  log: (message: string) => void;
}

/**
 * The caller's listener, made unable to break the run: progress reporting that throws (say, on a fix task
 * the caller's plan view does not know) is logged, and the run goes on with the same outcome.
 */
function guardedListener(
  listener: ProgressListener | undefined,
  log: (message: string) => void,
): ProgressListener | undefined {
  if (!listener) return undefined;
  return (event: ProgressEvent) => {
    try {
      listener(event);
    } catch (err) {
      const task =
        event.type === 'task-start' ? event.task.id : event.type === 'task-end' ? event.result.taskId : '';
      log(
        `Progress listener failed on ${event.type}${task ? ` of ${task}` : ''}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}

/** sha256 of a workspace file's content now, or null when it cannot be read. */
async function diskSha256(root: string, relPath: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(path.join(root, ...relPath.split('/'))))
      .digest('hex');
  } catch {
    return null;
  }
}

/**
 * The checks the agents may run: the config's `checks:` plus a test-command that parses without a shell (a bad
 * test-command is left to the test loop, which reports it as it always has). A config check that needs a shell
 * is the config's to fix before anything is spent: that error propagates.
 */
function openChecks(input: PipelineInput, roleConfig: RoleConfig): CheckRunner | null {
  let testCommand: string | undefined;
  try {
    if (input.testCommand) splitCommand(input.testCommand);
    testCommand = input.testCommand;
  } catch {
    testCommand = undefined;
  }
  return createCheckRunner({
    checks: roleConfig.checks,
    ...(testCommand ? { testCommand } : {}),
    cwd: input.root,
    secrets: input.secrets,
    ...(input.commandPolicy ? { policy: input.commandPolicy } : {}),
  });
}

/**
 * The steps, in order: (1) role config and models, (2) resume state, (3) the workspace, (4) the agents with a
 * checkpoint after every finished task, (5) the formatter, (6) the tests with fix rounds, (7) the review,
 * (8) the totals, (9) the new state.
 */
export async function implementPlan(input: PipelineInput): Promise<RunResult> {
  const { budget } = input;
  // The fix rounds and the review build prompts too, not only the engine.
  await prepareFrontMatter(input.spec);
  const warnings: string[] = [];
  const onEvent = guardedListener(input.onEvent, input.log);
  const setup = await loadRoleSetup(input, warnings);
  const resumed = await loadResume(input, warnings);
  const workspace = openWorkspace(input, setup.roleConfig);

  const checks = openChecks(input, setup.roleConfig);
  const maxChecks = setup.roleConfig.maxChecks;
  const result = await runPlan({
    spec: input.spec,
    plan: input.plan,
    checks,
    ...(maxChecks !== undefined ? { maxChecks } : {}),
    testsRunAfter: Boolean(input.testCommand),
    model: input.model,
    maxTokens: input.maxTokens,
    maxTurns: input.maxTurns,
    maxParallel: input.maxParallel,
    workspace,
    roles: input.roles,
    repo: input.repo,
    budget,
    reuse: resumed.resume.reuse,
    onEvent: checkpointingListener(input, resumed, workspace, onEvent),
  });
  result.warnings.unshift(...warnings);
  const reusedRecords = reusedWriteRecords(input.plan, resumed, workspace);
  const written = () => writtenPaths(workspace);

  await formatWrittenFiles(input, written, result);
  const anySuccess = result.tasks.some((t) => t.status === 'success');
  if (input.testCommand && anySuccess && !budget.exceeded) {
    const filesWritten = () => [...new Set([...written(), ...reusedRecords.map((r) => r.path)])];
    await runTestsWithFixes(
      input,
      input.testCommand,
      setup.fixModel,
      workspace,
      filesWritten,
      result,
      onEvent,
      { checks, maxChecks },
    );
  }
  if (input.review && anySuccess) {
    const fix = fixOptions(input, setup.fixModel, workspace, onEvent, { checks, maxChecks });
    await reviewResult(input, setup.reviewModel, workspace, reusedRecords, result, fix);
    if (result.review?.fixRound?.fixTask?.files.length && input.testCommand && result.testLoop)
      await retestAfterReviewFix(input, input.testCommand, result);
  }

  recordTotals(result, workspace, budget);
  await saveState(input, resumed.previous, result);
  return result;
}

interface RoleSetup {
  roleConfig: RoleConfig;
  fixModel: string;
  reviewModel: string;
}

/** Step 1: the role config (its warnings join the run's) and the models of the fix and review agents. */
async function loadRoleSetup(input: PipelineInput, warnings: string[]): Promise<RoleSetup> {
  // A broken config file is the user's to fix before anything is spent: RoleConfigError propagates.
  const roleConfig = input.roleConfig ?? (await loadRoleConfig(input.root));
  warnings.push(...roleConfig.warnings);
  const roleModels = { ...roleConfig.roleModels, ...input.roleModels };
  return {
    roleConfig,
    fixModel: modelForRole('fix', roleModels, input.plan.model),
    reviewModel: modelForRole('review', roleModels, input.plan.model),
  };
}

interface Resumed {
  previous: Awaited<ReturnType<typeof readState>>;
  resume: ResumePlan;
}

/** Step 2: the previous run's state and which of its tasks are kept. */
async function loadResume(input: PipelineInput, warnings: string[]): Promise<Resumed> {
  const previous = await readState(input.root);
  if (previous.warning) warnings.push(previous.warning);
  const resume = planResume({
    spec: input.spec,
    plan: input.plan,
    previous: previous.state,
    fresh: input.fresh,
    fileExists: diskFileCheck(input.root),
  });
  if (resume.reuse.size > 0) {
    input.log(`Resuming: ${resume.reuse.size} task(s) completed by the previous run are kept.`);
    for (const id of resume.redo)
      input.log(`  ${id} runs again: ${resume.reasons[id] ?? 'not completed before'}`);
  }
  return { previous, resume };
}

/** Step 3: the agents' workspace, with the caller's, the config file's and the state's protected paths. */
function openWorkspace(input: PipelineInput, roleConfig: RoleConfig): Workspace {
  return createWorkspace({
    root: input.root,
    specPaths: input.specPath ? [input.specPath] : [],
    // Agents never touch the resume state: only this pipeline writes it.
    protectedPaths: [...input.protectedPaths, ...roleConfig.protectedPaths, STATE_PATH],
    roleAllow: roleConfig.roleAllow,
    backups: input.backups,
  });
}

/**
 * Step 4's listener. Checkpoints: the state is rewritten after every finished task, so a run killed mid-way
 * (a cancelled job, a crash) resumes from the last completed task instead of from the start.
 */
function checkpointingListener(
  input: PipelineInput,
  { previous, resume }: Resumed,
  workspace: Workspace,
  onEvent: ProgressListener | undefined,
): ProgressListener {
  const finished = new Map<string, TaskResult>();
  return (event) => {
    onEvent?.(event);
    if (event.type !== 'task-end' || event.result.status !== 'success') return;
    finished.set(event.result.taskId, event.result);
    const reused = [...resume.reuse.keys()].filter((id) => finished.has(id));
    try {
      writeStateSync(
        input.root,
        buildState(
          input.spec,
          input.plan,
          [...finished.values()],
          workspace.records(),
          previous.state ?? undefined,
          reused,
        ),
      );
    } catch (err) {
      input.log(`Could not write the resume checkpoint: ${(err as Error).message}`);
    }
  };
}

/**
 * Files of the tasks taken over from the previous run are part of the result under test and review, though
 * this run did not write them.
 */
function reusedWriteRecords(plan: Plan, { previous, resume }: Resumed, workspace: Workspace): WriteRecord[] {
  const thisRun = new Set(workspace.records().map((w) => w.path));
  return [...resume.reuse].flatMap(([taskId, reused]) => {
    const task = plan.tasks.find((t) => t.id === taskId);
    const prev = previous.state?.tasks[taskId];
    return reused.files
      .filter((p) => !thisRun.has(p))
      .map((p) => ({
        path: p,
        action: 'created' as const,
        bytes: 0,
        taskId,
        role: task?.agent ?? prev?.agent ?? 'backend',
        sha256: prev?.files.find((f) => f.path === p)?.sha256 ?? '',
      }));
  });
}

/** The paths this run wrote and did not delete, once each. */
function writtenPaths(workspace: Workspace): string[] {
  return [
    ...new Set(
      workspace
        .records()
        .filter((w) => w.action !== 'deleted')
        .map((w) => w.path),
    ),
  ];
}

/** Step 5: the repository's formatter over the written files; a failure is a warning, the files are kept. */
async function formatWrittenFiles(input: PipelineInput, written: () => string[], result: RunResult) {
  const files = written();
  if (!input.formatCommand || files.length === 0) return;
  const formatted = await runFormatter({
    formatCommand: input.formatCommand,
    files,
    cwd: input.root,
    secrets: input.secrets,
    ...(input.commandPolicy ? { policy: input.commandPolicy } : {}),
  });
  if (!formatted.ok)
    result.warnings.push(
      `format-command failed (the files are kept unformatted): ${formatted.output.slice(-500)}`,
    );
}

/** Step 6: the test command, with fix agents between failing rounds; their tasks and calls join the result. */
async function runTestsWithFixes(
  input: PipelineInput,
  testCommand: string,
  fixModel: string,
  workspace: Workspace,
  filesWritten: () => string[],
  result: RunResult,
  onEvent: ProgressListener | undefined,
  agentChecks: AgentChecks,
): Promise<void> {
  const { budget } = input;
  input.log(`Running the tests: ${testCommand}`);
  result.testLoop = await runTestLoop({
    testCommand,
    maxFixRounds: input.maxFixRounds,
    cwd: input.root,
    secrets: input.secrets,
    ...(input.commandPolicy ? { policy: input.commandPolicy } : {}),
    // Files a fix agent writes go through the formatter before the re-test, like the agents' files did.
    afterFix: (files) => formatWrittenFiles(input, () => files, result),
    budget,
    filesWritten,
    // The journal lets each fix round see what the previous one changed.
    journal: workspace,
    runFix: makeFixRunner(fixOptions(input, fixModel, workspace, onEvent, agentChecks)),
  });
  for (const round of result.testLoop.rounds) {
    if (round.fixTask) {
      result.tasks.push(round.fixTask);
      result.apiCalls.model += round.fixTask.calls;
    }
  }
  if (!result.testLoop.passed) {
    // Code that fails the repository's own tests is not a finished implementation: the run is partial,
    // and the error says why (the PR is still opened, so the work can be continued).
    result.errors.push(`Tests still fail: ${result.testLoop.stopReason}.`);
    if (result.status === 'success') result.status = 'partial';
  }
}

/** The fix agent's settings, shared by the test loop's rounds and the review's fix round. */
/** The repository checks the agents may run, shared by the plan's agents and the fix agents. */
interface AgentChecks {
  checks: CheckRunner | null;
  maxChecks: number | undefined;
}

function fixOptions(
  input: PipelineInput,
  fixModel: string,
  workspace: Workspace,
  onEvent: ProgressListener | undefined,
  { checks, maxChecks }: AgentChecks,
): FixRunnerOptions {
  return {
    spec: input.spec,
    roles: input.roles,
    repo: input.repo,
    model: input.model,
    modelName: fixModel,
    runModel: input.plan.model,
    maxTokens: input.maxTokens,
    maxTurns: input.maxTurns,
    workspace,
    budget: input.budget,
    price: priceOf(fixModel),
    baseTaskIds: input.plan.tasks.map((t) => t.id),
    ...(checks ? { checks } : {}),
    ...(maxChecks !== undefined ? { maxChecks } : {}),
    ...(onEvent ? { onEvent } : {}),
  };
}

/**
 * Step 7: the review agent over what the run changed (diffs against the journal's before), this run's files
 * and the reused ones; a must-have item judged not met gets one fix round, whose task joins the result.
 */
async function reviewResult(
  input: PipelineInput,
  reviewModel: string,
  workspace: Workspace,
  reusedRecords: WriteRecord[],
  result: RunResult,
  fix: FixRunnerOptions,
): Promise<void> {
  const reviewed = await runReviewWithFix({
    review: {
      spec: input.spec,
      plan: input.plan,
      readFile: (p) => workspace.read(p),
      originalContent: (p) => workspace.originalContent(p),
      model: input.model,
      modelName: reviewModel,
      maxTokens: input.maxTokens,
      budget: input.budget,
      price: priceOf(reviewModel),
      ...(input.roles.get('review') ? { rolePrompt: input.roles.get('review')!.prompt } : {}),
    },
    writes: () => [...reusedRecords, ...workspace.records()],
    fix,
  });
  result.review = reviewed;
  result.apiCalls.model += reviewed.calls;
  const fixTask = reviewed.fixRound?.fixTask;
  if (fixTask) {
    result.tasks.push(fixTask);
    result.apiCalls.model += fixTask.calls;
  }
  if (reviewed.status !== 'completed' && reviewed.reason)
    result.warnings.push(`Review ${reviewed.status}: ${reviewed.reason}`);
}

/**
 * The review's fix round changed code after the tests ran: run them once more (no fix rounds), so the
 * report never says "passed" about code that was changed afterwards.
 */
async function retestAfterReviewFix(input: PipelineInput, testCommand: string, result: RunResult) {
  const loop = result.testLoop!;
  input.log(`Running the tests again after the review's fix round: ${testCommand}`);
  const again = await runTestLoop({
    testCommand,
    maxFixRounds: 0,
    cwd: input.root,
    secrets: input.secrets,
    budget: input.budget,
    filesWritten: () => [],
    runFix: async () => {
      throw new Error('no fix rounds after the review');
    },
  });
  const round = again.rounds[0];
  if (!round) return;
  loop.rounds.push({ ...round, round: loop.rounds.length });
  const wasPassing = loop.passed;
  loop.passed = round.passed;
  loop.stopReason = `${loop.stopReason}; re-run after the review's fix round: ${round.passed ? 'passed' : 'failing'}`;
  if (wasPassing && !round.passed) {
    result.errors.push(`Tests fail after the review's fix round: ${loop.stopReason}.`);
    if (result.status === 'success') result.status = 'partial';
  } else if (!wasPassing && round.passed) {
    // The status stays as the test loop left it: other problems may have made the run partial too.
    result.errors = result.errors.filter((e) => !e.startsWith('Tests still fail:'));
    result.warnings.push(`The tests pass after the review's fix round (they failed before it).`);
  }
}

/** Step 8: totals include the fix rounds and the review, which the budget saw too. */
function recordTotals(result: RunResult, workspace: Workspace, budget: Budget): void {
  result.writes = workspace.records();
  result.usage = budget.usage;
  result.costUsd = budget.totalUsd;
  result.costUsdWithoutCache = budget.totalUsdWithoutCache;
  result.budget = budget.summary();
}

/**
 * Step 9. The state records what is committed: the content after the formatter (and anything the tests
 * rewrote), not what the agents wrote, or the next run would take every formatted file for a changed one.
 */
async function saveState(
  input: PipelineInput,
  previous: Resumed['previous'],
  result: RunResult,
): Promise<void> {
  const { spec, plan, root } = input;
  const onDisk: WriteRecord[] = [];
  for (const w of result.writes) {
    onDisk.push(w.action === 'deleted' ? w : { ...w, sha256: (await diskSha256(root, w.path)) ?? w.sha256 });
  }
  const state = buildState(
    spec,
    plan,
    result.tasks.filter((t) => plan.tasks.some((p) => p.id === t.taskId)),
    onDisk,
    previous.state ?? undefined,
    result.resumed,
  );
  await writeState(root, state);
}
