// The tools an agent may call, and their execution through the safe workspace. Every failure becomes an error
// tool result the model can read and act on: a bad call must never end the task by itself.
//
// Decisions:
// - Reading and editing go through one tool shaped like Anthropic's text editor (`str_replace_based_edit_tool`):
//   the model is trained on it, and `str_replace` edits cost a fraction of whole-file rewrites.
// - `write_file` stays, but only for new files and files this run created: rewriting a small new file whole is
//   natural, while a whole-file write of an existing file is how agents silently drop code.
// - list_files/read_file are gone: `view` lists directories and shows numbered line ranges.
import { z } from 'zod';
import type { CheckRunner } from '../core/checks.js';
import type { ToolUseBlock } from '../core/model-port.js';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import { PathRejectedError, type Workspace } from '../core/workspace.js';
import { type CheckBudget, checkInputSchema, runCheckTool } from './check-tool.js';
import { editInputSchema, fileState, runEditCommand, staleness } from './edit-tool.js';
import { searchCode, searchInputSchema } from './search-code.js';
import type { ViewLedger } from './view-ledger.js';

export { EDIT_TOOL_NAME, supportsTextEditorTool, toolDefinitionsFor } from './tool-definitions.js';

import { EDIT_TOOL_NAME } from './tool-definitions.js';

const writeInput = z.object({ path: z.string(), content: z.string() });
const deleteInput = z.object({ path: z.string() });

export interface ToolContext {
  workspace: Workspace;
  taskId: string;
  role: Role;
  ledger: ViewLedger;
  checks?: CheckRunner | undefined;
  checkBudget?: CheckBudget;
  maxViewChars?: number;
  signal?: AbortSignal | undefined;
}

export interface ToolExecution {
  /** The tool_result text sent back to the model. */
  content: string;
  isError: boolean;
  /** The workspace's record of a successful write or delete. */
  record?: WriteRecord;
}

function failure(content: string): ToolExecution {
  return { content, isError: true };
}

/** Tool input arrives as parsed JSON, or as the raw string when the model's JSON did not parse. */
function parseInput(raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: true, value: raw ?? {} };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (err) {
    return {
      ok: false,
      message: `the tool input is not valid JSON (${(err as Error).message}). Send a JSON object with the documented fields.`,
    };
  }
}

function describeIssues(tool: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the input';
    if (issue.code === 'invalid_type' && issue.path.length > 0) {
      return `${field} is missing or not a ${issue.expected}`;
    }
    return `${field}: ${issue.message}`;
  });
  return `Invalid input for ${tool}: ${parts.join('; ')}. Call it again with the required fields.`;
}

function validate<T>(
  tool: string,
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; value: T } | ToolExecution {
  const parsed = parseInput(raw);
  if (!parsed.ok) return failure(`Invalid input for ${tool}: ${parsed.message}`);
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return failure(`Invalid input for ${tool}: expected a JSON object, got ${JSON.stringify(parsed.value)}.`);
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) return failure(describeIssues(tool, result.error));
  return { ok: true, value: result.data };
}

/** write_file: new files, or files this run created and this task has seen as they are now. */
async function writeFile(input: z.infer<typeof writeInput>, ctx: ToolContext): Promise<ToolExecution> {
  // A path the read rules refuse (a link out of the root, .git) is left to the write rules, whose refusal
  // names the write-side reason.
  const state = await fileState(ctx.workspace, input.path).catch((err: unknown) => {
    if (err instanceof PathRejectedError) return { kind: 'missing' as const };
    throw err;
  });
  if (state.kind === 'dir') return failure(`write_file failed: ${input.path} is a directory.`);
  if (state.kind === 'file') {
    const rel = ctx.workspace.resolveForRead(input.path);
    const first = ctx.workspace.records().find((r) => r.path === rel);
    if (first?.action !== 'created') {
      return failure(
        `write_file failed: ${rel} existed before this run, so it is not rewritten whole. View the lines to change and use ${EDIT_TOOL_NAME} with str_replace or insert.`,
      );
    }
    const stale = staleness(rel, state.content, ctx);
    if (stale) return failure(`write_file failed: ${stale.content}`);
  }
  const record = await ctx.workspace.write(ctx.taskId, ctx.role, input.path, input.content);
  ctx.ledger.saw(record.path, input.content);
  return {
    content: `Wrote ${record.path} (${record.action}, ${record.bytes} bytes).`,
    isError: false,
    record,
  };
}

async function dispatch(call: ToolUseBlock, ctx: ToolContext): Promise<ToolExecution> {
  switch (call.name) {
    case EDIT_TOOL_NAME: {
      const input = validate(EDIT_TOOL_NAME, editInputSchema, call.input);
      if (!('ok' in input)) return input;
      return runEditCommand(input.value, {
        workspace: ctx.workspace,
        taskId: ctx.taskId,
        role: ctx.role,
        ledger: ctx.ledger,
        ...(ctx.maxViewChars !== undefined ? { maxViewChars: ctx.maxViewChars } : {}),
      });
    }
    case 'search_code': {
      const input = validate('search_code', searchInputSchema, call.input);
      if (!('ok' in input)) return input;
      return { content: await searchCode(input.value, ctx.workspace), isError: false };
    }
    case 'write_file': {
      const input = validate('write_file', writeInput, call.input);
      if (!('ok' in input)) return input;
      return writeFile(input.value, ctx);
    }
    case 'delete_file': {
      const input = validate('delete_file', deleteInput, call.input);
      if (!('ok' in input)) return input;
      const record = await ctx.workspace.remove(ctx.taskId, ctx.role, input.value.path);
      ctx.ledger.forget(record.path);
      return { content: `Deleted ${record.path}.`, isError: false, record };
    }
    case 'run_check': {
      if (!ctx.checks) return failure('run_check is not available: no checks are configured.');
      const input = validate('run_check', checkInputSchema, call.input);
      if (!('ok' in input)) return input;
      return runCheckTool(input.value, ctx.checks, ctx.checkBudget ?? { used: 0, max: 1 }, ctx.signal);
    }
    default: {
      const names = [
        EDIT_TOOL_NAME,
        'search_code',
        'write_file',
        'delete_file',
        ...(ctx.checks ? ['run_check'] : []),
      ];
      return failure(`Unknown tool "${call.name}". The available tools are: ${names.join(', ')}.`);
    }
  }
}

/** Run one tool call. Never throws. */
export async function executeTool(call: ToolUseBlock, ctx: ToolContext): Promise<ToolExecution> {
  try {
    return await dispatch(call, ctx);
  } catch (err) {
    if (err instanceof PathRejectedError) return failure(`${call.name} failed: ${err.message}`);
    return failure(`${call.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
