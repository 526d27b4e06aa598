// Edit conflicts (a file changed under a task between its view and its edit) travel from the tool loop into
// the task's result, the JSON report and a folded section of the PR body, so a reviewer sees where parallel
// work met. The conflict is produced for real: the fake model views a file, the file changes on disk, the
// model's edit is refused, it views again and edits on top.

import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentTask } from '../../src/agents/tool-loop.js';
import { EDIT_TOOL_NAME as EDIT } from '../../src/agents/tools.js';
import { PRICES } from '../../src/core/prices.js';
import { buildReportJson } from '../../src/report/json.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { taskResultFrom } from '../../src/run/task-result.js';
import { createWorkspace } from '../../src/run/workspace.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { buildRunResult, plannedTask } from './fixtures.js';

let fake: FakeAnthropic;
let dir: string;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  dir = await mkdtemp(path.join(tmpdir(), 'implement-spec-conflict-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const TASK = plannedTask('task-002', 'backend', 'Login endpoint');

describe('edit conflicts in the report', () => {
  it('a refused edit is in the task result, the JSON report and a folded PR-body section', async () => {
    const root = path.join(dir, 'repo');
    await mkdir(path.join(root, 'src'), { recursive: true });
    const file = path.join(root, 'src', 'app.ts');
    await writeFile(file, 'export const port = 1;\n');
    let call = 0;
    fake.handle(() => {
      call++;
      if (call === 1) return replies.toolUse(EDIT, { command: 'view', path: 'src/app.ts' });
      if (call === 2) {
        // Another task's write lands between this task's view and its edit.
        writeFileSync(file, 'export const port = 2;\n');
        return replies.toolUse(EDIT, {
          command: 'str_replace',
          path: 'src/app.ts',
          old_str: 'port = 1',
          new_str: 'port = 3',
        });
      }
      if (call === 3) return replies.toolUse(EDIT, { command: 'view', path: 'src/app.ts' });
      if (call === 4) {
        return replies.toolUse(EDIT, {
          command: 'str_replace',
          path: 'src/app.ts',
          old_str: 'port = 2',
          new_str: 'port = 3',
        });
      }
      return replies.text('Done.\nDONE: FR-1');
    });
    const outcome = await runAgentTask({
      task: TASK,
      prompt: { system: [{ text: 'You are the backend agent.', cache: true }], user: 'Implement task-002.' },
      model: createAnthropicModel({ apiKey: 'k', baseURL: fake.url, maxRetries: 0, retryBaseDelayMs: 1 }),
      modelName: 'claude-sonnet-5-5',
      maxTokens: 4096,
      maxTurns: 10,
      workspace: createWorkspace({ root }),
    });
    expect(outcome.status).toBe('success');
    expect(await readFile(file, 'utf8')).toBe('export const port = 3;\n');

    const task = taskResultFrom(TASK, outcome, { price: PRICES['claude-sonnet-5-5']!, durationMs: 5 });
    expect(task.conflicts).toEqual([{ path: 'src/app.ts' }]);

    const base = buildRunResult();
    const result = {
      ...base,
      tasks: base.tasks.map((t) =>
        t.taskId === 'task-002'
          ? { ...t, conflicts: [...(task.conflicts ?? []), { path: 'src/@org/x.ts', changedBy: 'task-001' }] }
          : t,
      ),
    };
    const json = buildReportJson(result);
    expect(json.tasks.find((t) => t.taskId === 'task-002')?.conflicts).toEqual([
      { path: 'src/app.ts' },
      { path: 'src/@org/x.ts', changedBy: 'task-001' },
    ]);
    const body = renderReportMarkdown(result);
    expect(body).toContain('<summary>Edit conflicts (2): files two tasks changed at the same time</summary>');
    expect(body).toContain('- src/app.ts: edit by **task-002** refused');
    // A path from model output cannot ping anyone: the @ is broken with a zero-width space.
    expect(body).toContain(
      '- src/@\u200borg/x.ts: edit by **task-002** refused, after **task-001** wrote it',
    );

    // No conflicts, no section.
    expect(renderReportMarkdown(base)).not.toContain('Edit conflicts');
  });
});
