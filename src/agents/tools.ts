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
import type { CustomToolDefinition, ToolDefinition, ToolUseBlock } from '../core/model-port.js';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import { PathRejectedError, type Workspace } from '../core/workspace.js';
import { type CheckBudget, checkInputSchema, runCheckTool } from './check-tool.js';
import {
  DEFAULT_VIEW_MAX_CHARS,
  EDIT_TOOL_NAME,
  editInputSchema,
  fileState,
  runEditCommand,
  staleness,
} from './edit-tool.js';
import { searchCode, searchInputSchema } from './search-code.js';
import type { ViewLedger } from './view-ledger.js';

export { EDIT_TOOL_NAME } from './edit-tool.js';

const EDIT_TOOL_CUSTOM: CustomToolDefinition = {
  name: EDIT_TOOL_NAME,
  description:
    'View, create and edit text files of the repository. Paths are relative to the repository root. ' +
    '`view` shows a file with line numbers (`view_range` [start, end], end -1 = to the end) or lists a directory ' +
    'two levels deep. `create` makes a new file (refused if it exists). `str_replace` replaces `old_str`, which ' +
    'must match exactly once (whitespace included), with `new_str`. `insert` puts `insert_text` after line ' +
    '`insert_line` (0 = top). Edits are refused when the file changed since you last viewed it: view it again.',
  input_schema: {
    type: 'object',
    properties: {
      command: { type: 'string', enum: ['view', 'create', 'str_replace', 'insert'] },
      path: { type: 'string', description: 'File or directory relative to the repository root.' },
      view_range: {
        type: 'array',
        items: { type: 'integer' },
        description: 'For view: [start, end] lines, 1-based; end -1 means the end of the file.',
      },
      file_text: { type: 'string', description: 'For create: the whole content of the new file.' },
      old_str: { type: 'string', description: 'For str_replace: the exact text to replace (one match).' },
      new_str: { type: 'string', description: 'For str_replace: the replacement text.' },
      insert_line: { type: 'integer', description: 'For insert: insert after this line (0 = the top).' },
      insert_text: { type: 'string', description: 'For insert: the text to insert.' },
    },
    required: ['command', 'path'],
  },
};

const SEARCH_TOOL: CustomToolDefinition = {
  name: 'search_code',
  description:
    'Search the repository for a regular expression (JavaScript syntax) and get `path:line: text` for each ' +
    'matching line. Files ignored by .gitignore, binary and very large files are skipped. Use it first to find ' +
    'where a symbol is defined and used, then view only those line ranges.',
  input_schema: {
    type: 'object',
    properties: {
      pattern: {
        type: 'string',
        description: 'Regular expression, e.g. "function parsePrice|parsePrice\\\\(".',
      },
      path: {
        type: 'string',
        description: 'Directory or file to search, relative to the root (default: all).',
      },
      glob: { type: 'string', description: 'Only files matching this glob, e.g. "*.ts" or "src/**/*.js".' },
      max_results: {
        type: 'integer',
        description: 'At most this many matching lines (default 50, max 200).',
      },
    },
    required: ['pattern'],
  },
};

const WRITE_TOOL: CustomToolDefinition = {
  name: 'write_file',
  description:
    'Write a NEW file, or rewrite a file created in this run, with its complete content. Files that existed ' +
    'before the run cannot be rewritten: change them with str_replace_based_edit_tool (str_replace or insert).',
  input_schema: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description: 'File path relative to the repository root, e.g. "src/index.ts".',
      },
      content: { type: 'string', description: 'The full content of the file.' },
    },
    required: ['path', 'content'],
  },
};

const DELETE_TOOL: CustomToolDefinition = {
  name: 'delete_file',
  description:
    'Delete a file that was created in this run (by you or an earlier task). Files that existed before the run ' +
    'cannot be deleted.',
  input_schema: {
    type: 'object',
    properties: { path: { type: 'string', description: 'File path relative to the repository root.' } },
    required: ['path'],
  },
};

function checkTool(names: readonly string[]): CustomToolDefinition {
  return {
    name: 'run_check',
    description:
      "Run one of the repository's configured checks (no shell, no network, a time limit) and get its exit " +
      'status and the end of its output. Use it to see a failing test before you fix it and to confirm the fix.',
    input_schema: {
      type: 'object',
      properties: { check: { type: 'string', enum: [...names], description: 'Which check to run.' } },
      required: ['check'],
    },
  };
}

/** Claude 4 models and later are trained on Anthropic's text editor tool (`text_editor_20250728`). */
export function supportsTextEditorTool(model: string): boolean {
  const major = /^claude-(?:[a-z]+-)?(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 4;
}

export interface ToolSetOptions {
  model: string;
  checks?: CheckRunner | undefined;
  maxViewChars?: number;
}

/** The tools offered to a task: the edit tool (native where the model has it), search, writes, checks. */
export function toolDefinitionsFor(opts: ToolSetOptions): ToolDefinition[] {
  const editor: ToolDefinition = supportsTextEditorTool(opts.model)
    ? {
        type: 'text_editor_20250728',
        name: EDIT_TOOL_NAME,
        max_characters: opts.maxViewChars ?? DEFAULT_VIEW_MAX_CHARS,
      }
    : EDIT_TOOL_CUSTOM;
  const tools: ToolDefinition[] = [editor, SEARCH_TOOL, WRITE_TOOL, DELETE_TOOL];
  if (opts.checks && opts.checks.names.length > 0) tools.push(checkTool(opts.checks.names));
  return tools;
}

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
