// The "done when", end to end in process: the real Anthropic adapter streams tool_use blocks from the
// loopback fake (content_block_start, input_json_delta chunks, content_block_stop, stop_reason tool_use), the
// real tools work on a copy of a small real repository (a ~400-line module with a bug and a node:test test
// that fails before the fix), and run_check runs that test through the real check runner.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAgentTask } from '../../src/agents/tool-loop.js';
import { EDIT_TOOL_NAME as EDIT } from '../../src/agents/tools.js';
import type { AgentTaskInput } from '../../src/agents/types.js';
import type { Task } from '../../src/core/tasks.js';
import { createCheckRunner } from '../../src/run/checks.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { createWorkspace } from '../../src/run/workspace.js';
import {
  type FakeAnthropic,
  type RecordedRequest,
  replies,
  startFakeAnthropic,
} from '../fakes/anthropic-server.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'pricing-repo');
const BUGGY = '  if (range.max !== undefined && cents >= range.max) return false;';
const FIXED = '  if (range.max !== undefined && cents > range.max) return false;';
/** Secrets in the parent's environment: no check may ever see them, so no request may carry them. */
const SECRETS = { ANTHROPIC_API_KEY: 'sk-ant-parent-secret-4f1d9c', GITHUB_TOKEN: 'ghs_parentSecretToken77' };
/** A harmless variable the env-dumping test prints, proving the dump did reach the model. */
const VISIBLE = { FIXTURE_VISIBLE_MARKER: 'visible-marker-5150' };
const ENV_DUMP_TEST = `import { test } from 'node:test';
test('dumps the environment', () => {
  const picked = Object.entries(process.env).filter(([k]) => /KEY|TOKEN|SECRET|FIXTURE/.test(k));
  console.log('ENV ' + JSON.stringify(Object.fromEntries(picked)));
});
`;

/** 1-based line of the first line of the fixture module containing `text`. */
function lineOf(text: string): number {
  return original.split('\n').findIndex((line) => line.includes(text)) + 1;
}

