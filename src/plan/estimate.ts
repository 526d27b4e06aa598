// Cost and time estimate of a plan. Input tokens are counted on the prompt the engine will really send
// (buildPrompt with the same spec, role and repository snapshot, and the tool definitions sent with it), tool
// results on the sizes of the repository files a task will likely view (their measured sizes); everything else is
// a documented constant.
import { buildPrompt, specItemsById } from '../agents/context.js';
import { toolDefinitionsFor } from '../agents/tool-definitions.js';
import type { RepoSnapshot, RoleDefinition } from '../agents/types.js';
import { costOf, costWithoutCache, priceOf, type TokenCounts } from '../core/prices.js';
import type { Mode, ModelPrice, PlanEstimate, Role, Task, TaskEstimate } from '../core/tasks.js';
import type { ItemKind, Spec } from '../spec/types.js';
import { PlanError } from './errors.js';

/** Anthropic's rule of thumb: about 3.5 characters per token for English prose and code. */
export const CHARS_PER_TOKEN = 3.5;

/**
 * Model calls per task: one to look around (list/read files), one or more to write, one to summarize.
 * Each call re-sends the whole conversation, so the input grows turn by turn.
 */
export const CALLS_PER_TASK = 3;

/** Tokens a tool result adds besides file contents (a listing, a write or edit acknowledgement), per call. */
export const TOOL_ACK_TOKENS_PER_CALL = 60;
/** Repository files a task is expected to view: the best matches for its words (see likelyViewedFiles). */
export const MAX_VIEWED_FILES = 4;
/** A view returns at most this much of one file (the workspace's read cap). */
export const MAX_VIEW_BYTES = 100 * 1024;

/** Output tokens per covered item, by kind: roughly the code and tests one such item takes to write. */
export const OUTPUT_TOKENS_PER_ITEM: Readonly<Record<ItemKind, number>> = {
  FR: 1500,
  US: 1200,
  API: 1200,
  INT: 1200,
  DM: 800,
  AC: 600,
  DT: 400,
  ERR: 400,
  SEC: 400,
  PERF: 400,
  VC: 200,
  SM: 200,
};
/** The closing summary with its DONE line. */
export const SUMMARY_OUTPUT_TOKENS = 300;
/** A task that covers no numbered item works from a whole section (the overview task, a UI section). */
export const SECTION_TASK_OUTPUT_TOKENS = 3000;

/** Generation speed and fixed per-call latency (request, time to first token, tool round trip). */
export const OUTPUT_TOKENS_PER_SECOND = 60;
export const SECONDS_PER_CALL = 2;

/** The range shown around the expected cost: agents often take more turns than planned, rarely fewer. */
export const LOW_FACTOR = 0.6;
export const HIGH_FACTOR = 1.8;

/**
 * The API caches a prefix only when it is at least this long (1,024 tokens for Sonnet/Opus; Haiku needs
 * more, so for Haiku this errs towards cheaper). Shorter prefixes are paid as plain input.
 */
export const MIN_CACHEABLE_TOKENS = 1024;

export function countTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Anthropic's published overheads of tool use: the system prompt the API adds whenever tools are sent (Claude 4
 *  models, tool choice `auto`), and the text editor tool, whose definition the API expands itself. */
export const TOOL_USE_SYSTEM_PROMPT_TOKENS = 346;
export const TEXT_EDITOR_TOOL_TOKENS = 700;

/**
 * Input tokens the tools add to every call of a task on `model`: the tool-use system prompt and each definition
 * the engine sends (toolDefinitionsFor). They come first in the prompt, so they are part of the cached prefix. The
 * `run_check` tool, offered only when the repository configures checks, is left out (about 80 tokens).
 */
export function toolDefinitionTokens(model: string): number {
  let tokens = toolTokensByModel.get(model);
  if (tokens !== undefined) return tokens;
  tokens = TOOL_USE_SYSTEM_PROMPT_TOKENS;
  for (const tool of toolDefinitionsFor({ model })) {
    tokens += 'type' in tool ? TEXT_EDITOR_TOOL_TOKENS : countTokens(JSON.stringify(tool));
  }
  toolTokensByModel.set(model, tokens);
  return tokens;
}

/** The definitions depend on the model alone: counted once per model, not once per task. */
const toolTokensByModel = new Map<string, number>();

export interface EstimateInput {
  spec: Spec;
  tasks: Task[];
  roles: Map<Role, RoleDefinition>;
  repo: RepoSnapshot;
  model: string;
  mode: Mode;
  customPrice?: ModelPrice;
}

