// A small spec, its plan, and the pieces a review run needs, built through the real parser and planner.
import { emptyRepoSnapshot } from '../../src/agents/repo-scan.js';
import { loadRoles } from '../../src/agents/roles.js';
import { Budget } from '../../src/core/budget.js';
import { ZERO_USAGE } from '../../src/core/model-port.js';
import { PRICES } from '../../src/core/prices.js';
import type { TaskResult, WriteRecord } from '../../src/core/results.js';
import type { ModelPrice, Plan } from '../../src/core/tasks.js';
import { decompose } from '../../src/plan/decompose.js';
import { parseSpec } from '../../src/spec/parse.js';
import type { Spec } from '../../src/spec/types.js';

export const MODEL = 'claude-sonnet-5-5';
export const PRICE: ModelPrice = PRICES[MODEL]!;

export const SPEC_SOURCE = `---
specmas: v3
kind: FeatureSpec
id: greeting
name: Greeting endpoint
complexity: EASY
maturity: 3
---

# Overview

A service greets users by name.

## User Stories

- As a visitor, I want to be greeted by name, so that the site feels personal.

# Functional Requirements

### FR-1: Greet by name

The \`greet\` function returns \`Hello, <name>!\` for a non-empty name.

Validation Criteria:
- \`greet("Ada")\` returns \`Hello, Ada!\`.

### FR-2: Reject empty names

The \`greet\` function throws an error with code \`EMPTY_NAME\` for an empty name.

Validation Criteria:
- \`greet("")\` throws with code \`EMPTY_NAME\`.

# Acceptance Tests

- [ ] AT-1: Given the name Ada, When greet is called, Then it returns "Hello, Ada!".
- [ ] AT-2: Given an empty name, When greet is called, Then it throws EMPTY_NAME.
`;

export const GREET_TS = [
  'export function greet(name: string): string {',
  "  if (name === '') throw Object.assign(new Error('empty'), { code: 'EMPTY_NAME' });",
  "  return 'Hello, ' + name + '!';",
  '}',
  '',
].join('\n');

export const GREET_TEST_TS = [
  "import { greet } from '../src/greet.js';",
  "test('greets', () => expect(greet('Ada')).toBe('Hello, Ada!'));",
  "test('rejects empty', () => expect(() => greet('')).toThrow());",
  '',
].join('\n');

export function specOf(source = SPEC_SOURCE, path = 'specs/greeting.md'): Spec {
  return parseSpec(path, source);
}

export async function planOf(spec: Spec): Promise<Plan> {
  const roles = await loadRoles(undefined, { onWarning: () => {} });
  return decompose(spec, { roles, repo: emptyRepoSnapshot(), today: '2026-11-01' });
}

export function write(path: string, taskId: string, action: WriteRecord['action'] = 'created'): WriteRecord {
  return {
    path,
    action,
    bytes: 10,
    taskId,
    role: 'backend',
    sha256: action === 'deleted' ? '' : 'x'.repeat(64),
  };
}

/** A workspace read over an in-memory file map (the workspace itself is tested elsewhere). */
export function reader(files: Record<string, string>): (path: string) => Promise<string> {
  return async (p) => {
    const content = files[p];
    if (content === undefined) throw new Error(`ENOENT: ${p}`);
    return content;
  };
}

export function budget(maxUsd = 50): Budget {
  return new Budget({ price: PRICE, warnUsd: maxUsd, maxUsd });
}

export function taskResult(
  taskId: string,
  files: string[],
  status: TaskResult['status'] = 'success',
): TaskResult {
  return {
    taskId,
    agent: 'backend',
    title: taskId,
    status,
    calls: 1,
    attempts: 1,
    turns: 1,
    files,
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    durationMs: 0,
    estimateUsd: 0,
    warnings: [],
  };
}

/** The greet module as the plan's agent wrote it: no check for the empty name the spec's FR-2 asks for. */
export const BROKEN_GREET =
  "export function greet(name: string): string {\n  return 'Hello, ' + name + '!';\n}\n";

/** The submit_review tool as the fake receives it: the item ids to judge are its enum. */
type ReviewTool = {
  name: string;
  input_schema: { properties: { items: { items: { properties: { item_id: { enum: string[] } } } } } };
};

/** The item ids a request asks the review to judge, or null when the request is not the review's. */
export function reviewItemIds(tools: unknown): string[] | null {
  const list = tools as ReviewTool[];
  if (!list.some((t) => t.name === 'submit_review')) return null;
  return list[0]!.input_schema.properties.items.items.properties.item_id.enum;
}