/** Host variables the check may see: the harmless marker only. */
const PASS_ENV = Object.keys(VISIBLE);
let BUG_LINE = 0;
let fake: FakeAnthropic;
let dir: string;
let root: string;
let original: string;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  fake = await startFakeAnthropic();
  for (const [k, v] of Object.entries({ ...SECRETS, ...VISIBLE })) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
});
afterAll(async () => {
  await fake.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
beforeEach(async () => {
  fake.reset();
  fake.resetCache();
  dir = await mkdtemp(path.join(tmpdir(), 'fixture-repo-'));
  root = path.join(dir, 'repo');
  await cp(FIXTURE, root, { recursive: true });
  original = await readFile(path.join(root, 'src', 'pricing.js'), 'utf8');
  BUG_LINE = lineOf(BUGGY);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const task: Task = {
  id: 'task-001',
  agent: 'backend',
  title: 'Make the price range inclusive',
  description: 'Implement FR-1: the price range filter includes both bounds.',
  phase: 1,
  dependsOn: [],
  covers: ['FR-1'],
  sections: [],
  estimate: { inputTokens: 0, outputTokens: 0, cacheableTokens: 0, usd: 0, usdNoCache: 0, minutes: 0 },
};

async function input(overrides: Partial<AgentTaskInput> = {}): Promise<AgentTaskInput> {
  const rolePrompt = await readFile(
    path.join(import.meta.dirname, '..', '..', 'src', 'agents', 'prompts', 'backend.md'),
    'utf8',
  );
  return {
    task,
    prompt: {
      system: [
        {
          text: 'FR-1: Filter products by an inclusive price range (min and max both included).',
          cache: true,
        },
        { text: rolePrompt, cache: true },
      ],
      user: '# Task task-001\n\nMake filterByPriceRange include products priced exactly at the maximum.',
    },
    model: createAnthropicModel({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 }),
    modelName: 'claude-sonnet-5-5',
    maxTokens: 4096,
    maxTurns: 12,
    workspace: createWorkspace({ root }),
    // No secrets passed for redaction: the scrubbed environment alone must keep them out.
    // The marker is passed in by name; the secrets are not, and no redaction list names them either.
    checks: createCheckRunner({
      checks: { test: 'node --test' },
      cwd: root,
      secrets: [],
      policy: { withoutSandbox: 'refuse', passEnv: PASS_ENV },
    })!,
    testsRunAfter: true,
    ...overrides,
  };
}

/** The tool_result texts the model got back in request `index` (the answers to the previous turn). */
function resultsIn(request: RecordedRequest): { content: string; is_error?: boolean }[] {
  const last = request.body.messages.at(-1);
  return last.content.filter((b: { type: string }) => b.type === 'tool_result');
}

function breakpointsOf(request: RecordedRequest): number {
  return (request.rawBody.match(/"cache_control"/g) ?? []).length;
}

describe('an agent fixing a real bug with search, view, str_replace and run_check', () => {
  it('finds, sees, fixes and checks the bug; never leaks a secret; reads the conversation from the cache', async () => {
    fake.script(
      replies.toolUse('search_code', { pattern: 'function (filterByPriceRange|inPriceRange)' }),
      replies.toolUse('run_check', { check: 'test' }),
      replies.toolUse(EDIT, {
        command: 'view',
        path: 'src/pricing.js',
        view_range: [BUG_LINE - 3, BUG_LINE + 2],
      }),
      replies.toolUse(EDIT, {
        command: 'str_replace',
        path: 'src/pricing.js',
        old_str: 'return false;',
        new_str: 'return true;',
      }),
      replies.toolUse(EDIT, {
        command: 'str_replace',
        path: 'src/pricing.js',
        old_str: BUGGY,
        new_str: FIXED,
      }),
      replies.toolUse(EDIT, { command: 'create', path: 'test/env.test.js', file_text: ENV_DUMP_TEST }),
      replies.toolUse('run_check', { check: 'test' }),
      replies.text('The maximum was exclusive; it is inclusive now.\nDONE: FR-1'),
    );
    const out = await runAgentTask(await input());
    const reqs = fake.validRequests;
    expect(fake.requests.every((r) => r.valid)).toBe(true);
    expect(reqs).toHaveLength(8);

    // The tools are offered: the native text editor, search, writes, and the configured check.
    expect(reqs[0]!.body.tools.map((t: { name: string }) => t.name)).toEqual([
      EDIT,
      'search_code',
      'write_file',
      'delete_file',
      'run_check',
    ]);
    expect(reqs[0]!.body.tools[0]).toMatchObject({ type: 'text_editor_20250728' });
    expect(reqs[0]!.body.tools[4].input_schema.properties.check.enum).toEqual(['test']);
    // The model is told its limits.
    expect(reqs[0]!.body.messages[0].content[0].text).toMatch(
      /at most 12 turns[\s\S]*`test`: `node --test`[\s\S]*DONE: FR-1/,
    );

    // Search finds the symbols with their lines.
    const search = resultsIn(reqs[1]!)[0]!.content;
    expect(search).toBe(
      `src/pricing.js:${lineOf('export function inPriceRange')}: export function inPriceRange(cents, range) {\n` +
        `src/pricing.js:${lineOf('export function filterByPriceRange')}: export function filterByPriceRange(products, range) {`,
    );
    // The check shows the failing test before the edit.
    const before = resultsIn(reqs[2]!)[0]!.content;
    expect(before).toMatch(/^Check `test` \(`node --test`\) failed \(exit code 1\)/);
    expect(before).toContain('FR-1: the price range is inclusive on both ends');
    // The view range is numbered.
    expect(resultsIn(reqs[3]!)[0]!.content).toBe(
      [-3, -2, -1, 0, 1, 2]
        .map((d) => BUG_LINE + d)
        .map((n) => `${String(n).padStart(6)}\t${original.split('\n')[n - 1]}`)
        .join('\n'),
    );
    // The ambiguous str_replace is refused without writing.
    const ambiguous = resultsIn(reqs[4]!)[0]!;
    expect(ambiguous.is_error).toBe(true);
    expect(ambiguous.content).toMatch(
      /^old_str occurs \d+ times in src\/pricing\.js \(at lines [\d, ]+\); nothing was changed/,
    );
    expect(ambiguous.content).toMatch(new RegExp(`at lines [\\d, ]*\\b${BUG_LINE}\\b`));
    // The unique one changes exactly those bytes.
    expect(resultsIn(reqs[5]!)[0]!.is_error).toBeUndefined();
    expect(await readFile(path.join(root, 'src', 'pricing.js'), 'utf8')).toBe(original.replace(BUGGY, FIXED));
    // The check passes after the edit, and the environment it ran in had no secret.
    const after = resultsIn(reqs[7]!)[0]!.content;
    expect(after).toMatch(/^Check `test` \(`node --test`\) passed/);
    expect(after).toContain(VISIBLE.FIXTURE_VISIBLE_MARKER);
    expect(after).toContain('(in the sandbox: no network, no secrets)');
    for (const request of fake.requests) {
      for (const secret of Object.values(SECRETS)) expect(request.rawBody).not.toContain(secret);
    }

    // Turn 3 on reads the conversation from the cache, through the breakpoint on the newest message.
    for (const request of reqs.slice(2)) {
      expect(request.usage!.cache_read_input_tokens).toBeGreaterThan(0);
      expect(request.body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(breakpointsOf(request)).toBeLessThanOrEqual(4);
    }
    expect(reqs[7]!.usage!.cache_read_input_tokens).toBeGreaterThan(reqs[2]!.usage!.cache_read_input_tokens);

    expect(out).toMatchObject({ status: 'success', files: ['src/pricing.js', 'test/env.test.js'] });
  });

  it('a task that fixes the bug but never says DONE is not a success (its edit is kept)', async () => {
    fake.script(
      replies.toolUse(EDIT, {
        command: 'view',
        path: 'src/pricing.js',
        view_range: [BUG_LINE - 5, BUG_LINE + 5],
      }),
      replies.toolUse(EDIT, {
        command: 'str_replace',
        path: 'src/pricing.js',
        old_str: BUGGY,
        new_str: FIXED,
      }),
      replies.text('Fixed the comparison.'),
    );
    const out = await runAgentTask(await input());
    expect(out.status).toBe('failed');
    expect(out.reason).toBe(
      'the agent ended without a DONE line, so the task is not known to be complete; 1 file(s) written were kept',
    );
    expect(await readFile(path.join(root, 'src', 'pricing.js'), 'utf8')).toBe(original.replace(BUGGY, FIXED));
  });

  it('runs the check itself before accepting DONE, and hands a failure back to the model', async () => {
    fake.script(
      replies.toolUse(EDIT, {
        command: 'view',
        path: 'src/pricing.js',
        view_range: [BUG_LINE - 5, BUG_LINE + 5],
      }),
      replies.toolUse(EDIT, {
        command: 'insert',
        path: 'src/pricing.js',
        insert_line: 101,
        insert_text: '// Both bounds are included.',
      }),
      replies.text('Documented it.\nDONE: FR-1'),
      replies.toolUse(EDIT, {
        command: 'str_replace',
        path: 'src/pricing.js',
        old_str: BUGGY,
        new_str: FIXED,
      }),
      replies.text('Now it really is inclusive.\nDONE: FR-1'),
    );
    const out = await runAgentTask(await input());
    const handback = fake.validRequests[3]!.body.messages.at(-1).content.at(-1).text as string;
    expect(handback).toMatch(/^Before accepting your DONE, the loop ran the check `test`, and it failed\./);
    expect(handback).toContain('FR-1: the price range is inclusive on both ends');
    expect(out).toMatchObject({ status: 'success', turns: 5 });
    expect(fake.validRequests).toHaveLength(5);
  });
});
