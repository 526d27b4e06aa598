// The file tools an agent may call, and their execution through the safe workspace. Every failure becomes
// an error tool result the model can read and act on: a bad call must never end the task by itself.
import { z } from 'zod';
import type { ToolDefinition, ToolUseBlock } from '../core/model-port.js';
import type { WriteRecord } from '../core/results.js';
import type { Role } from '../core/tasks.js';
import { PathRejectedError, type Workspace } from '../core/workspace.js';

export const TOOL_DEFINITIONS: ToolDefinition[] = [
  {
    name: 'list_files',
    description:
      'List the files in the repository (or under one directory of it), as paths relative to the repository root. ' +
      '.git and node_modules are skipped. Use it to see what exists before reading or writing.',
    input_schema: {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          description:
            'Directory relative to the repository root, e.g. "src". Omit to list the whole repository.',
        },
      },
    },
  },
  {
    name: 'read_file',
    description:
      'Read one text file of the repository, including files written earlier in this run. Large files are truncated.',
    input_schema: {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          description: 'File path relative to the repository root, e.g. "src/index.ts".',
        },
      },
      required: ['path'],
    },
  },
  {
    name: 'write_file',
    description:
      'Create or overwrite one file with its COMPLETE content (never a diff or an excerpt). Parent directories are ' +
      'created. Paths are relative to the repository root; .git, .github/workflows, the spec file and protected paths ' +
      'cannot be written.',
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
  },
  {
    name: 'delete_file',
    description:
      'Delete a file that was created in this run (by you or an earlier task). Files that existed before the run ' +
      'cannot be deleted.',
    input_schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the repository root.' },
      },
      required: ['path'],
    },
  },
];

const listInput = z.object({ path: z.string().optional() });
const readInput = z.object({ path: z.string() });
const writeInput = z.object({ path: z.string(), content: z.string() });
const deleteInput = z.object({ path: z.string() });

export interface ToolContext {
  workspace: Workspace;
  taskId: string;
  role: Role;
}

export interface ToolExecution {
  /** The tool_result text sent back to the model. */
  content: string;
  isError: boolean;
  /** The workspace-relative path a successful write_file wrote. */
  wrote?: string;
  /** The workspace-relative path a successful delete_file deleted. */
  deleted?: string;
  /** The workspace's record of a successful write or delete. */
  record?: WriteRecord;
}

/** At most this many paths go back in one listing, so a big repository does not flood the context. */
export const LIST_FILES_MAX = 500;

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

function describeError(tool: string, err: unknown): ToolExecution {
  if (err instanceof PathRejectedError) return failure(`${tool} failed: ${err.message}`);
  const message = err instanceof Error ? err.message : String(err);
  return failure(`${tool} failed: ${message}`);
}

/** Run one tool call against the workspace. Never throws. */
export async function executeTool(call: ToolUseBlock, ctx: ToolContext): Promise<ToolExecution> {
  try {
    switch (call.name) {
      case 'list_files': {
        const input = validate('list_files', listInput, call.input);
        if (!('ok' in input)) return input;
        const dir = input.value.path?.trim() ? input.value.path : '.';
        const { files, truncated } = await ctx.workspace.list(dir, LIST_FILES_MAX);
        if (files.length === 0) return { content: `No files under "${dir}".`, isError: false };
        const note = truncated
          ? `\n[truncated: only the first ${files.length} files are shown; list a subdirectory]`
          : '';
        return { content: files.join('\n') + note, isError: false };
      }
      case 'read_file': {
        const input = validate('read_file', readInput, call.input);
        if (!('ok' in input)) return input;
        return { content: await ctx.workspace.read(input.value.path), isError: false };
      }
      case 'write_file': {
        const input = validate('write_file', writeInput, call.input);
        if (!('ok' in input)) return input;
        const record = await ctx.workspace.write(ctx.taskId, ctx.role, input.value.path, input.value.content);
        return {
          content: `Wrote ${record.path} (${record.action}, ${record.bytes} bytes).`,
          isError: false,
          wrote: record.path,
          record,
        };
      }
      case 'delete_file': {
        const input = validate('delete_file', deleteInput, call.input);
        if (!('ok' in input)) return input;
        const record = await ctx.workspace.remove(ctx.taskId, ctx.role, input.value.path);
        return { content: `Deleted ${record.path}.`, isError: false, deleted: record.path, record };
      }
      default:
        return failure(
          `Unknown tool "${call.name}". The available tools are: ${TOOL_DEFINITIONS.map((t) => t.name).join(', ')}.`,
        );
    }
  } catch (err) {
    return describeError(call.name, err);
  }
}
