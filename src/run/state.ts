// The run state: what each task of the last run produced, carried on the implementation branch (and in
// --output-dir for local runs) as `.implement-spec/state.json`. The next run reads it to skip tasks whose
// inputs and outputs have not changed (see resume.ts).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { specItemsById } from '../agents/context.js';
import type { TaskResult, WriteRecord } from '../core/results.js';
import type { Plan, Task } from '../core/tasks.js';
import type { Spec } from '../spec/types.js';

/** Workspace-relative path of the state file. Agents must not write it (add it to the protected paths). */
export const STATE_PATH = '.implement-spec/state.json';
export const STATE_SCHEMA_VERSION = 1;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const TaskStateSchema = z.object({
  status: z.enum(['pending', 'running', 'success', 'failed', 'skipped', 'cancelled']),
  agent: z.string().min(1),
  title: z.string(),
  covers: z.array(z.string()),
  dependsOn: z.array(z.string()),
  /** Hash of the covered items' ids and text: the task's input from the spec. */
  itemsHash: Sha256Schema,
  /** Per-item hashes, so a changed spec can name the items that changed. */
  itemHashes: z.record(z.string(), Sha256Schema).optional(),
  /** Files the task wrote, with the content hash they had at the end of the run. */
  files: z.array(z.object({ path: z.string().min(1), sha256: Sha256Schema })),
  costUsd: z.number().nonnegative(),
});

export const RunStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  specId: z.string(),
  specHash: z.string(),
  planHash: Sha256Schema,
  model: z.string(),
  updatedAt: z.string(),
  tasks: z.record(z.string(), TaskStateSchema),
});

export type TaskState = z.infer<typeof TaskStateSchema>;
export type RunState = z.infer<typeof RunStateSchema>;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal data always gives equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Hash of the plan's shape: the fields that decide what each task does. Titles, descriptions and estimates
 * are left out because they are derived and would change the hash without changing the work.
 */
export function planHash(plan: Plan): string {
  const shape = plan.tasks.map((t) => ({
    id: t.id,
    agent: t.agent,
    covers: t.covers,
    dependsOn: t.dependsOn,
    sections: t.sections,
  }));
  return sha256(canonicalJson(shape));
}

// Line endings and trailing blanks are not content: a CRLF conversion must not redo every task.
function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** Hash of one item id's text (every item with that id, in document order). */
function itemHash(spec: Spec, id: string): string {
  const items = specItemsById(spec).get(id) ?? [];
  return sha256(canonicalJson({ id, texts: items.map((i) => normalizeText(`${i.title}\n${i.text}`)) }));
}

/** Per-item hashes of the items a task covers. */
export function itemHashes(spec: Spec, task: Pick<Task, 'covers'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of task.covers) out[id] = itemHash(spec, id);
  return out;
}

/**
 * Hash of what the task implements from the spec: the covered items' ids and text. A task that covers no
 * item (the overview fallback, a UI section task) works from its sections, so their text is hashed instead.
 */
export function itemsHash(spec: Spec, task: Pick<Task, 'covers' | 'sections'>): string {
  if (task.covers.length > 0) {
    return sha256(canonicalJson(task.covers.map((id) => [id, itemHash(spec, id)])));
  }
  const sections = task.sections.map((key) => {
    const section = spec.sections[key] ?? spec.subsections.find((s) => s.key === key);
    return [key, section ? normalizeText(section.text) : null];
  });
  return sha256(canonicalJson({ sections }));
}

/**
 * Final content hash of every path: the last write wins; a path whose last write deleted it is absent.
 * State records what is on disk after the run, not what each write put there on the way.
 */
function finalHashes(writes: WriteRecord[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const w of writes) out.set(w.path, w.action === 'deleted' ? null : w.sha256);
  return out;
}

function filesOf(paths: Iterable<string>, finals: Map<string, string | null>): TaskState['files'] {
  const files: TaskState['files'] = [];
  for (const p of [...new Set(paths)].sort()) {
    const hash = finals.get(p);
    if (hash) files.push({ path: p, sha256: hash });
  }
  return files;
}

