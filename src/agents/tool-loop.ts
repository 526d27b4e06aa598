// One agent task as a conversation: the model calls tools until it ends its turn with a DONE line. Assistant
// turns are sent back byte-for-byte (thinking blocks carry signatures the API verifies), the conversation is
// cached turn by turn, and the outcome is honest: success only when the model says DONE naming its items.
import { DEFAULT_MAX_CHECKS_PER_TASK } from '../core/checks.js';
import {
  addUsage,
  ModelError,
  type ModelMessage,
  type ModelResponse,
  type ToolDefinition,
  type ToolResultBlock,
  type ToolUseBlock,
  type UserBlock,
  ZERO_USAGE,
} from '../core/model-port.js';
import type { WriteRecord } from '../core/results.js';
import { type CheckBudget, describeCheck } from './check-tool.js';
import { renderTaskLimits } from './context.js';
import { doneLine } from './extract.js';
import { fallbackSegments, type TurnText, writeFencedFallback } from './fenced-fallback.js';
import { StuckDetector } from './stuck.js';
import { executeTool, toolDefinitionsFor } from './tools.js';
import type { AgentOutcome, AgentTaskInput } from './types.js';
import { ViewLedger } from './view-ledger.js';

export const CONTINUE_AFTER_MAX_TOKENS =
  'Your reply was cut off by the output token limit. Continue exactly where it stopped, without repeating what ' +
  'you already wrote. Prefer several small str_replace edits over one large write.';

const CUT_TOOL_CALL =
  'This tool call was cut off by the output token limit before it was complete, so it was not executed. ' +
  'Send it again in smaller pieces (several str_replace edits, or smaller files).';

/** Times the loop hands a failing check back to the model before it accepts DONE anyway. */
export const MAX_CHECK_HANDBACKS = 2;

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

type TurnEnd =
  | { kind: 'continue'; reply: UserBlock[] }
  | { kind: 'finished' }
  | { kind: 'stop'; outcome: AgentOutcome };

class TaskRun {
  private readonly ledger = new ViewLedger();
  private readonly stuck = new StuckDetector();
  private readonly checkBudget: CheckBudget;
  private readonly tools: ToolDefinition[];
  private readonly messages: ModelMessage[];
  private turns = 0;
  private calls = 0;
  private usage = { ...ZERO_USAGE };
  private files: string[] = [];
  private wroteViaTools = false;
  private readonly warnings: string[] = [];
  private readonly texts: TurnText[] = [];
  /** Tool results of write/delete calls the workspace refused, in order. */
  private readonly refusedWrites: string[] = [];
  private handbacks = 0;

  constructor(private readonly input: AgentTaskInput) {
    this.checkBudget = { used: 0, max: input.maxChecks ?? DEFAULT_MAX_CHECKS_PER_TASK };
    this.tools = toolDefinitionsFor({ model: input.modelName, checks: input.checks });
    const limits = renderTaskLimits({
      maxTurns: this.maxTurns,
      checks: (input.checks?.names ?? []).map((name) => ({
        name,
        command: input.checks?.commandOf(name) ?? '',
      })),
      maxChecks: this.checkBudget.max,
      beforeDone: input.checks?.beforeDone,
      testsRunAfter: input.testsRunAfter,
      covers: input.task.covers,
    });
    this.messages = [{ role: 'user', content: `${input.prompt.user.trimEnd()}\n${limits}\n` }];
  }

  get maxTurns(): number {
    return Math.max(1, Math.floor(this.input.maxTurns));
  }

  warn(message: string): void {
    this.warnings.push(message);
    this.input.onEvent?.({ type: 'warning', message, taskId: this.input.task.id });
  }

  noteWrite(record: WriteRecord): void {
    if (record.action === 'deleted') this.files = this.files.filter((f) => f !== record.path);
    else if (!this.files.includes(record.path)) this.files.push(record.path);
    this.input.onEvent?.({ type: 'file', record });
  }

  outcome(status: AgentOutcome['status'], reason?: string): AgentOutcome {
    const conflicts = this.ledger.conflicts.map((c) => ({
      path: c.path,
      ...(c.changedBy ? { changedBy: c.changedBy } : {}),
    }));
    const lastReply = status === 'failed' ? lastReplyOf(this.texts) : undefined;
    return {
      status,
      ...(reason !== undefined ? { reason } : {}),
      turns: this.turns,
      calls: this.calls,
      usage: this.usage,
      files: [...this.files],
      warnings: [...this.warnings],
      ...(conflicts.length > 0 ? { conflicts } : {}),
      ...(lastReply ? { lastReply } : {}),
    };
  }

  cancelled(): AgentOutcome {
    return this.outcome(
      'cancelled',
      `cancelled after ${this.turns} turn(s); ${this.files.length} file(s) written were kept`,
    );
  }

