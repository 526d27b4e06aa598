// One agent task as a conversation: the model calls file tools until it ends its turn. Assistant turns are
// sent back byte-for-byte (thinking blocks carry signatures the API verifies), and a model that answers with
// Markdown code blocks instead of tool calls still gets its files written through the fenced fallback.
import {
  addUsage,
  ModelError,
  type ModelMessage,
  type ModelResponse,
  type ToolResultBlock,
  type ToolUseBlock,
  type Usage,
  type UserBlock,
  ZERO_USAGE,
} from '../core/model-port.js';
import type { WriteRecord } from '../core/results.js';
import { PathRejectedError } from '../core/workspace.js';
import { extractDoneItems, extractFileBlocks } from './extract.js';
import { executeTool, TOOL_DEFINITIONS } from './tools.js';
import type { AgentOutcome, AgentTaskInput } from './types.js';

export const CONTINUE_AFTER_MAX_TOKENS =
  'Your reply was cut off by the output token limit. Continue exactly where it stopped, without repeating what ' +
  'you already wrote. If you were in the middle of a file, prefer writing the whole file again with write_file.';

const CUT_TOOL_CALL =
  'This tool call was cut off by the output token limit before it was complete, so it was not executed. ' +
  'Send it again; if the file is large, split it into smaller files.';

/** The text of one assistant turn, and whether the model was cut off at its end. */
interface TurnText {
  text: string;
  cutOff: boolean;
}

interface LoopState {
  turns: number;
  calls: number;
  usage: Usage;
  files: string[];
  wroteViaTools: boolean;
  warnings: string[];
  texts: TurnText[];
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  if (err instanceof ModelError) return err.kind === 'aborted';
  return err instanceof Error && err.name === 'AbortError';
}

function textOf(response: ModelResponse): string {
  // Thinking is the model's scratchpad, not its answer: only text blocks can hold files or DONE lines.
  return response.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('\n');
}

/**
 * Group turn texts so that a reply cut by max_tokens is read together with the continuation that finishes it.
 * A continuation that opens a fresh tagged code block is a restart, not a continuation, and is read on its own.
 */
