// A Markdown code fence that the content cannot close: one backtick longer than the longest run inside it.
// Used wherever untrusted text goes into a fenced block (prompts, reports).
export function fenceFor(content: string): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
