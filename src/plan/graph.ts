// The task graph as a Mermaid flowchart: one renderer for the plan (before the run) and the report (after
// it). Top-down, so a long chain grows downwards in GitHub's narrow column instead of being scaled down;
// labels are short (id, role and, after a run, the status as a symbol and a word, so colour is never the
// only signal), and a legend under the diagram says what the symbols mean. Labels are untrusted text and
// are entity-encoded; node ids are derived, never copied, so no task can break out of the diagram.
import type { TaskStatus } from '../core/results.js';

/** GitHub refuses to render large diagrams; past these sizes a sentence replaces the diagram. */
export const MAX_DIAGRAM_NODES = 100;
export const MAX_DIAGRAM_EDGES = 300;

/** A task's state as drawn: `planned` before the run, a TaskStatus after it. */
export type GraphStatus = TaskStatus | 'planned';

/** Symbol and word per status, shared by the diagram, the tables and the progress comment. */
export const STATUS_MARK: Record<TaskStatus, { symbol: string; word: string }> = {
  success: { symbol: '✅', word: 'success' },
  failed: { symbol: '❌', word: 'failed' },
  skipped: { symbol: '⏭', word: 'skipped' },
  cancelled: { symbol: '⏸', word: 'cancelled' },
  pending: { symbol: '⏳', word: 'not run' },
  running: { symbol: '🔄', word: 'running' },
};

/** `✅ success`: the status with its symbol, for text that must not rely on colour. */
export function statusText(status: string): string {
  const mark = STATUS_MARK[status as TaskStatus];
  return mark ? `${mark.symbol} ${mark.word}` : status;
}

const CLASS_DEFS: Record<GraphStatus, string> = {
  planned: 'fill:#f6f8fa,stroke:#57606a,color:#24292f',
  success: 'fill:#dafbe1,stroke:#1a7f37,color:#0f2e17',
  failed: 'fill:#ffebe9,stroke:#cf222e,color:#4c0c10,stroke-width:2px',
  skipped: 'fill:#eaeef2,stroke:#6e7781,color:#24292f,stroke-dasharray:4 2',
  cancelled: 'fill:#fff8c5,stroke:#9a6700,color:#3b2300,stroke-dasharray:4 2',
  pending: 'fill:#ffffff,stroke:#6e7781,color:#24292f,stroke-dasharray:4 2',
  running: 'fill:#ddf4ff,stroke:#0969da,color:#0a3069',
};

export interface GraphNode {
  id: string;
  agent: string;
  status: GraphStatus;
  dependsOn: readonly string[];
}

// C0/C1 controls, line breaks and bidi overrides/isolates: a label is one visible line.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]+/g;

/**
 * Text for a quoted Mermaid node label (`id["…"]`). Mermaid decodes `#name;` / `#123;` entities, so every
 * character that could end the label, start markup or break the surrounding code fence is encoded.
 */
export function escapeMermaidLabel(text: string, maxLength = 80): string {
  let line = String(text).replace(INVISIBLE, ' ').trim();
  if (line.length > maxLength) line = `${line.slice(0, Math.max(0, maxLength - 1))}…`;
  return line.replace(/[#"<>&`[\]{}()|\\;]/g, (c) => {
    switch (c) {
      case '"':
        return '#quot;';
      case '<':
        return '#lt;';
      case '>':
        return '#gt;';
      case '&':
        return '#amp;';
      default:
        return `#${c.charCodeAt(0)};`;
    }
  });
}

/** A Mermaid node id made from a task id: letters, digits and `_` only, prefixed so it is never a keyword. */
export function mermaidNodeId(taskId: string): string {
  return `t_${String(taskId)
    .replace(INVISIBLE, '')
    .replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A fenced ```mermaid block followed by its legend, or a sentence saying why the diagram is left out.
 * Arrows point from a task to the tasks that wait for it.
 */
export function renderTaskGraph(nodes: readonly GraphNode[]): string {
  const ids = uniqueNodeIds(nodes.map((n) => n.id));
  const edges: string[] = [];
  for (const node of nodes) {
    for (const dep of node.dependsOn) {
      const from = ids.get(dep);
      if (from !== undefined) edges.push(`  ${from} --> ${ids.get(node.id)!}`);
    }
  }
  if (nodes.length > MAX_DIAGRAM_NODES || edges.length > MAX_DIAGRAM_EDGES) {
    return `The graph has ${nodes.length} tasks and ${edges.length} dependencies, too many to draw legibly; the Tasks table lists them in order.`;
  }
  const used = new Set<GraphStatus>();
  const lines = ['```mermaid', 'flowchart TD'];
  const body: string[] = [];
  for (const node of nodes) {
    const status: GraphStatus = node.status in CLASS_DEFS ? node.status : 'pending';
    used.add(status);
    const head = `${escapeMermaidLabel(node.id, 40)} · ${escapeMermaidLabel(node.agent, 24)}`;
    const label = status === 'planned' ? head : `${head}<br/>${statusText(status)}`;
    body.push(`  ${ids.get(node.id)}["${label}"]:::${status}`);
  }
  for (const status of used) lines.push(`  classDef ${status} ${CLASS_DEFS[status]}`);
  lines.push(...body, ...edges, '```');
  return `${lines.join('\n')}\n\n${legend(used)}`;
}

function legend(used: ReadonlySet<GraphStatus>): string {
  const arrows = 'Each box is a task (id · role); an arrow points from a task to the tasks that wait for it.';
  const statuses = [...used].filter((s): s is TaskStatus => s !== 'planned').map(statusText);
  return statuses.length > 0 ? `_${arrows} Status: ${statuses.join(' · ')}._` : `_${arrows}_`;
}

/** Node ids per task id; ids that sanitize to the same text get a numeric suffix. */
function uniqueNodeIds(taskIds: readonly string[]): Map<string, string> {
  const byTask = new Map<string, string>();
  const used = new Set<string>();
  for (const taskId of taskIds) {
    if (byTask.has(taskId)) continue;
    const base = mermaidNodeId(taskId);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    byTask.set(taskId, id);
  }
  return byTask;
}
