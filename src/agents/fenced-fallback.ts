// A model that answers with Markdown code blocks instead of tool calls still gets its files written: each
// block tagged with a path is written through the workspace, a block without a path never is.
import type { WriteRecord } from '../core/results.js';
import { PathRejectedError } from '../core/workspace.js';
import { extractFileBlocks } from './extract.js';
import type { AgentTaskInput } from './types.js';

/** The text of one assistant turn, and whether the model was cut off at its end. */
export interface TurnText {
  text: string;
  cutOff: boolean;
}

/**
 * Group turn texts so that a reply cut by max_tokens is read together with the continuation that finishes it.
 * A continuation that opens a fresh tagged code block is a restart, not a continuation, and is read on its own.
 */
export function fallbackSegments(texts: TurnText[]): string[] {
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

export async function writeFencedFallback(
  input: AgentTaskInput,
  texts: TurnText[],
  warn: (message: string) => void,
  noteWrite: (record: WriteRecord) => void,
): Promise<'done' | 'cancelled'> {
  const latest = new Map<string, string>();
  for (const segment of fallbackSegments(texts)) {
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
