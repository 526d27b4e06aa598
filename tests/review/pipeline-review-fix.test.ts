// The review's fix round inside the whole pipeline: its task joins the run's tasks, the tests run again
// after it, and the fix rounds of the test loop get the previous round's diff. Real temp repository, real
// test command, HTTP to the loopback fake.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadRoles } from '../../src/agents/roles.js';
import { EDIT_TOOL_NAME } from '../../src/agents/tools.js';
import type { Plan } from '../../src/core/tasks.js';
import { createAnthropicModel } from '../../src/run/model/anthropic.js';
import { implementPlan } from '../../src/run/pipeline.js';
import type { Spec } from '../../src/spec/types.js';
import { requestTask } from '../e2e/fakes.js';
import { type FakeAnthropic, replies, startFakeAnthropic } from '../fakes/anthropic-server.js';
import { doneLineFor } from '../fakes/done.js';
import { BROKEN_GREET, budget, planOf, reviewItemIds, specOf } from './fixtures.js';

// The tests pass unless src/greet.ts contains BREAKS-TESTS.
const CHECK = `import { readFileSync } from 'node:fs';
const text = readFileSync('src/greet.ts', 'utf8');
if (text.includes('BREAKS-TESTS')) { console.log('not ok 1 - greet'); process.exit(1); }
console.log('ok 1 - greet');
`;

let fake: FakeAnthropic;
let dir: string;
let spec: Spec;
let plan: Plan;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  spec = specOf();
  plan = await planOf(spec);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  fake.handle(undefined);
  dir = await mkdtemp(path.join(tmpdir(), 'pipeline-review-fix-'));
  await writeFile(path.join(dir, 'check.mjs'), CHECK);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Plan tasks write their files; the review finds FR-2 not met until the fix's FIXED-MARK shows in the diff. */
function scriptRun(fixContent: string): void {
  fake.handle((req) => {
    const messages = req.body.messages as { content: unknown }[];
    const ids = reviewItemIds(req.body.tools);
    if (ids) {
      const fixed = JSON.stringify(messages[0]!.content).includes('FIXED-MARK');
      return replies.toolUse('submit_review', {
        items: ids.map((id) => ({
          item_id: id,
          verdict: id === 'FR-2' && !fixed ? 'not-met' : 'met',
          evidence: [],
          note: id === 'FR-2' && !fixed ? 'EMPTY_NAME is never thrown.' : 'ok',
        })),
      });
    }
    const { id } = requestTask(req.body);
    const turn = messages.length;
    // The review's fix views the file task-001 wrote before rewriting it.
    if (id === 'fix-review' && turn === 1)
      return replies.toolUse(EDIT_TOOL_NAME, { command: 'view', path: 'src/greet.ts' });
    if (id === 'fix-review' && turn === 3)
      return replies.toolUse('write_file', { path: 'src/greet.ts', content: fixContent });
    if (turn > 1) return replies.text(`Done.\n${doneLineFor(req.body)}`);
    if (id === 'task-001')
      return replies.toolUse('write_file', { path: 'src/greet.ts', content: BROKEN_GREET });
    return replies.toolUse('write_file', { path: `tests/${id}.test.ts`, content: `// ${id}\n` });
  });
}

async function run() {
  return implementPlan({
    spec,
    plan,
    roles: await loadRoles(undefined, { onWarning: () => {} }),
    repo: emptyRepoSnapshot(),
    root: dir,
    specPath: null,
    model: createAnthropicModel({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 }),
    maxTokens: 4096,
    maxTurns: 4,
    maxParallel: 1,
    budget: budget(),
    protectedPaths: [],
    backups: false,
    fresh: true,
    testCommand: 'node check.mjs',
    maxFixRounds: 1,
    review: true,
    secrets: [],
    log: () => {},
  });
}

describe('the review fix round in the pipeline', () => {
  it('adds the fix task to the run and re-runs the tests after it', async () => {
    scriptRun(`${BROKEN_GREET}// FIXED-MARK: throws EMPTY_NAME for ''\n`);
    const result = await run();
    expect(result.review!.fixRound).toMatchObject({ itemIds: ['FR-2'], recheck: 'completed' });
    expect(result.review!.items.find((i) => i.itemId === 'FR-2')).toMatchObject({
      verdict: 'met',
      before: 'not-met',
    });
    const fixTask = result.tasks.find((t) => t.taskId === 'fix-review')!;
    expect(fixTask).toMatchObject({ agent: 'fix', status: 'success', files: ['src/greet.ts'] });
    expect(result.testLoop!.rounds.map((r) => r.passed)).toEqual([true, true]);
    expect(result.testLoop!.stopReason).toBe("passed; re-run after the review's fix round: passed");
    expect(result.status).toBe('success');
    // Every model call is counted: the plan's tasks, the fix task and both reviews.
    expect(result.apiCalls.model).toBe(fake.validRequests.length);
  });

  it("makes the run partial when the review's fix breaks the tests", async () => {
    scriptRun(`${BROKEN_GREET}// FIXED-MARK BREAKS-TESTS\n`);
    const result = await run();
    expect(result.testLoop!.rounds.map((r) => r.passed)).toEqual([true, false]);
    expect(result.testLoop!.passed).toBe(false);
    expect(result.status).toBe('partial');
    expect(result.errors.join('\n')).toContain("Tests fail after the review's fix round");
  });
});