/**
 * The state after a run. Tasks reused from the previous run keep their previous entry, except that a file
 * this run rewrote (a redone task edited it) gets its new hash, so the next run does not see it as changed.
 */
export function buildState(
  spec: Spec,
  plan: Plan,
  tasks: TaskResult[],
  writes: WriteRecord[],
  previous?: RunState | null,
  resumedIds: string[] = [],
  now: Date = new Date(),
): RunState {
  const results = new Map(tasks.map((r) => [r.taskId, r]));
  const resumed = new Set(resumedIds);
  const finals = finalHashes(writes);
  const entries: Record<string, TaskState> = {};
  for (const task of plan.tasks) {
    const prev = previous?.tasks[task.id];
    if (resumed.has(task.id) && prev) {
      const files: TaskState['files'] = [];
      for (const f of prev.files) {
        if (!finals.has(f.path)) files.push(f);
        else {
          const hash = finals.get(f.path);
          if (hash) files.push({ path: f.path, sha256: hash });
        }
      }
      entries[task.id] = { ...prev, files };
      continue;
    }
    const result = results.get(task.id);
    const written = writes.filter((w) => w.taskId === task.id).map((w) => w.path);
    entries[task.id] = {
      status: result?.status ?? 'pending',
      agent: task.agent,
      title: task.title,
      covers: [...task.covers],
      dependsOn: [...task.dependsOn],
      itemsHash: itemsHash(spec, task),
      itemHashes: itemHashes(spec, task),
      files: filesOf([...(result?.files ?? []), ...written], finals),
      costUsd: result?.costUsd ?? 0,
    };
  }
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    specId: spec.metadata.id ?? plan.spec.id,
    specHash: spec.hash,
    planHash: planHash(plan),
    model: plan.model,
    updatedAt: now.toISOString(),
    tasks: entries,
  };
}

function statePath(root: string): string {
  return path.join(root, ...STATE_PATH.split('/'));
}

/**
 * The state left by the previous run under `root`. A missing file is the normal first run; an unreadable or
 * invalid one is reported as a warning and treated as absent, because a broken state must never stop a run
 * (the worst case is redoing work).
 */
export async function readState(root: string): Promise<{ state: RunState | null; warning?: string }> {
  let text: string;
  try {
    text = await readFile(statePath(root), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: null };
    return {
      state: null,
      warning: `Could not read ${STATE_PATH} (${err instanceof Error ? err.message : String(err)}); every task runs again.`,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {
      state: null,
      warning: `${STATE_PATH} is not valid JSON (${err instanceof Error ? err.message : String(err)}); ignored, every task runs again.`,
    };
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (data !== null && typeof data === 'object' && version !== STATE_SCHEMA_VERSION) {
    return {
      state: null,
      warning: `${STATE_PATH} has schemaVersion ${JSON.stringify(version)}, this version reads ${STATE_SCHEMA_VERSION}; ignored, every task runs again.`,
    };
  }
  const parsed = RunStateSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join('.') : '(top level)';
    return {
      state: null,
      warning: `${STATE_PATH} does not have the expected shape (${where}: ${first?.message ?? 'invalid'}); ignored, every task runs again.`,
    };
  }
  return { state: parsed.data };
}

/** Writes the state as pretty JSON; tmp file + rename so a crash never leaves half a file behind. */
export async function writeState(root: string, state: RunState): Promise<string> {
  const valid = RunStateSchema.parse(state);
  const target = statePath(root);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`, 'utf8');
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return target;
}

/**
 * The same, synchronously: a checkpoint taken between two tasks must be on disk before the next task starts,
 * or a kill at that moment loses the task that just finished. The file is small; the write takes well under a
 * millisecond.
 */
export function writeStateSync(root: string, state: RunState): string {
  const valid = RunStateSchema.parse(state);
  const target = statePath(root);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(valid, null, 2)}\n`, 'utf8');
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
  return target;
}
