// Just enough of the Actions runner to play a workflow file's steps as written: the `with:` of a step that
// uses implement-spec becomes INPUT_* variables (action.yml's defaults filled in, as the runner does), `${{ … }}`
// expressions are evaluated against a context, `if:` conditions too, and `run:` scripts run in bash with their
// `env:` and a GITHUB_OUTPUT file. Only the expression forms our example workflows use are understood; anything
// else throws, so an example cannot silently drift out of what its test checks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseOutputFile, REPO_ROOT } from './harness.js';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

export interface Job {
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}

export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export function readExample(name: string): Workflow {
  return readWorkflow(join('examples', name));
}

/** A workflow of .github/workflows, by its path under that folder. */
export function readWorkflow(path: string): Workflow {
  return parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', path), 'utf8')) as Workflow;
}

/** The steps of a job that run implement-spec (`uses: <owner>/implement-spec@<ref>`, or `./` in this repository). */
export function actionSteps(job: Job): Step[] {
  return job.steps.filter((s) => /^[^/]+\/implement-spec@/.test(s.uses ?? '') || s.uses === './');
}

type Context = Record<string, unknown>;

function lookup(path: string, context: Context): unknown {
  let value: unknown = context;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Evaluates one expression: a context path, a '…' literal, contains(a, b), fromJSON(a), a == b, a != b. */
export function evaluate(expr: string, context: Context): unknown {
  const e = expr.trim();
  const literal = /^'((?:[^']|'')*)'$/.exec(e);
  if (literal) return literal[1]!.replace(/''/g, "'");
  const call = /^(contains|fromJSON)\((.*)\)$/.exec(e);
  if (call) {
    const args = splitArgs(call[2]!).map((a) => evaluate(a, context));
    if (call[1] === 'fromJSON') return JSON.parse(String(args[0]));
    return String(args[0] ?? '').includes(String(args[1] ?? ''));
  }
  const comparison = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(e);
  if (comparison) {
    const equal = String(evaluate(comparison[1]!, context)) === String(evaluate(comparison[3]!, context));
    return comparison[2] === '==' ? equal : !equal;
  }
  if (/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(e)) return lookup(e, context) ?? '';
  throw new Error(`the test runner does not understand the expression "${e}"`);
}

function splitArgs(s: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      args.push(s.slice(start, i));
      start = i + 1;
    }
  }
  args.push(s.slice(start));
  return args;
}

/** Replaces every `${{ … }}` in a string by its value. */
export function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expr: string) => {
    const value = evaluate(expr, context);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** An `if:` condition (with or without `${{ }}`) → boolean. */
export function condition(text: string | undefined, context: Context): boolean {
  if (text === undefined) return true;
  const inner = /^\s*\$\{\{(.*)\}\}\s*$/.exec(text)?.[1] ?? text;
  return Boolean(evaluate(inner, context));
}

/** The INPUT_* values the runner gives the action for this step: action.yml defaults, then the step's `with:`. */
export function stepInputs(step: Step, context: Context): Record<string, string> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const inputs: Record<string, string> = {};
  for (const [name, def] of Object.entries(action.inputs)) {
    if (def.default !== undefined) inputs[name] = interpolate(String(def.default), context);
  }
  for (const [name, value] of Object.entries(step.with ?? {})) {
    if (!(name in action.inputs))
      throw new Error(`the example passes "${name}", which action.yml does not declare`);
    inputs[name] = interpolate(String(value), context);
  }
  return inputs;
}

/** Runs a `run:` step in bash as the runner would; returns its exit code, output and GITHUB_OUTPUT values. */
export function runScript(step: Step, context: Context) {
  if (!step.run) throw new Error('not a run step');
  const dir = mkdtempSync(join(tmpdir(), 'implement-spec-step-'));
  const outputFile = join(dir, 'output');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin', GITHUB_OUTPUT: outputFile };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = interpolate(value, context);
  const r = spawnSync('bash', ['-e', '-c', interpolate(step.run, context)], { env, encoding: 'utf8' });
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}
