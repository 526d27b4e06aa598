// Shared e2e setup: a scripted fake Anthropic that writes one file per task, and a fake GitHub
// seeded with the repository the event fixtures describe (octo-org/shop).
import { replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { startFakeGitHub } from '../fakes/github-server.js';

export async function startAgentsFake(opts: { failTask?: string; latencyMs?: number } = {}) {
  const fake = await startFakeAnthropic(opts.latencyMs ? { latencyMs: opts.latencyMs } : {});
  fake.handle((req) => {
    const messages = req.body.messages as { role: string; content: unknown }[];
    const tools = (req.body.tools as { name: string }[] | undefined) ?? [];
    if (tools.some((t) => t.name === 'submit_review')) return reviewReply(String(messages[0]?.content ?? ''));
    const first = JSON.stringify(messages[0]?.content ?? '');
    const id = /task-\d{3}/.exec(first)?.[0] ?? 'task-x';
    const role = /\((\w+) agent/.exec(first)?.[1] ?? 'backend';
    const last = messages.at(-1)!;
    const answered =
      Array.isArray(last.content) &&
      (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
    if (id === opts.failTask)
      return replies.error(500, 'api_error', 'Internal server error', { 'retry-after-ms': '1' });
    if (answered) return replies.text(`Wrote the code for ${id}.`);
    return replies.toolUse('write_file', {
      path: pathFor(id, role),
      content: `export const task = '${id}';\n`,
    });
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