export function outputTokensFor(spec: Spec, task: Pick<Task, 'covers'>): number {
  if (task.covers.length === 0) return SECTION_TASK_OUTPUT_TOKENS + SUMMARY_OUTPUT_TOKENS;
  const index = specItemsById(spec);
  let total = SUMMARY_OUTPUT_TOKENS;
  for (const id of task.covers) {
    // A duplicated id is several items to write; an id missing from the spec still costs a typical item.
    const items = index.get(id) ?? [];
    if (items.length === 0) total += OUTPUT_TOKENS_PER_ITEM.FR;
    for (const item of items) total += OUTPUT_TOKENS_PER_ITEM[item.kind];
  }
  return total;
}

/**
 * Cached pricing. The prompt has two cache breakpoints: after the spec part (shared by every task) and after
 * the role prompt (shared by the tasks of one role). The first call that needs a prefix pays a cache write,
 * later calls read it. Sequential runs make the cache available to the next task; parallel runs make it
 * available only to the next phase (tasks of one phase start together and all miss). The 5-minute cache
 * lifetime is assumed not to lapse between tasks. The user message and the growing conversation are plain
 * input. `usdNoCache` pays every input token at the input price.
 */
export interface TaskTokenInput {
  specTokens: number;
  roleTokens: number;
  userTokens: number;
  outputTokens: number;
  /** All tool results of the task: file views (measured sizes) and acknowledgements (toolResultTokens). */
  toolResultTokens: number;
  /** Whether the spec prefix / the spec + role prefix is already in the cache when the task starts. */
  specCached: boolean;
  roleCached: boolean;
}

/**
 * Expected token counts of one task over CALLS_PER_TASK calls. Each call re-sends the prompt plus the
 * conversation so far, which grows per call by the call's share of the output and the tool results.
 * Prefixes shorter than MIN_CACHEABLE_TOKENS are never cached and count as plain input.
 */
export function taskTokenCounts(t: TaskTokenInput): TokenCounts {
  const specCacheable = t.specTokens >= MIN_CACHEABLE_TOKENS;
  const roleCacheable = t.specTokens + t.roleTokens >= MIN_CACHEABLE_TOKENS;
  // Tool results arrive after every call but the last, and stay in the conversation from then on.
  const growthPerCall =
    Math.ceil(t.outputTokens / CALLS_PER_TASK) + Math.ceil(t.toolResultTokens / (CALLS_PER_TASK - 1));
  const tokens: TokenCounts = {
    inputTokens: 0,
    outputTokens: t.outputTokens,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
  };
  for (let call = 0; call < CALLS_PER_TASK; call++) {
    // After the task's first call, both prefixes it sent are in the cache.
    const roleKnown = t.roleCached || call > 0;
    const specKnown = t.specCached || call > 0;
    if (roleCacheable && roleKnown) {
      tokens.cacheReadTokens += t.specTokens + t.roleTokens;
    } else if (specCacheable && specKnown) {
      tokens.cacheReadTokens += t.specTokens;
      tokens.cacheCreationTokens += t.roleTokens; // roleCacheable holds whenever specCacheable does
    } else if (roleCacheable) {
      tokens.cacheCreationTokens += t.specTokens + t.roleTokens;
    } else {
      tokens.inputTokens += t.specTokens + t.roleTokens;
    }
    tokens.inputTokens += t.userTokens + call * growthPerCall;
  }
  return tokens;
}

/** Words of a path or a title, lowercased, plural `s` dropped, so `products/price-range.ts` meets "Product price range". */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(NON_WORD)) {
    const word = indexWord(w);
    if (word !== undefined) out.add(word);
  }
  return out;
}

const NON_WORD = /[^a-z0-9]+/;

/** A lowercased word as `words` keeps it, or undefined when it is too short or too common to tell files apart. */
function indexWord(w: string): string | undefined {
  if (w.length < 3 || STOP_WORDS.has(w)) return undefined;
  return w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w;
}

const STOP_WORDS = new Set(
  'the and for with from that this into each when then than implement create write build harden test tests spec src lib index main file files item items more data api get post put delete'.split(
    ' ',
  ),
);

/**
 * Files an agent views to write code: source, styles, markup, SQL and small configs. Data files, docs (the
 * spec is already in the prompt), lockfiles and recordings are found by search, rarely read whole.
 */
const VIEWED_EXTENSIONS: ReadonlySet<string> = new Set(
  'ts tsx js jsx mjs cjs py go rb java kt rs cs php swift scala sql vue svelte css scss html prisma graphql yml yaml toml'.split(
    ' ',
  ),
);

