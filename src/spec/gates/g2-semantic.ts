// G2 Semantic: no vague words in prose, FRs carry validation criteria, acceptance criteria are Given/When/Then,
// success metrics are measurable, and security is covered from maturity 3.
import type { Nodes, Parents } from 'mdast';
import { buildSpec, FAST_READERS } from '../build-spec.js';
import { recallTree, reparseFully, type SpecTree } from '../tree.js';
import type { Spec } from '../types.js';
import { anchorLine, type GateCheck, GateRun } from './gate.js';

// Bracketed placeholders come first so "[TBD]" is one finding, not also "TBD".
export const VAGUE =
  /\[FILL IN\]|\[TBD\]|\bas\s+soon\s+as\s+possible\b|\bnice\s+to\s+have\b|\b(?:TBD|TODO|FIXME|should|might|probably|maybe|could|ASAP|fast|quickly|better|good)\b/gi;

/** Every VAGUE alternative holds one of these as a whole word (between non-word characters), in any case; a text
 *  with none of them cannot match, and in a one-spec process VAGUE (a large case-insensitive regex, about half a
 *  millisecond to compile) is then never compiled. Whole words, so that "pre-fills" or "breakfast" do not count. */
const VAGUE_WORDS = [
  'fill',
  'tbd',
  'soon',
  'nice',
  'todo',
  'fixme',
  'should',
  'might',
  'probably',
  'maybe',
  'could',
  'asap',
  'fast',
  'quickly',
  'better',
  'good',
];

export function mayBeVague(text: string): boolean {
  const lower = text.toLowerCase();
  // Lowercasing never shortens a text; when it kept the length, every character stayed in its place and the word
  // boundaries are read in the original text, where VAGUE reads them. Otherwise any occurrence counts.
  const aligned = lower.length === text.length;
  // An indexed loop: for…of in code that runs once, uninlined, makes an iterator result per step (about 70 KB
  // of garbage per one-spec validate here, with mayBeVague asked about every text node).
  for (let w = 0; w < VAGUE_WORDS.length; w++) {
    const word = VAGUE_WORDS[w]!;
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      if (!aligned) return true;
      if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + word.length))) return true;
    }
  }
  return false;
}

