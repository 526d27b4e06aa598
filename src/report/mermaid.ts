// The task DAG as a Mermaid flowchart, nodes coloured by status. Labels are untrusted text and are
// entity-encoded; node ids are derived, never copied, so no task can break out of the diagram.
import type { TaskStatus } from '../core/results.js';
import { escapeMermaidLabel, mermaidNodeId } from './escape.js';

/** GitHub refuses to render large diagrams; past these sizes the report shows a sentence instead. */
export const MAX_DIAGRAM_NODES = 100;
export const MAX_DIAGRAM_EDGES = 300;

const CLASS_DEFS: Record<TaskStatus, string> = {
  success: 'fill:#dafbe1,stroke:#1a7f37,color:#0f2e17',
  failed: 'fill:#ffebe9,stroke:#cf222e,color:#4c0c10',
  skipped: 'fill:#eaeef2,stroke:#6e7781,color:#24292f',
  cancelled: 'fill:#fff8c5,stroke:#9a6700,color:#3b2300',
  pending: 'fill:#ffffff,stroke:#6e7781,color:#24292f,stroke-dasharray:4 2',
  running: 'fill:#ddf4ff,stroke:#0969da,color:#0a3069',
};

export interface GraphNode {
  id: string;
  agent: string;
  title: string;
  status: TaskStatus;
  dependsOn: readonly string[];
}

/** A fenced ```mermaid block, or a sentence saying why the diagram is left out. */
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
  const lines = ['```mermaid', 'flowchart TD'];
  for (const [status, style] of Object.entries(CLASS_DEFS)) lines.push(`  classDef ${status} ${style}`);
  for (const node of nodes) {
    const label = `${escapeMermaidLabel(node.id, 40)} · ${escapeMermaidLabel(node.agent, 30)}: ${escapeMermaidLabel(node.title, 60)}`;
    const status = node.status in CLASS_DEFS ? node.status : 'pending';
    lines.push(`  ${ids.get(node.id)}["${label}"]:::${status}`);
  }
  lines.push(...edges, '```');
  return lines.join('\n');
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
