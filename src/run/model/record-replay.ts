// Record/replay of model exchanges as JSONL, one file per task: record a real run once, replay it offline
// (tests, demos, debugging the engine without paying for tokens).
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ModelError,
  type ModelMessage,
  type ModelPort,
  type ModelRequest,
  type ModelResponse,
  type StreamListener,
  type SystemPart,
  type ToolDefinition,
} from '../../core/model-port.js';

export interface RecordedRequest {
  model: string;
  system: SystemPart[];
  messages: ModelMessage[];
  tools?: ToolDefinition[];
}

/** One line of `<dir>/<taskId>.jsonl`. */
export interface RecordedExchange {
  taskId: string;
  turn: number;
  request: RecordedRequest;
  response: ModelResponse;
  promptHash: string;
}

/** File of a task's exchanges; task ids are reduced to safe file-name characters. */
export function exchangeFile(dir: string, taskId: string): string {
  return join(dir, `${taskId.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`);
}

function recordedRequest(request: ModelRequest): RecordedRequest {
  const out: RecordedRequest = { model: request.model, system: request.system, messages: request.messages };
  if (request.tools) out.tools = request.tools;
  return out;
}

/** sha256 of what the model sees: model, system, messages, tools. */
export function promptHash(request: ModelRequest | RecordedRequest): string {
  const { model, system, messages } = request;
  return createHash('sha256')
    .update(JSON.stringify({ model, system, messages, tools: request.tools ?? [] }))
    .digest('hex');
}

/** Wraps a model so every successful exchange is appended to `<dir>/<taskId>.jsonl`. */
export function recordingModel(inner: ModelPort, dir: string): ModelPort {
  // Appends to one file are chained so concurrent calls of a task never interleave lines.
  const writes = new Map<string, Promise<void>>();
  let madeDir: Promise<string | undefined> | undefined;

  return {
    async complete(request: ModelRequest, onStream?: StreamListener): Promise<ModelResponse> {
      const response = await inner.complete(request, onStream);
      const exchange: RecordedExchange = {
        taskId: request.meta.taskId,
        turn: request.meta.turn,
        request: recordedRequest(request),
        response,
        promptHash: promptHash(request),
      };
      const file = exchangeFile(dir, request.meta.taskId);
      madeDir ??= mkdir(dir, { recursive: true });
      const previous = writes.get(file) ?? Promise.resolve();
      const next = previous.then(async () => {
        await madeDir;
        await appendFile(file, `${JSON.stringify(exchange)}\n`, 'utf8');
      });
      writes.set(
        file,
        next.catch(() => undefined),
      );
      await next;
      return response;
    },
  };
}

export interface ReplayOptions {
  /** Told when a request differs from the recorded one (the recorded response is still used). */
  onWarning?: (message: string) => void;
}

/**
 * Plays recorded exchanges back, matched by task id and turn. When a task and turn were recorded more than once
 * (a task retried while recording), successive calls get the recordings in order, then the last one again.
 */
export function replayModel(dir: string, opts: ReplayOptions = {}): ModelPort {
  const tasks = new Map<string, Promise<Map<number, RecordedExchange[]>>>();
  const used = new Map<string, number>();

  const load = (taskId: string) => {
    let loaded = tasks.get(taskId);
    if (!loaded) {
      loaded = loadTask(dir, taskId);
      tasks.set(taskId, loaded);
    }
    return loaded;
  };

  return {
    async complete(request: ModelRequest, onStream?: StreamListener): Promise<ModelResponse> {
      const { taskId, turn } = request.meta;
      if (request.signal?.aborted) {
        throw new ModelError(
          'Model call was aborted.',
          'aborted',
          'The call was cancelled; nothing to fix here.',
        );
      }
      const file = exchangeFile(dir, taskId);
      const turns = await load(taskId);
      const recorded = turns.get(turn);
      if (!recorded || recorded.length === 0) {
        const known = [...turns.keys()].sort((a, b) => a - b);
        const have = known.length > 0 ? `recorded turns: ${known.join(', ')}` : 'no recorded turns';
        throw new ModelError(
          `No recorded exchange for task "${taskId}" turn ${turn} in ${dir} (${file}: ${have}).`,
          'invalid_request',
          `Record the run again into ${dir} (the spec, plan or prompts changed since it was recorded), or point replay at the right directory.`,
        );
      }
      const key = `${taskId}\u0000${turn}`;
      const index = used.get(key) ?? 0;
      used.set(key, index + 1);
      const exchange = recorded[Math.min(index, recorded.length - 1)]!;

      if (exchange.promptHash !== promptHash(request)) {
        opts.onWarning?.(
          `Replay: the prompt of task "${taskId}" turn ${turn} differs from the one recorded in ${file}; using the recorded response anyway.`,
        );
      }
      for (const block of exchange.response.content) {
        if (block.type === 'text') onStream?.({ type: 'text', text: block.text });
      }
      return structuredClone(exchange.response);
    },
  };
}

async function loadTask(dir: string, taskId: string): Promise<Map<number, RecordedExchange[]>> {
  const file = exchangeFile(dir, taskId);
  const turns = new Map<number, RecordedExchange[]>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return turns;
    throw new ModelError(
      `Cannot read recorded exchanges ${file}: ${(err as Error).message}`,
      'invalid_request',
      `Check that ${dir} is readable.`,
    );
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let exchange: RecordedExchange;
    try {
      exchange = JSON.parse(line) as RecordedExchange;
    } catch (err) {
      throw new ModelError(
        `${file}:${i + 1}: not a JSON line (${(err as Error).message}).`,
        'invalid_request',
        `Delete or fix the damaged line, or record the run again into ${dir}.`,
      );
    }
    if (
      typeof exchange?.turn !== 'number' ||
      typeof exchange.promptHash !== 'string' ||
      !Array.isArray(exchange.response?.content)
    ) {
      throw new ModelError(
        `${file}:${i + 1}: not a recorded exchange (needs turn, promptHash and response.content).`,
        'invalid_request',
        `Delete or fix the damaged line, or record the run again into ${dir}.`,
      );
    }
    const list = turns.get(exchange.turn) ?? [];
    list.push(exchange);
    turns.set(exchange.turn, list);
  });
  return turns;
}