/** A character of `\w` as a regex without the `u` flag has it; NaN (before or after the text) is none. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function vagueHint(term: string): string {
  const t = term.toLowerCase().replace(/\s+/g, ' ');
  if (['tbd', 'todo', 'fixme', '[fill in]', '[tbd]'].includes(t)) {
    return 'Replace the placeholder with the decision itself, or move the open point to Risks & Open Questions.';
  }
  if (['should', 'might', 'probably', 'maybe', 'could'].includes(t)) {
    return 'State it as a requirement ("must", "will") with a checkable outcome, or remove it.';
  }
  if (['asap', 'as soon as possible', 'fast', 'quickly'].includes(t)) {
    return 'Give a number with a unit instead, e.g. "within 300 ms" or "within 2 days".';
  }
  if (t === 'nice to have')
    return 'Decide: make it a requirement with a criterion, or leave it out of this spec.';
  return 'Say how it is measured, e.g. "error rate below 1%" or "p95 latency under 200 ms".';
}

function treeOf(spec: Spec): SpecTree | undefined {
  // A copy of a parsed spec (or one built by hand) has no remembered tree: read its source again.
  return (
    recallTree(spec) ?? recallTree(buildSpec(FAST_READERS, spec.path, spec.source) ?? reparseFully(spec))
  );
}

const SKIPPED = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);

/** Every occurrence of a vague term in prose text nodes, with its position in the file. */
export function vagueTerms(spec: Spec): Array<{ term: string; line: number; column: number }> {
  const tree = treeOf(spec);
  if (tree === undefined) return [];
  const found: Array<{ term: string; line: number; column: number }> = [];
  const stack: Nodes[] = [tree.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (SKIPPED.has(node.type)) continue;
    if (node.type === 'text') {
      const start = node.position?.start;
      const end = node.position?.end;
      if (start?.offset === undefined || end?.offset === undefined) continue;
      // Searching the source slice (not the unescaped value) keeps columns exact on continuation lines.
      const slice = tree.body.slice(start.offset, end.offset);
      if (!mayBeVague(slice)) continue;
      // Lines are counted from the previous match on, so a long multi-line paragraph stays linear.
      let line = start.line;
      let lineStart = -1; // index in the slice where the current line starts; -1 for the node's first line
      let scanned = 0;
      VAGUE.lastIndex = 0;
      for (let m = VAGUE.exec(slice); m !== null; m = VAGUE.exec(slice)) {
        for (
          let nl = slice.indexOf('\n', scanned);
          nl !== -1 && nl < m.index;
          nl = slice.indexOf('\n', nl + 1)
        ) {
          line++;
          lineStart = nl + 1;
        }
        scanned = m.index;
        const column = lineStart === -1 ? start.column + m.index : m.index - lineStart + 1;
        found.push({ term: m[0], line, column });
      }
      continue;
    }
    if (node.type === 'link') {
      // A bare URL (autolink) is an address, not prose.
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (
        only?.type === 'text' &&
        node.url
          .replace(/^(mailto:|https?:\/\/)/, '')
          .endsWith(only.value.replace(/^(mailto:|https?:\/\/)/, ''))
      ) {
        continue;
      }
    }
    if ('children' in node) {
      const children = (node as Parents).children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return found;
}

const PERCENT = /\d+(?:[.,]\d+)?\s*%/;
const TIMED =
  /\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)\b/i;

export const SECURITY_ASPECTS: Array<{ name: string; covered: (text: string) => boolean }> = [
  { name: 'authentication', covered: (t) => /\b(authentication|authn)\b/.test(t) },
  {
    name: 'authorization',
    covered: (t) =>
      /\b(authorization|authz|access control)\b/.test(t) ||
      (/\broles?\b/.test(t) && /\bpermissions?\b/.test(t)),
  },
  { name: 'encryption', covered: (t) => /\b(encryption|tls|ssl|https)\b/.test(t) },
  { name: 'data handling', covered: (t) => /\b(data handling|pii|retention|deletion)\b/.test(t) },
  { name: 'audit/logging', covered: (t) => /\b(audit|logging|logs)\b/.test(t) },
];

/** The text G2 reads for security: the Security section, Level 3 and Level 4, and any "Security…" subsection. */
function securityText(spec: Spec): string {
  const parts: string[] = [];
  for (const key of ['security', 'level_3', 'level_4']) {
    const s = spec.sections[key];
    if (s) parts.push(s.title, s.text);
  }
  for (const s of spec.subsections) {
    if (
      s.key.startsWith('security') &&
      s.parent !== 'level_3' &&
      s.parent !== 'level_4' &&
      s.parent !== 'security'
    ) {
      parts.push(s.title, s.text);
    }
  }
  return parts.join('\n').toLowerCase();
}

export function checkSemantic(spec: Spec): GateCheck {
  const run = new GateRun('G2');

  const vague = vagueTerms(spec);
  run.check(vague.length === 0);
  for (const v of vague) {
    run.add('vague-term', 'error', `Vague term "${v.term}" in the spec text.`, v, vagueHint(v.term));
  }

  for (const fr of spec.functionalRequirements) {
    if (!run.check(fr.validationCriteria.length > 0)) {
      run.add(
        'fr-without-validation',
        'error',
        `${fr.id} "${fr.title}" has no validation criteria.`,
        fr,
        `Under ${fr.id}, add a "Validation Criteria:" line followed by list items that say how to check it.`,
      );
    }
  }

  for (const ac of spec.acceptanceCriteria) {
    const missing = [ac.given ? null : 'Given', ac.when ? null : 'When', ac.then ? null : 'Then'].filter(
      (x): x is string => x !== null,
    );
    if (!run.check(missing.length === 0)) {
      run.add(
        'ac-missing-gwt',
        'error',
        `Acceptance criterion ${ac.id} lacks ${missing.join(', ')}.`,
        ac,
        'Write it as "Given <context>, When <action>, Then <observable result>".',
      );
    }
  }

  if (spec.successMetrics.length > 0) {
    const all = spec.successMetrics.map((m) => m.text).join('\n');
    const measurable = /success metric/i.test(all) || PERCENT.test(all) || TIMED.test(all);
    if (!run.check(measurable)) {
      run.add(
        'success-metrics-unmeasurable',
        'error',
        'No success metric is quantified (no percentage and no number with a time unit).',
        spec.successMetrics[0]!,
        'Give each metric a target, e.g. "95% of searches return within 300 ms".',
      );
    }
    for (const m of spec.successMetrics) {
      if (measurable && !/\d/.test(m.text)) {
        run.add(
          'success-metric-without-number',
          'warning',
          `Success metric ${m.id} has no number.`,
          m,
          'Add a target value, e.g. a percentage, a count or a duration.',
        );
      }
    }
  }

  const maturity = spec.metadata.maturity;
  if (maturity !== null && maturity >= 3) {
    const text = securityText(spec);
    const at = spec.sections.security ?? spec.sections.level_3 ?? anchorLine(spec);
    if (spec.metadata.complexity === 'EASY') {
      const covered =
        /\bsecurity\b/.test(text) || (spec.sections.security !== undefined && !spec.sections.security.empty);
      if (!run.check(covered)) {
        run.add(
          'security-missing',
          'error',
          'Security is not addressed (maturity 3 or more requires it).',
          at,
          spec.layout === 'maturity'
            ? 'Add a "### Security Considerations" subsection to Level 3.'
            : 'Add a "# Security" section saying how the feature stays secure.',
        );
      }
    } else {
      const missing = SECURITY_ASPECTS.filter((a) => !a.covered(text)).map((a) => a.name);
      if (!run.check(missing.length === 0)) {
        run.add(
          'security-incomplete',
          'error',
          `Security does not cover: ${missing.join(', ')}.`,
          at,
          `Add a line for each in the ${spec.layout === 'maturity' ? 'Level 3 Security Considerations' : 'Security section'}, e.g. "- ${missing[0]![0]!.toUpperCase()}${missing[0]!.slice(1)}: …".`,
        );
      }
    }
  }
  return run.result();
}
