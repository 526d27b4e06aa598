// A plan for people (terminal text, Markdown with a Mermaid graph) and for programs (JSON with a schema).
// Titles come from the spec, which is untrusted: control characters are dropped for the terminal, and
// Markdown/Mermaid syntax is escaped.
import { formatUsd, groupThousands } from '../core/money.js';
import type { Plan, PlanEstimate, Task } from '../core/tasks.js';
import { renderTaskGraph } from './graph.js';

/** The one dollar format of every view (see core/money). */
export { formatUsd };

export function formatMinutes(n: number): string {
  if (n <= 0) return '0 s';
  if (n < 1) return `${Math.max(1, Math.round(n * 60))} s`;
  if (n < 60) return `${n.toFixed(1)} min`;
  return `${Math.floor(n / 60)} h ${Math.round(n % 60)} min`;
}

/**
 * `173,589`, as `toLocaleString('en-US')` writes it. By hand for whole numbers: the first toLocaleString call
 * loads ICU's number formatting, ~20 ms of a plan's start-up, to place two commas.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const out = groupThousands(String(Math.abs(n)));
  return n < 0 ? `-${out}` : out;
}

/** Terminal-safe: no escape sequences, no line breaks from a title. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
}

const ansi = (code: number, reset: number) => (s: string) => `\u001b[${code}m${s}\u001b[${reset}m`;
const COLOR: Style = { bold: ansi(1, 22), dim: ansi(2, 22), yellow: ansi(33, 39), red: ansi(31, 39) };
const NO_COLOR: Style = { bold: (s) => s, dim: (s) => s, yellow: (s) => s, red: (s) => s };

const TITLE_WIDTH = 64;

export interface PlanTextOptions {
  color?: boolean;
  /** The repository scanned for the prompts (and so the estimate), shown so two estimates can be compared. */
  repository?: { root: string; files: number };
}

export function renderPlanText(plan: Plan, options: PlanTextOptions = {}): string {
  const c = options.color ? COLOR : NO_COLOR;
  const out: string[] = [];
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  out.push(
    c.bold(`Plan: ${plain(plan.spec.name || plan.spec.id)}`) +
      (plan.spec.id ? ` (${plain(plan.spec.id)})` : ''),
  );
  out.push(`Spec: ${plain(plan.spec.path)}`);
  if (options.repository) {
    const { root, files } = options.repository;
    out.push(
      `Repository: ${plain(root)} (${formatCount(files)} file(s) scanned; the estimate includes them)`,
    );
  }
  out.push(
    `Mode: ${plan.mode} | Model: ${plan.model} | ${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'} in ` +
      `${plan.phases.length} phase${plan.phases.length === 1 ? '' : 's'}`,
  );
  if (plan.forced)
    out.push(c.red('FORCED: the spec did not pass validation; this plan was made with --force.'));

  const agentWidth = Math.max(11, ...plan.tasks.map((t) => plain(t.agent).length + 1));
  const titleWidth = Math.min(TITLE_WIDTH, Math.max(0, ...plan.tasks.map((t) => plain(t.title).length)));
  for (const phase of plan.phases) {
    out.push('', c.bold(`Phase ${phase.number}`));
    for (const id of phase.taskIds) {
      const t = byId.get(id);
      if (!t) continue;
      const title = truncate(plain(t.title), TITLE_WIDTH).padEnd(titleWidth);
      const deps = t.dependsOn.length > 0 ? `  ${c.dim(`← ${t.dependsOn.join(', ')}`)}` : '';
      const model = t.model ? `  ${c.dim(`(${plain(t.model)})`)}` : '';
      out.push(
        `  [${t.id}] ${plain(t.agent).padEnd(agentWidth)}${title}  ${formatUsd(t.estimate.usd).padStart(8)}${model}${deps}`,
      );
    }
  }
  if (plan.tasks.length === 0) out.push('', 'No tasks.');

  out.push('');
  const total = plan.coverage.covered.length + plan.coverage.uncovered.length;
  out.push(c.bold('Coverage: ') + `${plan.coverage.covered.length} of ${total} spec item(s) covered`);
  if (plan.coverage.covered.length > 0) out.push(`  covered: ${plan.coverage.covered.map(plain).join(', ')}`);
  out.push(
    plan.coverage.uncovered.length > 0
      ? c.yellow(`  uncovered: ${plan.coverage.uncovered.map(plain).join(', ')}`)
      : '  uncovered: none',
  );

  const e = plan.estimate;
  out.push('');
  out.push(
    c.bold('Estimated cost: ') +
      `${formatUsd(e.usd)} (range ${formatUsd(e.lowUsd)}–${formatUsd(e.highUsd)}; ${formatUsd(e.usdNoCache)} without prompt caching)`,
  );
  out.push(
    c.bold('Estimated time: ') +
      `${formatMinutes(e.sequentialMinutes)} sequential, ${formatMinutes(e.parallelMinutes)} parallel (critical path)`,
  );
  out.push(c.bold('Tokens: ') + `${formatCount(e.inputTokens)} input, ${formatCount(e.outputTokens)} output`);

  if (plan.assumptions.length > 0) {
    out.push('', c.bold('Assumptions:'));
    for (const a of plan.assumptions) out.push(`  - ${plain(a)}`);
  }
  if (plan.warnings.length > 0) {
    out.push('', c.yellow(c.bold('Warnings:')));
    for (const w of plan.warnings) out.push(c.yellow(`  - ${plain(w)}`));
  }
  return `${out.join('\n')}\n`;
}

