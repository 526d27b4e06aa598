// The plan: what will be built, by which agent, in what order, for how much. Pure data.

import type { Role } from './roles.js';

export { BUILTIN_ROLES, type BuiltinRole, type Role } from './roles.js';

export type Mode = 'sequential' | 'parallel';
export const MODES: readonly Mode[] = ['sequential', 'parallel'];

export interface TaskEstimate {
  /** Input tokens of the first call (role prompt + spec context + task context). */
  inputTokens: number;
  /** Expected output tokens, from the number and kind of covered items. */
  outputTokens: number;
  /** Share of the input that is the cacheable shared prefix. */
  cacheableTokens: number;
  /** Expected cost with prompt caching. */
  usd: number;
  /** Expected cost without caching (every prefix paid as plain input). */
  usdNoCache: number;
  /** Expected wall time of the task in minutes. */
  minutes: number;
}

export interface Task {
  /** `task-001`, … in topological order. */
  id: string;
  agent: Role;
  title: string;
  /** What the agent must do, in a sentence or two. */
  description: string;
  /** 1 + max phase of the dependencies. */
  phase: number;
  dependsOn: string[];
  /** Spec item ids implemented by this task (`FR-1`, `AT-2`, `US-1`, `DT-…`, `DM-1`, …). */
  covers: string[];
  /** Section keys whose text the task's context needs. */
  sections: string[];
  /** The task's own model, set only when its role is configured with a model other than the plan's. */
  model?: string;
  estimate: TaskEstimate;
}

export interface PlanEstimate {
  usd: number;
  lowUsd: number;
  highUsd: number;
  usdNoCache: number;
  inputTokens: number;
  outputTokens: number;
  sequentialMinutes: number;
  parallelMinutes: number;
}

export interface Plan {
  spec: { id: string; name: string; path: string; hash: string };
  mode: Mode;
  model: string;
  tasks: Task[];
  phases: { number: number; taskIds: string[] }[];
  coverage: { covered: string[]; uncovered: string[] };
  /** Things the plan assumed (dependencies dropped by an --agents filter, …). */
  assumptions: string[];
  warnings: string[];
  estimate: PlanEstimate;
  /** True when the spec was not ready and the plan was made with --force. */
  forced: boolean;
}

export interface PlanOptions {
  mode?: Mode;
  model?: string;
  /** Keep only these roles' tasks. */
  agents?: Role[];
  /** Max spec items one task covers (default 6). */
  maxItemsPerTask?: number;
  forced?: boolean;
  /** Prices for a model that is not in the table. */
  customPrice?: ModelPrice;
  /** Model per role, overriding `model` for that role's tasks (models from the price table only). */
  roleModels?: Record<Role, string>;
  /** Throw a PlanError when a required item (FR, AC/AT, US, DT) is covered by no task, instead of warning. */
  strict?: boolean;
}

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}