  async execute(): Promise<AgentOutcome> {
    const { signal } = this.input;
    let finished = false;
    for (let turn = 1; turn <= this.maxTurns; turn++) {
      if (signal?.aborted) return this.cancelled();
      this.turns = turn;
      const response = await this.callModel(turn);
      if ('status' in response) return response;
      if (signal?.aborted) return this.cancelled();
      const end = await this.handleTurn(turn, response);
      if (end.kind === 'stop') return end.outcome;
      if (end.kind === 'finished') {
        finished = true;
        break;
      }
      this.messages.push({ role: 'user', content: end.reply });
    }
    return this.conclude(finished);
  }

  private async callModel(turn: number): Promise<ModelResponse | AgentOutcome> {
    const { input } = this;
    try {
      const response = await input.model.complete(
        {
          model: input.modelName,
          maxTokens: input.maxTokens,
          system: input.prompt.system,
          messages: [...this.messages],
          tools: this.tools,
          cacheConversation: true,
          meta: { taskId: input.task.id, turn },
          ...(input.signal ? { signal: input.signal } : {}),
        },
        (event) => {
          if (event.type === 'text')
            input.onEvent?.({ type: 'text', taskId: input.task.id, text: event.text });
        },
      );
      this.calls += Math.max(1, response.attempts);
      this.usage = addUsage(this.usage, response.usage);
      input.onUsage?.(response.usage);
      return response;
    } catch (err) {
      this.calls += 1;
      if (isAbort(err, input.signal)) return this.cancelled();
      if (err instanceof ModelError) return this.outcome('failed', `${err.message} ${err.hint}`.trim());
      return this.outcome('failed', `model call failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Runs the turn's tool calls and decides what comes next. */
  private async handleTurn(turn: number, response: ModelResponse): Promise<TurnEnd> {
    const stop = response.stopReason;
    this.texts.push({ text: textOf(response), cutOff: stop === 'max_tokens' });
    // The API rejects empty assistant turns; an empty reply adds nothing worth echoing.
    if (response.content.length > 0) this.messages.push({ role: 'assistant', content: response.content });
    const { results, stuck } = await this.runTools(response, stop);
    if (stuck) return { kind: 'stop', outcome: this.outcome('failed', this.keptNote(stuck)) };
    const cutTooOften = this.stuck.stop(stop, this.input.maxTokens);
    if (cutTooOften) return { kind: 'stop', outcome: this.outcome('failed', this.keptNote(cutTooOften)) };

    if (stop === 'refusal') {
      const said = textOf(response).trim();
      return {
        kind: 'stop',
        outcome: this.outcome('failed', `the model refused the task${said ? `: ${said.slice(0, 300)}` : ''}`),
      };
    }
    if (stop === 'end_turn' || stop === 'stop_sequence') return this.beforeAcceptingDone(results);
    // A paused turn is resumed with a short user turn: ending on the assistant turn would be a prefill.
    if (stop === 'pause_turn')
      return { kind: 'continue', reply: [...results, { type: 'text', text: 'Continue.' }] };
    if (stop === 'max_tokens') {
      this.warn(
        `turn ${turn} hit the max_tokens limit (${this.input.maxTokens}); asked the model to continue`,
      );
      return { kind: 'continue', reply: [...results, { type: 'text', text: CONTINUE_AFTER_MAX_TOKENS }] };
    }
    if (results.length > 0) return { kind: 'continue', reply: results };
    if (stop !== 'tool_use')
      this.warn(
        `turn ${turn} ended with an unexpected stop reason "${stop}"; treated as the end of the task`,
      );
    return { kind: 'finished' };
  }

  private async runTools(
    response: ModelResponse,
    stop: string,
  ): Promise<{ results: ToolResultBlock[]; stuck?: string }> {
    const { input } = this;
    const toolUses = response.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    if (toolUses.length === 0) this.stuck.noCalls();
    const results: ToolResultBlock[] = [];
    for (const [index, call] of toolUses.entries()) {
      // The last call of a reply cut by max_tokens may hold a truncated file: never execute it.
      if (stop === 'max_tokens' && index === toolUses.length - 1) {
        results.push({ type: 'tool_result', tool_use_id: call.id, content: CUT_TOOL_CALL, is_error: true });
        continue;
      }
      const stuck = this.stuck.call(call.name, call.input);
      if (stuck) return { results, stuck };
      const result = await executeTool(call, {
        workspace: input.workspace,
        taskId: input.task.id,
        role: input.task.agent,
        ledger: this.ledger,
        checks: input.checks,
        checkBudget: this.checkBudget,
        signal: input.signal,
      });
      if (result.record) {
        this.noteWrite(result.record);
        if (result.record.action !== 'deleted') this.wroteViaTools = true;
      }
      if (
        result.isError &&
        /^(write_file|delete_file|str_replace_based_edit_tool) failed: Refused path/.test(result.content)
      )
        this.refusedWrites.push(result.content);
      results.push({
        type: 'tool_result',
        tool_use_id: call.id,
        content: result.content,
        ...(result.isError ? { is_error: true } : {}),
      });
    }
    return { results };
  }

  /**
   * The model ended its turn. When it wrote files, the cheapest configured check runs first; a failure goes
   * back to the model (at most MAX_CHECK_HANDBACKS times) instead of being accepted.
   */
  private async beforeAcceptingDone(results: ToolResultBlock[]): Promise<TurnEnd> {
    const checks = this.input.checks;
    const cheapest = checks?.beforeDone;
    if (!checks || cheapest === undefined || this.files.length === 0 || this.turns >= this.maxTurns) {
      return { kind: 'finished' };
    }
    const result = await checks.run(cheapest, this.input.signal);
    if (result.exitCode === 0 && !result.timedOut) return { kind: 'finished' };
    const report = describeCheck(cheapest, checks.commandOf(cheapest) ?? '', result);
    if (this.handbacks >= MAX_CHECK_HANDBACKS) {
      this.warn(
        `check "${cheapest}" still fails after ${MAX_CHECK_HANDBACKS} hand-backs; the tests after the tasks will show it`,
      );
      return { kind: 'finished' };
    }
    this.handbacks++;
    const text =
      `Before accepting your DONE, the loop ran the check \`${cheapest}\`, and it failed.\n${report}\n` +
      'Find the cause, fix it with small edits, and end again with your DONE line.';
    return { kind: 'continue', reply: [...results, { type: 'text', text }] };
  }

  private keptNote(reason: string): string {
    return this.files.length > 0 ? `${reason}; ${this.files.length} file(s) written were kept` : reason;
  }

  /** The honest outcome once the conversation is over. */
  private async conclude(finished: boolean): Promise<AgentOutcome> {
    const { task } = this.input;
    if (!this.wroteViaTools) {
      const fallback = await writeFencedFallback(
        this.input,
        this.texts,
        (m) => this.warn(m),
        (r) => this.noteWrite(r),
      );
      if (fallback === 'cancelled') return this.cancelled();
    }
    for (const c of this.ledger.conflicts) {
      this.warn(
        `edit conflict on ${c.path}: it changed after this task viewed it${c.changedBy ? ` (written by ${c.changedBy})` : ''}; the edit was refused, not applied over the change`,
      );
    }
    if (!finished) {
      return this.outcome(
        'failed',
        this.keptNote(`ran out of turns (max-turns ${this.maxTurns}) before the agent said DONE`),
      );
    }
    const done = this.latestDone();
    const missing = task.covers.filter((id) => !done?.includes(id));
    if (this.files.length === 0) {
      // Nothing written is a success only when the agent says every item is already in place, and not when its
      // writes were refused: a DONE after a refused write is not credible.
      if (done === null || done.length === 0 || missing.length > 0 || this.refusedWrites.length > 0)
        return this.noCode();
      this.warn(`no files written; items marked done: ${done.join(', ')}`);
      return this.outcome('success');
    }
    if (done === null) {
      return this.outcome(
        'failed',
        this.keptNote('the agent ended without a DONE line, so the task is not known to be complete'),
      );
    }
    if (missing.length > 0) {
      return this.outcome('failed', this.keptNote(`the DONE line does not name ${missing.join(', ')}`));
    }
    return this.outcome('success');
  }

  /** Item ids of the last DONE line the model wrote, or null when it never wrote one. */
  private latestDone(): string[] | null {
    // A reply cut by max_tokens is read with its continuation, so a DONE after a finished block is seen.
    // A continuation is also read on its own, in case the cut block never closed.
    const segments = [...this.texts.map((t) => t.text), ...fallbackSegments(this.texts)];
    for (let i = segments.length - 1; i >= 0; i--) {
      const ids = doneLine(segments[i]!);
      if (ids !== null) return ids;
    }
    return null;
  }

  private noCode(): AgentOutcome {
    // A task whose every write was refused says why, so the report shows the path and the rule.
    if (this.refusedWrites.length > 0) {
      const first = this.refusedWrites[0]!.slice(0, 400);
      const more =
        this.refusedWrites.length > 1 ? ` (and ${this.refusedWrites.length - 1} more refused write(s))` : '';
      return this.outcome('failed', `no code produced: ${first}${more}`);
    }
    return this.outcome('failed', 'no code produced');
  }
}

export async function runAgentTask(input: AgentTaskInput): Promise<AgentOutcome> {
  return new TaskRun(input).execute();
}