/** Escapes text for a Markdown table cell or paragraph: no HTML, no links, no emphasis, no cell breaks. */
export function escapeMarkdown(text: string): string {
  return plain(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#!~])/g, '\\$1')
    .trim();
}

export function renderPlanMarkdown(plan: Plan): string {
  const e = plan.estimate;
  const out: string[] = [];
  out.push(`## Implementation plan: ${escapeMarkdown(plan.spec.name || plan.spec.id)}`, '');
  if (plan.forced)
    out.push(
      '> [!WARNING]',
      '> **Forced:** the spec did not pass validation; this plan was made with `--force`.',
      '',
    );
  // A list, not a two-column table: GitHub would show a table's (empty) header row.
  out.push(
    `- **Spec:** ${escapeMarkdown(plan.spec.path)} (${escapeMarkdown(plan.spec.id)})`,
    `- **Mode:** ${plan.mode} · **Model:** ${escapeMarkdown(plan.model)}`,
    `- **Tasks:** ${plan.tasks.length} in ${plan.phases.length} phase(s)`,
    `- **Estimated cost:** ${formatUsd(e.usd)} (range ${formatUsd(e.lowUsd)}–${formatUsd(e.highUsd)}; ${formatUsd(e.usdNoCache)} without prompt caching)`,
    `- **Estimated time:** ${formatMinutes(e.sequentialMinutes)} sequential, ${formatMinutes(e.parallelMinutes)} parallel`,
    `- **Tokens:** ${formatCount(e.inputTokens)} input (incl. cache reads), ${formatCount(e.outputTokens)} output`,
    '',
  );

  out.push('### Tasks', '');
  if (plan.tasks.length === 0) {
    out.push('No tasks.', '');
  } else {
    // Six columns at most, so the table fits GitHub's comment column; a role's own model goes with the agent.
    out.push(
      '| Task | Agent | Title | Covers | Depends on | Estimate |',
      '| --- | --- | --- | --- | --- | ---: |',
    );
    for (const t of plan.tasks) {
      const agent = t.model
        ? `${escapeMarkdown(t.agent)} (${escapeMarkdown(t.model)})`
        : escapeMarkdown(t.agent);
      out.push(
        `| ${t.id} | ${agent} | ${escapeMarkdown(t.title)} | ${escapeMarkdown(t.covers.join(', ')) || '—'} | ` +
          `${t.dependsOn.join(', ') || '—'} | ${formatUsd(t.estimate.usd)} |`,
      );
    }
    out.push('', '### Dependency graph', '');
    out.push(
      renderTaskGraph(
        plan.tasks.map((t) => ({ id: t.id, agent: t.agent, status: 'planned', dependsOn: t.dependsOn })),
      ),
      '',
    );
  }

  out.push('### Coverage', '');
  out.push(
    `Covered (${plan.coverage.covered.length}): ${escapeMarkdown(plan.coverage.covered.join(', ')) || 'none'}`,
    '',
  );
  out.push(
    plan.coverage.uncovered.length > 0
      ? `**Uncovered (${plan.coverage.uncovered.length}):** ${escapeMarkdown(plan.coverage.uncovered.join(', '))}`
      : 'Uncovered: none',
    '',
  );
  if (plan.assumptions.length > 0) {
    out.push('### Assumptions', '', ...plan.assumptions.map((a) => `- ${escapeMarkdown(a)}`), '');
  }
  if (plan.warnings.length > 0) {
    out.push('### Warnings', '', ...plan.warnings.map((w) => `- ${escapeMarkdown(w)}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The `--json` plan output. Version 1; add fields, never change or remove one. Its runtime schema, for programs
 * that read it, is PlanJsonSchema in plan-json-schema.ts (kept out of here so printing a plan loads no schema
 * library); a type test holds the two equal.
 */
export interface PlanJson {
  spec: Plan['spec'];
  mode: 'sequential' | 'parallel';
  model: string;
  tasks: PlanTaskJson[];
  phases: { number: number; taskIds: string[] }[];
  coverage: { covered: string[]; uncovered: string[] };
  estimate: PlanEstimate;
  assumptions: string[];
  warnings: string[];
  forced: boolean;
}

/** A task as `--json` prints it: the plan's task, with the role as a plain string. */
export interface PlanTaskJson extends Omit<Task, 'agent'> {
  agent: string;
}

export function toPlanJson(plan: Plan): PlanJson {
  return {
    spec: { id: plan.spec.id, name: plan.spec.name, path: plan.spec.path, hash: plan.spec.hash },
    mode: plan.mode,
    model: plan.model,
    tasks: plan.tasks.map((t) => ({
      id: t.id,
      agent: t.agent,
      title: t.title,
      description: t.description,
      phase: t.phase,
      dependsOn: [...t.dependsOn],
      covers: [...t.covers],
      sections: [...t.sections],
      ...(t.model !== undefined ? { model: t.model } : {}),
      estimate: { ...t.estimate },
    })),
    phases: plan.phases.map((p) => ({ number: p.number, taskIds: [...p.taskIds] })),
    coverage: { covered: [...plan.coverage.covered], uncovered: [...plan.coverage.uncovered] },
    estimate: { ...plan.estimate },
    assumptions: [...plan.assumptions],
    warnings: [...plan.warnings],
    forced: plan.forced,
  };
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(toPlanJson(plan), null, 2)}\n`;
}
