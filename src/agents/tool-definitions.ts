// What the agents' tools look like to the model: their definitions, sent with every request. Kept apart from their
// execution (tools.ts, which loads zod for the inputs) so the plan's cost estimate can count them without it.
import type { CheckRunner } from '../core/checks.js';
import type { CustomToolDefinition, ToolDefinition } from '../core/model-port.js';

export const EDIT_TOOL_NAME = 'str_replace_based_edit_tool';
/** Characters one `view` returns before it is cut (about 5k tokens): a range shows the rest. */
export const DEFAULT_VIEW_MAX_CHARS = 20_000;

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
