// The model port: the one interface through which the engine talks to a language model.
// The Anthropic adapter implements it over HTTP; record/replay implement it over files.

export interface TextBlock {
  type: 'text';
  text: string;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}
export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}
export type AssistantBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock;
export type UserBlock = TextBlock | ToolResultBlock;

export type ModelMessage =
  | { role: 'user'; content: string | UserBlock[] }
  | { role: 'assistant'; content: AssistantBlock[] };

/** A tool we describe ourselves: the model sees its name, description and JSON schema. */
export interface CustomToolDefinition {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[] };
}

/**
 * Anthropic's own text editor tool (Claude 4 models): the schema is built into the model, so only its type and
 * name are sent; `max_characters` caps what a `view` shows.
 */
export interface TextEditorToolDefinition {
  type: 'text_editor_20250728';
  name: 'str_replace_based_edit_tool';
  max_characters?: number;
}

export type ToolDefinition = CustomToolDefinition | TextEditorToolDefinition;

/** A piece of the system prompt; `cache: true` puts a cache breakpoint after it. */
export interface SystemPart {
  text: string;
  cache: boolean;
}

export interface ModelRequest {
  model: string;
  maxTokens: number;
  system: SystemPart[];
  messages: ModelMessage[];
  tools?: ToolDefinition[];
  /**
   * Put a cache breakpoint on the last block of the last message, so the next turn of the same conversation
   * reads everything up to here from the prompt cache instead of paying full price for it again.
   */
  cacheConversation?: boolean;
  /** Who is asking: used by logs, record/replay and the fakes. */
  meta: { taskId: string; turn: number };
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export const ZERO_USAGE: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
};

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  };
}

export type StopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | 'refusal' | 'pause_turn';

export interface ModelResponse {
  id: string;
  model: string;
  content: AssistantBlock[];
  stopReason: StopReason | string;
  usage: Usage;
  /** Attempts the call took (1 when it went through first time). */
  attempts: number;
}

/** Streaming progress of one call: text as it arrives, for logs. */
export type StreamListener = (
  event: { type: 'text'; text: string } | { type: 'retry'; attempt: number; reason: string },
) => void;

export interface ModelPort {
  complete(request: ModelRequest, onStream?: StreamListener): Promise<ModelResponse>;
}

export type ModelErrorKind =
  | 'authentication' // 401
  | 'permission' // 403
  | 'not_found' // 404 (unknown model)
  | 'invalid_request' // 400
  | 'billing' // credit balance / spend limit
  | 'rate_limit' // 429 after retries
  | 'overloaded' // 529 after retries
  | 'server' // 5xx after retries
  | 'timeout'
  | 'connection'
  | 'stream' // stream cut / malformed after retries
  | 'aborted'; // cancelled by us (budget abort)

/** A model call that failed for good. `hint` says what the user can do about it. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly kind: ModelErrorKind,
    readonly hint: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