function fallbackSegments(texts: TurnText[]): string[] {
  const segments: string[] = [];
  let joinNext = false;
  for (const { text, cutOff } of texts) {
    // A bare fence at the start most likely closes the cut block; a fence with a tag opens a new one.
    const restarts = /^\s*(`{3,}|~{3,})[^\S\n]*\S/.test(text);
    if (joinNext && segments.length > 0 && !restarts) {
      segments[segments.length - 1] += text;
    } else {
      segments.push(text);
    }
    joinNext = cutOff;
  }
  return segments;
}

/** Characters of the agent's last reply kept for a failed task's explanation. */
const LAST_REPLY_CHARS = 600;

/** The end of the last non-empty text turn: what the agent said before it stopped. */
function lastReplyOf(texts: readonly TurnText[]): string | undefined {
  const last = [...texts]
    .reverse()
    .find((t) => t.text.trim() !== '')
    ?.text.trim();
  if (last === undefined) return undefined;
  return last.length <= LAST_REPLY_CHARS ? last : `…${last.slice(last.length - LAST_REPLY_CHARS)}`;
}

export async function runAgentTask(input: AgentTaskInput): Promise<AgentOutcome> {
  const { task, prompt, model, signal, onEvent, onUsage } = input;
  const taskId = task.id;
  const role = task.agent;
  const maxTurns = Math.max(1, Math.floor(input.maxTurns));
  const state: LoopState = {
    turns: 0,
    calls: 0,
    usage: { ...ZERO_USAGE },
    files: [],
    wroteViaTools: false,
    warnings: [],
    texts: [],
  };
  /** Tool results of write/delete calls the workspace refused, in order. */
  const refusedWrites: string[] = [];

  const warn = (message: string): void => {
    state.warnings.push(message);
    onEvent?.({ type: 'warning', message, taskId });
  };
  const noteWrite = (record: WriteRecord): void => {
    if (record.action === 'deleted') {
      state.files = state.files.filter((f) => f !== record.path);
    } else if (!state.files.includes(record.path)) {
      state.files.push(record.path);
    }
    onEvent?.({ type: 'file', record });
  };
  const outcome = (status: AgentOutcome['status'], reason?: string): AgentOutcome => {
    const lastReply = status === 'failed' ? lastReplyOf(state.texts) : undefined;
    return {
      status,
      ...(reason !== undefined ? { reason } : {}),
      turns: state.turns,
      calls: state.calls,
      usage: state.usage,
      files: [...state.files],
      warnings: [...state.warnings],
      ...(lastReply ? { lastReply } : {}),
    };
  };
  const cancelled = (): AgentOutcome =>
    outcome(
      'cancelled',
      `cancelled after ${state.turns} turn(s); ${state.files.length} file(s) written were kept`,
    );

  const messages: ModelMessage[] = [{ role: 'user', content: prompt.user }];
  let finished = false;

  for (let turn = 1; turn <= maxTurns; turn++) {
    if (signal?.aborted) return cancelled();
    let response: ModelResponse;
    try {
      state.turns = turn;
      response = await model.complete(
        {
          model: input.modelName,
          maxTokens: input.maxTokens,
          system: prompt.system,
          messages: [...messages],
          tools: TOOL_DEFINITIONS,
          meta: { taskId, turn },
          ...(signal ? { signal } : {}),
        },
        (event) => {
          if (event.type === 'text') onEvent?.({ type: 'text', taskId, text: event.text });
        },
      );
    } catch (err) {
      state.calls += 1;
      if (isAbort(err, signal)) return cancelled();
      if (err instanceof ModelError) return outcome('failed', `${err.message} ${err.hint}`.trim());
      return outcome('failed', `model call failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    state.calls += Math.max(1, response.attempts);
    state.usage = addUsage(state.usage, response.usage);
    onUsage?.(response.usage);
    if (signal?.aborted) return cancelled();

    const stop = response.stopReason;
    state.texts.push({ text: textOf(response), cutOff: stop === 'max_tokens' });
    // The API rejects empty assistant turns; an empty reply adds nothing worth echoing.
    if (response.content.length > 0) messages.push({ role: 'assistant', content: response.content });

    const toolUses = response.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    const results: ToolResultBlock[] = [];
    for (const [index, call] of toolUses.entries()) {
      // The last call of a reply cut by max_tokens may hold a truncated file: never execute it.
      if (stop === 'max_tokens' && index === toolUses.length - 1) {
        results.push({ type: 'tool_result', tool_use_id: call.id, content: CUT_TOOL_CALL, is_error: true });
        continue;
      }
      const result = await executeTool(call, { workspace: input.workspace, taskId, role });
      if (result.record) noteWrite(result.record);
      if (result.isError && (call.name === 'write_file' || call.name === 'delete_file')) {
        refusedWrites.push(result.content);
      }
      if (result.wrote) state.wroteViaTools = true;
      results.push({
        type: 'tool_result',
        tool_use_id: call.id,
        content: result.content,
        ...(result.isError ? { is_error: true } : {}),
      });
    }

    if (stop === 'refusal') {
      const said = textOf(response).trim();
      return outcome('failed', `the model refused the task${said ? `: ${said.slice(0, 300)}` : ''}`);
    }
    if (stop === 'end_turn' || stop === 'stop_sequence') {
      finished = true;
      break;
    }
    if (stop === 'pause_turn') {
      // A paused turn is resumed with a short user turn: ending on the assistant turn would be a prefill,
      // which current models reject.
      messages.push({ role: 'user', content: [...results, { type: 'text', text: 'Continue.' }] });
      continue;
    }
    if (stop === 'max_tokens') {
      warn(`turn ${turn} hit the max_tokens limit (${input.maxTokens}); asked the model to continue`);
      const reply: UserBlock[] = [...results, { type: 'text', text: CONTINUE_AFTER_MAX_TOKENS }];
      messages.push({ role: 'user', content: reply });
      continue;
    }
    if (stop === 'tool_use' || results.length > 0) {
      if (results.length > 0) messages.push({ role: 'user', content: results });
      else {
        finished = true;
        break;
      }
      continue;
    }
    warn(`turn ${turn} ended with an unexpected stop reason "${stop}"; treated as the end of the task`);
    finished = true;
    break;
  }
  if (!finished) warn(`stopped after ${maxTurns} turns (max-turns) before the model finished`);

  if (!state.wroteViaTools) {
    const outcomeOfFallback = await writeFencedFallback(input, state, warn, noteWrite);
    if (outcomeOfFallback === 'cancelled') return cancelled();
  }

  if (state.files.length > 0) return outcome('success');
  const done = extractDoneItems(state.texts.map((t) => t.text).join('\n'));
  if (done.length > 0 && task.covers.every((id) => done.includes(id))) {
    warn(`no files written; items marked done: ${done.join(', ')}`);
    return outcome('success');
  }
  // A task whose every write was refused says why, so the report shows the path and the rule.
  if (refusedWrites.length > 0) {
    const first = refusedWrites[0]!.slice(0, 400);
    const more = refusedWrites.length > 1 ? ` (and ${refusedWrites.length - 1} more refused write(s))` : '';
    return outcome('failed', `no code produced: ${first}${more}`);
  }
  return outcome('failed', 'no code produced');
}

async function writeFencedFallback(
  input: AgentTaskInput,
  state: LoopState,
  warn: (message: string) => void,
  noteWrite: (record: WriteRecord) => void,
): Promise<'done' | 'cancelled'> {
  const latest = new Map<string, string>();
  for (const segment of fallbackSegments(state.texts)) {
    const { files, unnamed } = extractFileBlocks(segment);
    // A file stated twice is written once, with its last version.
    for (const file of files) {
      latest.delete(file.path);
      latest.set(file.path, file.content);
    }
    for (const block of unnamed) {
      const what = block.lang ? `${block.lang} code block` : 'code block';
      if (block.reason === 'unclosed') {
        warn(
          `incomplete ${what}${block.path ? ` for ${block.path}` : ''} (line ${block.line}) not written: the reply ended before the block was closed`,
        );
      } else {
        warn(`${what} without a file path (line ${block.line}) not written: "${block.preview}"`);
      }
    }
  }
  for (const [path, content] of latest) {
    if (input.signal?.aborted) return 'cancelled';
    try {
      const record = await input.workspace.write(input.task.id, input.task.agent, path, content);
      noteWrite(record);
    } catch (err) {
      // The workspace's message already names the path and the reason.
      if (err instanceof PathRejectedError) warn(`fenced block not written: ${err.message}`);
      else warn(`fenced block for ${path} not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return 'done';
}
