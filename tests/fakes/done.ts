// What a well-behaved fake agent ends with: the DONE line its task message asks for. The tool loop counts a
// task as done only when the model names every item it covers, so scripted agents must say it too.

function firstUserText(body: { messages?: { role: string; content: unknown }[] }): string {
  const content = body.messages?.[0]?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content
      .map((b: { type?: string; text?: string }) => (b.type === 'text' ? (b.text ?? '') : ''))
      .join('\n');
  return '';
}

/** `DONE: FR-1, AT-2` for the ids the request's task covers, or `DONE:` for a task that covers none. */
// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
export function doneLineFor(body: any): string {
  const ids = /The DONE line of your summary lists these ids: ([^\n]*?)\.?\n/.exec(firstUserText(body))?.[1];
  return ids ? `DONE: ${ids}` : 'DONE:';
}
