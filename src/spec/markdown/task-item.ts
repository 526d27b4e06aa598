import type { ListItem } from 'mdast';

const TASK = /^\[([ xX])\][ \t]+(?=\S)/;

/** GFM task item: `[ ]` / `[x]` opening the item's first paragraph sets `checked` and leaves the text. */
export function applyTaskMarker(item: ListItem): void {
  const head = item.children[0];
  if (head?.type !== 'paragraph') return;
  const first = head.children[0];
  if (first?.type !== 'text') return;
  const m = TASK.exec(first.value);
  if (!m) return;
  item.checked = m[1] !== ' ';
  first.value = first.value.slice(m[0].length);
  const start = first.position?.start;
  if (start?.offset !== undefined) {
    const moved = {
      line: start.line,
      column: start.column + m[0].length,
      offset: start.offset + m[0].length,
    };
    first.position!.start = moved;
    head.position!.start = { ...moved };
  }
  if (first.value === '') head.children.shift();
}
