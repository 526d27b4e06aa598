// Front-matter fields → SpecMetadata: legacy names mapped to v3 names, defaults filled (each reported as an info
// finding), values validated. An invalid value becomes null and gets a G1 error, so downstream code never sees it.
import { z } from 'zod';
import type { Complexity, Finding, FrontMatterInfo, Owner, SpecMetadata } from './types.js';

const MAX_NAME_LENGTH = 200;

/** `text` on one line: runs of whitespace and control characters become one space; cut at `max` characters. */
export function singleLine(text: string, max: number): string {
  const flat = text.replace(/[\s\x00-\x1f\x7f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const LEGACY_NAMES: Record<string, string> = { maturity_level: 'maturity', title: 'name', author: 'owners' };
const COMPLEXITIES: readonly Complexity[] = ['EASY', 'MODERATE', 'HIGH'];

/** A git ref component, since the id becomes the branch `feat/spec-<id>`. */
export const specIdSchema = z
  .string()
  .min(1, 'is empty')
  .max(100, 'is longer than 100 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'may only contain letters, digits, `.`, `_` and `-`')
  .refine((s) => !/^[-.]/.test(s), 'must not start with `-` or `.`')
  .refine((s) => !s.includes('..'), 'must not contain `..`')
  .refine((s) => !s.endsWith('.') && !s.endsWith('.lock'), 'must not end with `.` or `.lock`');

const textSchema = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const maturitySchema = z.number().int().min(1).max(5);
const ownerSchema = z.union([
  z.string().transform((name) => ({ name })),
  z.object({ name: textSchema, email: z.string().optional() }),
]);

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface MetadataResult {
  metadata: SpecMetadata;
  findings: Finding[];
}

/**
 * @param data parsed YAML (null when there is none or it could not be read)
 * @param reportMissing false when the block itself failed (unclosed), to avoid a pile of derived errors
 */
export function buildMetadata(
  data: Record<string, unknown> | null,
  fm: FrontMatterInfo,
  reportMissing: boolean,
): MetadataResult {
  const findings: Finding[] = [];
  const raw: Record<string, unknown> = {};
  const rawKeyOf: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    const target = LEGACY_NAMES[key] ?? key;
    // The v3 name wins over its legacy twin when both are written.
    if (target in raw && target !== key) continue;
    raw[target] = value;
    rawKeyOf[target] = key;
  }
  const anchor = fm.line > 0 ? fm.line : 1;
  const at = (field: string) => fm.keys[rawKeyOf[field] ?? field] ?? { line: anchor, column: 1 };
  const error = (field: string, rule: string, message: string, hint: string) => {
    const p = at(field);
    findings.push({ gate: 'G1', rule, severity: 'error', message, line: p.line, column: p.column, hint });
  };
  const present = (field: string) => raw[field] !== undefined && raw[field] !== null && raw[field] !== '';
  const missing = (field: string, example: string) => {
    if (!reportMissing) return;
    error(
      field,
      'missing-field',
      `Required front-matter field \`${field}\` is missing.`,
      fm.form === 'none'
        ? `Start the file with a front matter block: \`---\`, \`${example}\`, the other fields, \`---\`.`
        : `Add \`${example}\` to the front matter.`,
    );
  };
  const defaulted = (field: string, value: string) => {
    findings.push({
      gate: 'G1',
      rule: 'default-filled',
      severity: 'info',
      message: `Front-matter field \`${field}\` is not written; using the default \`${value}\`.`,
      line: anchor,
      column: 1,
      hint: `Write \`${field}: ${value}\` in the front matter to make it explicit.`,
    });
  };
  const text = (field: string, example: string): string | null => {
    if (!present(field)) {
      missing(field, example);
      return null;
    }
    const parsed = textSchema.safeParse(raw[field]);
    if (!parsed.success || parsed.data === '') {
      error(field, 'invalid-field', `Front-matter field \`${field}\` must be text.`, `Write \`${example}\`.`);
      return null;
    }
    return parsed.data;
  };

  // The name becomes a commit subject and a PR title: one line, no control characters, a sane length.
  const written = text('name', 'name: Product price filter');
  const name = written === null ? null : singleLine(written, MAX_NAME_LENGTH);

  let specmas: string | null = null;
  if (present('specmas')) specmas = text('specmas', 'specmas: v3');
  else if (data !== null || reportMissing) {
    specmas = 'v3';
    defaulted('specmas', 'v3');
  }

  let kind: string | null = null;
  if (present('kind')) kind = text('kind', 'kind: FeatureSpec');
  else if (data !== null || reportMissing) {
    kind = 'FeatureSpec';
    defaulted('kind', 'FeatureSpec');
  }

  let id: string | null = null;
  if (present('id')) {
    const written = textSchema.safeParse(raw.id);
    const checked = specIdSchema.safeParse(written.success ? written.data : raw.id);
    if (checked.success) id = checked.data;
    else {
      const why = checked.error.issues.map((i) => i.message).join('; ');
      error(
        'id',
        'invalid-id',
        `Front-matter \`id\` ${JSON.stringify(String(raw.id))} cannot be used in the branch name: it ${why}.`,
        'Use letters, digits, `.`, `_` and `-` only (≤ 100 characters), e.g. `id: product-price-filter`.',
      );
    }
  } else if (name !== null && slugify(name) !== '') {
    id = ('feat-' + slugify(name)).slice(0, 100).replace(/-+$/, '');
    defaulted('id', id);
  } else {
    missing('id', 'id: product-price-filter');
  }

  let complexity: Complexity | null = null;
  if (!present('complexity')) missing('complexity', 'complexity: MODERATE');
  else {
    const upper = String(raw.complexity).trim().toUpperCase();
    if ((COMPLEXITIES as readonly string[]).includes(upper)) complexity = upper as Complexity;
    else
      error(
        'complexity',
        'invalid-complexity',
        `Front-matter \`complexity\` is ${JSON.stringify(String(raw.complexity))}; it must be EASY, MODERATE or HIGH.`,
        'Write `complexity: EASY`, `complexity: MODERATE` or `complexity: HIGH`.',
      );
  }

  let maturity: number | null = null;
  if (!present('maturity')) missing('maturity', 'maturity: 3');
  else {
    const value = raw.maturity;
    const numeric = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    const checked = maturitySchema.safeParse(numeric);
    const field = rawKeyOf.maturity ?? 'maturity';
    if (checked.success) {
      maturity = checked.data;
      if (typeof value === 'string') {
        const p = at('maturity');
        findings.push({
          gate: 'G1',
          rule: 'maturity-as-text',
          severity: 'warning',
          message: `Front-matter \`${field}\` is the text "${value}"; read as the number ${maturity}.`,
          line: p.line,
          column: p.column,
          hint: `Write it without quotes: \`${field}: ${maturity}\`.`,
        });
      }
    } else {
      error(
        'maturity',
        'invalid-maturity',
        `Front-matter \`${field}\` is ${JSON.stringify(value)}; it must be a whole number from 1 to 5.`,
        `Write a level from 1 (foundation) to 5 (complete), e.g. \`${field}: 3\`.`,
      );
    }
  }

  const owners: Owner[] = [];
  if (present('owners')) {
    const list = Array.isArray(raw.owners) ? raw.owners : [raw.owners];
    for (const entry of list) {
      const parsed = ownerSchema.safeParse(entry);
      if (parsed.success && parsed.data.name !== '') {
        const email = 'email' in parsed.data ? parsed.data.email : undefined;
        owners.push(email ? { name: parsed.data.name, email } : { name: parsed.data.name });
      }
    }
  }

  return { metadata: { specmas, kind, id, name, complexity, maturity, owners, raw }, findings };
}
