// Shared e2e setup: a scripted fake Anthropic that writes one file per task, and a fake GitHub
// seeded with the repository the event fixtures describe (octo-org/shop).
import { type Reply, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { doneLineFor } from '../fakes/done.js';
import { startFakeGitHub } from '../fakes/github-server.js';

/** A file an agent writes: path and content. */
export interface AgentWrite {
  path: string;
  content: string;
}

export interface AgentsFakeOptions {
  failTask?: string;
  latencyMs?: number;
  /** The file a task writes instead of the default one (see pathFor); null writes nothing (a text answer). */
  write?: (taskId: string, role: string) => AgentWrite | null | undefined;
  /** Sees every task request first (not the review's); a reply it returns is sent instead of the usual one. */
  intercept?: (task: { id: string; role: string; answered: boolean }) => Reply | undefined;
}

/** The task a model request works on (`task-004`, `fix-1`), its role, or `review` for the review agent. */
export function requestTask(body: { messages?: unknown; tools?: unknown }): { id: string; role: string } {
  const messages = (body.messages as { content: unknown }[] | undefined) ?? [];
  const tools = (body.tools as { name: string }[] | undefined) ?? [];
  if (tools.some((t) => t.name === 'submit_review')) return { id: 'review', role: 'review' };
  const first = JSON.stringify(messages[0]?.content ?? '');
  // The task heading names the task; older prompts are matched by their first task id.
  const heading = /# Task ([A-Za-z0-9-]+) \((\w+) agent/.exec(first);
  if (heading) return { id: heading[1]!, role: heading[2]! };
  return {
    id: /task-\d{3}/.exec(first)?.[0] ?? 'task-x',
    role: /\((\w+) agent/.exec(first)?.[1] ?? 'backend',
  };
}

/** Model requests per task id (counting every turn and retry). */
export function requestsByTask(requests: { body: { messages?: unknown; tools?: unknown } }[]) {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const { id } = requestTask(r.body);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

export async function startAgentsFake(opts: AgentsFakeOptions = {}) {
  const fake = await startFakeAnthropic(opts.latencyMs ? { latencyMs: opts.latencyMs } : {});
  fake.handle((req) => {
    const messages = req.body.messages as { role: string; content: unknown }[];
    const tools = (req.body.tools as { name: string }[] | undefined) ?? [];
    if (tools.some((t) => t.name === 'submit_review')) return reviewReply(String(messages[0]?.content ?? ''));
    const { id, role } = requestTask(req.body);
    const last = messages.at(-1)!;
    const answered =
      Array.isArray(last.content) &&
      (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
    const intercepted = opts.intercept?.({ id, role, answered });
    if (intercepted) return intercepted;
    if (id === opts.failTask)
      return replies.error(500, 'api_error', 'Internal server error', { 'retry-after-ms': '1' });
    if (answered) return replies.text(`Wrote the code for ${id}.\n\n${doneLineFor(req.body)}`);
    const custom = opts.write?.(id, role);
    if (custom === null) return replies.text(`Nothing to write for ${id}.`);
    return replies.toolUse(
      'write_file',
      custom ?? { path: pathFor(id, role), content: `export const task = '${id}';\n` },
    );
  });
  return fake;
}

/** Where the fake agent of `role` writes its one file: inside that role's default allowlist. */
export function pathFor(taskId: string, role: string): string {
  if (role === 'database') return `src/db/${taskId}.ts`;
  if (role === 'test') return `tests/generated/${taskId}.test.ts`;
  return `src/generated/${taskId}.ts`;
}

/** Roles of the example spec's plan (examples/specs/product-price-filter.md), for assertions. */
const EXAMPLE_ROLES: Record<string, string> = {
  'task-001': 'database',
  'task-007': 'frontend',
  'task-008': 'test',
  'task-009': 'test',
};

/** The file the fake agent writes for a task of the example spec's plan. */
export const generatedPath = (taskId: string) => pathFor(taskId, EXAMPLE_ROLES[taskId] ?? 'backend');

/** The review agent's answer: every criterion judged, none verifiable from these one-line files. */
export function reviewReply(message: string) {
  const ids = [...new Set([...message.matchAll(/^### ((?:FR|AT|AC)-\d+):/gm)].map((m) => m[1]!))];
  return replies.toolUse('submit_review', {
    items: ids.map((id) => ({
      item_id: id,
      verdict: 'not-verifiable',
      evidence: [],
      note: 'Placeholder code only.',
    })),
  });
}

export async function startShopGitHub(
  collaborators: Record<string, 'admin' | 'write' | 'read' | 'none'> = {},
) {
  return startFakeGitHub({
    repos: [
      {
        owner: 'octo-org',
        repo: 'shop',
        defaultBranch: 'main',
        collaborators: { 'alice-dev': 'write', octocat: 'admin', ...collaborators },
      },
    ],
  });
}
