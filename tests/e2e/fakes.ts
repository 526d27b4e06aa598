// Shared e2e setup: a scripted fake Anthropic that writes one file per task, and a fake GitHub
// seeded with the repository the event fixtures describe (octo-org/shop).
import { replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { startFakeGitHub } from '../fakes/github-server.js';

export async function startAgentsFake(opts: { failTask?: string; latencyMs?: number } = {}) {
  const fake = await startFakeAnthropic(opts.latencyMs ? { latencyMs: opts.latencyMs } : {});
  fake.handle((req) => {
    const messages = req.body.messages as { role: string; content: unknown }[];
    const first = JSON.stringify(messages[0]?.content ?? '');
    const id = /task-\d{3}/.exec(first)?.[0] ?? 'task-x';
    const last = messages.at(-1)!;
    const answered =
      Array.isArray(last.content) &&
      (last.content as { type: string }[]).some((b) => b.type === 'tool_result');
    if (id === opts.failTask)
      return replies.error(500, 'api_error', 'Internal server error', { 'retry-after-ms': '1' });
    if (answered) return replies.text(`Wrote the code for ${id}.`);
    return replies.toolUse('write_file', {
      path: `src/generated/${id}.ts`,
      content: `export const task = '${id}';\n`,
    });
  });
  return fake;
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