/** Whether an agent views `path` to write code: by its extension, in any case; not minified, not a lockfile. */
export function isViewable(path: string): boolean {
  // String checks rather than two case-insensitive regexes: this runs for every listed file of every plan.
  const dot = path.lastIndexOf('.');
  if (dot === -1) return false;
  const extension = asciiLower(path.slice(dot + 1));
  if (extension === undefined || !VIEWED_EXTENSIONS.has(extension)) return false;
  // Of the files never viewed (minified scripts, lockfiles), only these two have a viewed extension; npm's
  // package-lock.json is not viewed for its extension already.
  if (extension === 'js') return asciiLower(path.slice(-7)) !== '.min.js';
  if (extension === 'yaml') return asciiLower(path.slice(path.lastIndexOf('/') + 1)) !== 'pnpm-lock.yaml';
  return true;
}

/**
 * `text` lowercased when it is plain ASCII, else undefined: a case-insensitive regex without the `u` flag never
 * matches a non-ASCII character to an ASCII letter, while toLowerCase may turn one into one (the Kelvin sign).
 */
function asciiLower(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return undefined;
  return text.toLowerCase();
}

interface ViewableFile {
  path: string;
  bytes: number;
}

interface ViewableIndex {
  /** The files an agent may view, in listing order. */
  files: ViewableFile[];
  /** For each word of a path, the positions in `files` of the files whose path has it. */
  byWord: Map<string, number[]>;
}

/**
 * The files of a snapshot an agent may view, indexed by the words of their paths, worked out once per snapshot
 * (snapshots are values: nothing changes one after the scan). Every task of a plan scores against the same
 * files, and splitting a few hundred paths per task was half the cost of estimating a plan.
 */
const viewableCache = new WeakMap<RepoSnapshot, ViewableIndex>();

function viewableIndex(repo: RepoSnapshot): ViewableIndex {
  const cached = viewableCache.get(repo);
  if (cached) return cached;
  const sizes = repo.sizes ?? {};
  const files: ViewableFile[] = [];
  const byWord = new Map<string, number[]>();
  for (const path of repo.files) {
    const bytes = sizes[path];
    if (bytes === undefined || !isViewable(path)) continue;
    // words(path) without its Set: a word met twice in one path finds this file already last in its list.
    const position = files.length;
    for (const w of path.toLowerCase().split(NON_WORD)) {
      const word = indexWord(w);
      if (word === undefined) continue;
      const at = byWord.get(word);
      if (at === undefined) byWord.set(word, [position]);
      else if (at[at.length - 1] !== position) at.push(position);
    }
    files.push({ path, bytes });
  }
  const index = { files, byWord };
  viewableCache.set(repo, index);
  return index;
}

/**
 * The repository files (with their measured sizes) a task will likely view: those sharing the most words with
 * its title, description and covered items, at most MAX_VIEWED_FILES. A task with no match still looks at one
 * file to learn the conventions: the median-sized viewable file.
 */
