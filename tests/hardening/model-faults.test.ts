// Model faults through the engine: the real Anthropic adapter talks HTTP to the loopback fake, runPlan drives a
// five-task backend plan (task-001 → task-002 → task-003 → task-004/005) on a real workspace. Each case checks
// the task's status and reason, and that files already written are kept and nothing lands outside the root.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Prepared } from '../../src/plan/prepare.js';
import { type RecordedRequest, type Reply, replies } from '../fakes/anthropic-server.js';
import { doneLineFor } from '../fakes/done.js';
import {
  answersTools,
  filesOutsideRoot,
  generatedContent,
  generatedFile,
  prepareExample,
  runEngine,
  taskOf,
  toolResultsOf,
  useFakeModelAndSandbox,
} from './helpers.js';

const F = '```';
const FAST = { 'retry-after-ms': '1' };

const current = useFakeModelAndSandbox();
let prepared: Prepared;

beforeEach(async () => {
  prepared = await prepareExample(current.box, 'product-price-filter.md', ['backend']);
  expect(prepared.plan!.tasks.map((t) => t.id)).toEqual([
    'task-001',
    'task-002',
    'task-003',
    'task-004',
    'task-005',
  ]);
});

/**
 * A well-behaved agent (one write_file, then "done") for every task, except where `special` returns a reply
 * for a request. `n` counts the requests of that task so far (0-based).
 */
function agents(
  special: (task: string, n: number, req: RecordedRequest) => Reply | undefined = () => undefined,
) {
  const seen = new Map<string, number>();
  current.fake.handle((req) => {
    const task = taskOf(req);
    const n = seen.get(task) ?? 0;
    seen.set(task, n + 1);
    const custom = special(task, n, req);
    if (custom) return custom;
    if (answersTools(req)) return replies.text(`Wrote the code for ${task}.\n${doneLineFor(req.body)}`);
    return writeOwnFile(task);
  });
}

const writeOwnFile = (task: string) =>
  replies.toolUse('write_file', { path: generatedFile(task), content: generatedContent(task) });
const disk = (rel: string) => path.join(current.box.root, ...rel.split('/'));
const requestsOf = (task: string) => current.fake.requests.filter((r) => taskOf(r) === task);

function expectFirstTaskKeptOthersSkipped(result: Awaited<ReturnType<typeof runEngine>>['result']) {
  expect(result.status).toBe('partial');
  expect(result.tasks[0]!.status).toBe('success');
  expect(readFileSync(disk(generatedFile('task-001')), 'utf8')).toBe(generatedContent('task-001'));
  expect(result.writes.map((w) => w.path)).toEqual([generatedFile('task-001')]);
  for (const t of result.tasks.slice(2)) {
    expect(t.status, t.taskId).toBe('skipped');
    expect(t.reason).toMatch(/task-00\d/);
  }
  for (const id of ['task-002', 'task-003', 'task-004', 'task-005'])
    expect(existsSync(disk(generatedFile(id)))).toBe(false);
  expect(result.errors.join('\n')).toMatch(/task-002 \(backend\) failed/);
  expect(filesOutsideRoot(current.box)).toEqual([]);
}

