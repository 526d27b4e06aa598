// Keeping rendered Markdown under a size limit without leaving it broken.
import { formatCount } from './format.js';

/** The fence opened and not closed by the end of `lines`, or null. */
function openFence(lines: readonly string[]): string | null {
  let open: string | null = null;
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!marker) continue;
    if (open === null) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = null;
  }
  return open;
}

/**
 * Last resort: cut at a line boundary (so no escape or entity is split), close a code fence left open,
 * and say where the complete content is (`pointer`, a sentence without the final period). The result is
 * never longer than `maxChars`.
 */
export function hardCap(text: string, maxChars: number, pointer: string): string {
  if (text.length <= maxChars) return text;
  const notice = `\n\n_Cut at ${formatCount(maxChars)} characters. ${pointer}._\n`;
  let kept = text.slice(0, Math.max(0, maxChars - notice.length));
  const lastBreak = kept.lastIndexOf('\n');
  if (lastBreak > 0) kept = kept.slice(0, lastBreak);
  // Drop lines until the closing fence fits too.
  let lines = kept.split('\n');
  let fence = openFence(lines);
  while (
    fence !== null &&
    lines.length > 0 &&
    lines.join('\n').length + fence.length + 1 + notice.length > maxChars
  ) {
    lines = lines.slice(0, -1);
    fence = openFence(lines);
  }
  kept = lines.join('\n') + (fence === null ? '' : `\n${fence}`);
  const out = kept + notice;
  return out.length <= maxChars ? out : text.slice(0, maxChars);
}