export function likelyViewedFiles(
  spec: Spec,
  task: Pick<Task, 'title' | 'description' | 'covers'>,
  repo: RepoSnapshot,
): { path: string; bytes: number }[] {
  const { files: viewable, byWord } = viewableIndex(repo);
  if (viewable.length === 0) return [];
  const index = specItemsById(spec);
  const titles = task.covers.flatMap((id) => (index.get(id) ?? []).map((i) => i.title));
  const wanted = words([task.title, task.description, ...titles].join(' '));
  // A file's score is the number of words its path shares with the task, counted from the word index: the
  // files that share none (most of them) are never visited.
  const shared = new Map<number, number>();
  for (const word of wanted)
    for (const at of byWord.get(word) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
  const scored = [...shared.keys()]
    .sort((a, b) => a - b)
    .map((at) => ({ file: viewable[at]!, score: shared.get(at)! }))
    .sort((a, b) => b.score - a.score || (a.file.path < b.file.path ? -1 : 1));
  if (scored.length > 0)
    return scored.slice(0, MAX_VIEWED_FILES).map(({ file }) => ({ path: file.path, bytes: file.bytes }));
  const bySize = [...viewable].sort((a, b) => a.bytes - b.bytes || (a.path < b.path ? -1 : 1));
  const median = bySize[Math.floor(bySize.length / 2)]!;
  return [{ path: median.path, bytes: median.bytes }];
}

/** Tokens of a task's tool results: the files it will likely view (as much as a view returns) and the acks. */
export function toolResultTokens(
  spec: Spec,
  task: Pick<Task, 'title' | 'description' | 'covers'>,
  repo: RepoSnapshot,
): number {
  const viewed = likelyViewedFiles(spec, task, repo).reduce(
    (sum, f) => sum + Math.ceil(Math.min(f.bytes, MAX_VIEW_BYTES) / CHARS_PER_TOKEN),
    0,
  );
  return viewed + TOOL_ACK_TOKENS_PER_CALL * (CALLS_PER_TASK - 1);
}

export function estimatePlan(input: EstimateInput): { tasks: Task[]; estimate: PlanEstimate } {
  const price = priceOf(input.model, input.customPrice);
  const written = new Set<string>();
  let pendingPhase = 0;
  const pending: string[] = [];
  const tasks: Task[] = [];
  let totalInput = 0;

  for (const task of input.tasks) {
    if (input.mode === 'parallel' && task.phase !== pendingPhase) {
      for (const key of pending.splice(0)) written.add(key);
      pendingPhase = task.phase;
    }
    const role = input.roles.get(task.agent);
    if (!role) {
      throw new PlanError(`Task ${task.id} is for the role "${task.agent}", which has no prompt.`, [task.id]);
    }
    const prompt = buildPrompt({ spec: input.spec, task, role, repo: input.repo, dependencyFiles: [] });
    // The API caches per model: a task on another model neither reads nor warms this model's prefixes.
    const cacheModel = task.model ?? input.model;
    // The tools precede the system prompt, so the first cached prefix is tools + spec part.
    const specTokens = toolDefinitionTokens(cacheModel) + countTokens(prompt.system[0]?.text ?? '');
    const roleTokens = countTokens(prompt.system[1]?.text ?? '');
    const userTokens = countTokens(prompt.user);
    const promptTokens = specTokens + roleTokens + userTokens;
    const outputTokens = outputTokensFor(input.spec, task);
    const specKey = `spec:${cacheModel}`;
    const roleKey = `role:${task.agent}:${cacheModel}`;
    const tokens = taskTokenCounts({
      specTokens,
      roleTokens,
      userTokens,
      outputTokens,
      toolResultTokens: toolResultTokens(input.spec, task, input.repo),
      specCached: written.has(specKey),
      roleCached: written.has(roleKey),
    });
    const specCacheable = specTokens >= MIN_CACHEABLE_TOKENS;
    const roleCacheable = specTokens + roleTokens >= MIN_CACHEABLE_TOKENS;
    const newKeys = [...(specCacheable ? [specKey] : []), ...(roleCacheable ? [roleKey] : [])];
    if (input.mode === 'parallel') pending.push(...newKeys);
    else for (const key of newKeys) written.add(key);

    // A task with its own model pays that model's table price; custom prices are for the plan's model.
    const taskPrice = task.model !== undefined && task.model !== input.model ? priceOf(task.model) : price;
    const allInput = tokens.inputTokens + tokens.cacheCreationTokens + tokens.cacheReadTokens;
    totalInput += allInput;
    const estimate: TaskEstimate = {
      inputTokens: promptTokens,
      outputTokens,
      cacheableTokens: roleCacheable ? specTokens + roleTokens : specCacheable ? specTokens : 0,
      usd: roundUsd(costOf(tokens, taskPrice)),
      usdNoCache: roundUsd(costWithoutCache(tokens, taskPrice)),
      minutes: roundMinutes(
        (CALLS_PER_TASK * SECONDS_PER_CALL + outputTokens / OUTPUT_TOKENS_PER_SECOND) / 60,
      ),
    };
    tasks.push({ ...task, estimate });
  }

  const usd = tasks.reduce((s, t) => s + t.estimate.usd, 0);
  return {
    tasks,
    estimate: {
      usd: roundUsd(usd),
      lowUsd: roundUsd(usd * LOW_FACTOR),
      highUsd: roundUsd(usd * HIGH_FACTOR),
      usdNoCache: roundUsd(tasks.reduce((s, t) => s + t.estimate.usdNoCache, 0)),
      // Every input token of every expected call (plain + cache writes + cache reads), as the run's usage
      // will report them, so the estimate and the report can be compared.
      inputTokens: totalInput,
      outputTokens: tasks.reduce((s, t) => s + t.estimate.outputTokens, 0),
      sequentialMinutes: roundMinutes(tasks.reduce((s, t) => s + t.estimate.minutes, 0)),
      parallelMinutes: roundMinutes(criticalPathMinutes(tasks)),
    },
  };
}

/** Longest chain of task minutes through the dependencies: the wall time with unlimited parallelism. */
export function criticalPathMinutes(tasks: Pick<Task, 'id' | 'dependsOn' | 'estimate'>[]): number {
  const finish = new Map<string, number>();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const visit = (id: string, depth: number): number => {
    const done = finish.get(id);
    if (done !== undefined) return done;
    const t = byId.get(id);
    if (!t || depth > tasks.length) return 0;
    const start = Math.max(0, ...t.dependsOn.map((d) => visit(d, depth + 1)));
    const end = start + t.estimate.minutes;
    finish.set(id, end);
    return end;
  };
  return Math.max(0, ...tasks.map((t) => visit(t.id, 0)));
}

function roundUsd(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function roundMinutes(n: number): number {
  return Math.round(n * 100) / 100;
}
