// Collects benchmark rows and prints them as one Markdown table (also written to bench/results.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Row {
  area: string;
  measure: string;
  value: string;
  target?: string;
}

const rows: Row[] = [];

export function record(row: Row): void {
  rows.push(row);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function printTable(): string {
  const lines = [
    '| area | measure | value | target |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target ?? ''} |`),
  ];
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  writeFileSync(join(import.meta.dirname, 'results.md'), `${text}\n`);
  return text;
}