describe('model faults through the engine', () => {
  it('429 with retry-after, then success: retried, every task done', async () => {
    agents((task, n) => (task === 'task-002' && n === 0 ? replies.rateLimited(1) : undefined));
    const { result } = await runEngine(current.fake, current.box, prepared);
    expect(result.status).toBe('success');
    expect(result.tasks.every((t) => t.status === 'success')).toBe(true);
    expect(requestsOf('task-002').map((r) => r.status)).toEqual([429, 200, 200]);
    expect(result.tasks[1]!.calls).toBe(3); // the 429 attempt counts as a call
    expect(readFileSync(disk(generatedFile('task-002')), 'utf8')).toBe(generatedContent('task-002'));
    expect(filesOutsideRoot(current.box)).toEqual([]);
  });

  it('529 overloaded on every attempt: the task fails saying to retry later, earlier files kept', async () => {
    agents((task) => (task === 'task-002' ? replies.overloaded(FAST) : undefined));
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t2 = result.tasks[1]!;
    expect(t2.status).toBe('failed');
    expect(t2.reason).toMatch(/HTTP 529 overloaded_error/);
    expect(t2.reason).toMatch(/overloaded for all 3 attempts\. Retry later/);
    expect(requestsOf('task-002')).toHaveLength(3);
    expectFirstTaskKeptOthersSkipped(result);
  });

  it('500 on every attempt: the task fails pointing at the status page, earlier files kept', async () => {
    agents((task) =>
      task === 'task-002' ? replies.error(500, 'api_error', 'Internal server error', FAST) : undefined,
    );
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t2 = result.tasks[1]!;
    expect(t2.status).toBe('failed');
    expect(t2.reason).toMatch(/HTTP 500 api_error: Internal server error/);
    expect(t2.reason).toMatch(/kept failing \(3 attempts\).*status\.anthropic\.com/);
    expectFirstTaskKeptOthersSkipped(result);
  });

  it('a call that never answers: the adapter deadline ends it with a timeout message', async () => {
    agents((task) => (task === 'task-002' ? replies.hang() : undefined));
    const { result } = await runEngine(current.fake, current.box, prepared, { model: { timeoutMs: 400 } });
    const t2 = result.tasks[1]!;
    expect(t2.status).toBe('failed');
    expect(t2.reason).toMatch(/timed out after 0\.4s/);
    expect(t2.reason).toMatch(/split the work into smaller tasks or raise the call timeout/);
    expectFirstTaskKeptOthersSkipped(result);
  });

  it('a stream cut mid-reply on every attempt: retried, then a clear stream failure', async () => {
    agents((task) =>
      task === 'task-002'
        ? replies.cut(
            4,
            replies.toolUse('write_file', { path: generatedFile(task), content: generatedContent(task) }),
          )
        : undefined,
    );
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t2 = result.tasks[1]!;
    expect(t2.status).toBe('failed');
    expect(t2.reason).toMatch(/response stream broke/i);
    expect(t2.reason).toMatch(/broke on every attempt \(3\)/);
    expect(requestsOf('task-002')).toHaveLength(3);
    // The half-streamed write_file was never executed.
    expectFirstTaskKeptOthersSkipped(result);
  });

  it('malformed SSE once, then a good stream: the call is retried and the task succeeds', async () => {
    agents((task, n) => (task === 'task-002' && n === 0 ? replies.malformed() : undefined));
    const { result } = await runEngine(current.fake, current.box, prepared);
    expect(result.status).toBe('success');
    expect(requestsOf('task-002').length).toBe(3);
    expect(readFileSync(disk(generatedFile('task-002')), 'utf8')).toBe(generatedContent('task-002'));
  });

  it('max_tokens in the middle of a fenced file: the closed block is written, the cut one is not', async () => {
    agents((task, n) => {
      if (task !== 'task-001') return undefined;
      if (n === 0) {
        return replies.text(
          `### src/fenced/complete.ts\n${F}ts\nexport const complete = true;\n${F}\n\n### src/fenced/cut.ts\n${F}ts\nexport function cut() {\n  return 'th`,
          { stopReason: 'max_tokens' },
        );
      }
      return replies.text('That is all I can write for now.');
    });
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t1 = result.tasks[0]!;
    // The agent stopped without its DONE line: not a success, but what it wrote is kept.
    expect(t1.status).toBe('failed');
    expect(t1.reason).toMatch(/ended without a DONE line.*1 file\(s\) written were kept/);
    expect(t1.files).toEqual(['src/fenced/complete.ts']);
    expect(readFileSync(disk('src/fenced/complete.ts'), 'utf8')).toBe('export const complete = true;\n');
    expect(existsSync(disk('src/fenced/cut.ts'))).toBe(false);
    expect(t1.warnings.join('\n')).toMatch(/hit the max_tokens limit/);
    expect(t1.warnings.join('\n')).toMatch(
      /incomplete ts code block for src\/fenced\/cut\.ts \(line \d+\) not written: the reply ended before the block was closed/,
    );
    // The model was asked to continue after the cut.
    expect(JSON.stringify(requestsOf('task-001')[1]!.body.messages.at(-1))).toMatch(
      /cut off by the output token limit/,
    );
    expect(filesOutsideRoot(current.box)).toEqual([]);
  });

  it('max_tokens in the middle of tool calls: the cut (last) call is not executed and the model is told', async () => {
    agents((task, n) => {
      if (task !== 'task-001') return undefined;
      if (n === 0) {
        return replies.message(
          [
            {
              type: 'tool_use',
              name: 'write_file',
              input: { path: 'src/tools/whole.ts', content: 'whole\n' },
            },
            {
              type: 'tool_use',
              name: 'write_file',
              input: { path: 'src/tools/cut.ts', content: 'half of a fi' },
            },
          ],
          { stopReason: 'max_tokens' },
        );
      }
      return replies.text('Stopping here.');
    });
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t1 = result.tasks[0]!;
    expect(t1.status).toBe('failed');
    expect(t1.reason).toMatch(/ended without a DONE line.*1 file\(s\) written were kept/);
    expect(t1.files).toEqual(['src/tools/whole.ts']);
    expect(readFileSync(disk('src/tools/whole.ts'), 'utf8')).toBe('whole\n');
    expect(existsSync(disk('src/tools/cut.ts'))).toBe(false);
    const answers = toolResultsOf(requestsOf('task-001')[1]!);
    expect(answers).toHaveLength(2);
    expect(answers[0]!.is_error).toBeUndefined();
    expect(answers[1]!.is_error).toBe(true);
    expect(answers[1]!.content).toMatch(/cut off by the output token limit.*not executed/);
  });

  it('a refusal stop reason: the task fails quoting the refusal, earlier files kept', async () => {
    agents((task) =>
      task === 'task-002'
        ? replies.text('I cannot help with this request.', { stopReason: 'refusal' })
        : undefined,
    );
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t2 = result.tasks[1]!;
    expect(t2.status).toBe('failed');
    expect(t2.reason).toBe('the model refused the task: I cannot help with this request.');
    expectFirstTaskKeptOthersSkipped(result);
  });

  it('a tool call whose input is not valid JSON: an error result, nothing written, the model recovers', async () => {
    agents((task, n) => {
      if (task !== 'task-001') return undefined;
      // The adapter hands unparsable tool input over as the raw string.
      if (n === 0) return replies.toolUse('write_file', '{"path": "src/bad.ts", "content": "unterminated');
      return n === 1 ? writeOwnFile(task) : undefined;
    });
    const { result } = await runEngine(current.fake, current.box, prepared);
    const t1 = result.tasks[0]!;
    expect(t1.status).toBe('success');
    const answer = toolResultsOf(requestsOf('task-001')[1]!)[0]!;
    expect(answer.is_error).toBe(true);
    expect(answer.content).toMatch(/^Invalid input for write_file: the tool input is not valid JSON/);
    expect(existsSync(disk('src/bad.ts'))).toBe(false);
    expect(readFileSync(disk(generatedFile('task-001')), 'utf8')).toBe(generatedContent('task-001'));
  });

  it('a tool call for a refused path (.github/workflows): an error result, the task goes on', async () => {
    agents((task, n) => {
      if (task !== 'task-001') return undefined;
      if (n === 0)
        return replies.toolUse('write_file', { path: '.github/workflows/ci.yml', content: 'on: push\n' });
      return n === 1 ? writeOwnFile(task) : undefined;
    });
    const { result } = await runEngine(current.fake, current.box, prepared);
    expect(result.status).toBe('success');
    const answer = toolResultsOf(requestsOf('task-001')[1]!)[0]!;
    expect(answer.is_error).toBe(true);
    expect(answer.content).toMatch(
      /Refused path "\.github\/workflows\/ci\.yml": files under \.github\/workflows cannot be written/,
    );
    expect(existsSync(disk('.github'))).toBe(false);
    expect(result.writes.map((w) => w.path)).not.toContain('.github/workflows/ci.yml');
    expect(filesOutsideRoot(current.box)).toEqual([]);
  });
});
