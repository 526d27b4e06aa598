// Front-matter fields → SpecMetadata: legacy names mapped to v3 names, defaults filled (each reported as an info
// finding), values validated. An invalid value becomes null and gets a G1 error, so downstream code never sees it.
// Plain checks, not zod: this file is on the path of every `validate`, and even zod/mini brings the whole zod
// core (over half a megabyte with its locales) into the chunk a one-spec `validate` has to compile at start-up.
// The checks are few and small; each returns zod's result shape so the callers below read naturally.
import type { Complexity, Finding, FrontMatterInfo, Owner, SpecMetadata } from './types.js';

const LEGACY_NAMES: Record<string, string> = { maturity_level: 'maturity', title: 'name', author: 'owners' };
const COMPLEXITIES: readonly Complexity[] = ['EASY', 'MODERATE', 'HIGH'];

type Checked<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

const ok = <T>(data: T): Checked<T> => ({ success: true, data });
const fail = <T>(...messages: string[]): Checked<T> => ({
  success: false,
  error: { issues: messages.map((message) => ({ message })) },
});
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const ID_RULES: readonly [(s: string) => boolean, string][] = [
  [(s) => s.length >= 1, 'is empty'],
  [(s) => s.length <= 100, 'is longer than 100 characters'],
  [(s) => /^[A-Za-z0-9._-]+$/.test(s), 'may only contain letters, digits, `.`, `_` and `-`'],
  [(s) => !/^[-.]/.test(s), 'must not start with `-` or `.`'],
  [(s) => !s.includes('..'), 'must not contain `..`'],
  [(s) => !s.endsWith('.') && !s.endsWith('.lock'), 'must not end with `.` or `.lock`'],
];

/** A git ref component, since the id becomes the branch `feat/spec-<id>`. Every broken rule is reported. */
export const specIdSchema = {
  safeParse(value: unknown): Checked<string> {
    if (typeof value !== 'string') return fail(`is not text (${kindOf(value)})`);
    const broken = ID_RULES.filter(([holds]) => !holds(value)).map(([, message]) => message);
    return broken.length ? fail(...broken) : ok(value);
  },
};

/** Text, or a number YAML read from unquoted digits (`specmas: 3`); trimmed. */
const textSchema = {
  safeParse(value: unknown): Checked<string> {
    return typeof value === 'string' || typeof value === 'number'
      ? ok(String(value).trim())
      : fail(`expected text, received ${kindOf(value)}`);
  },
};

const maturitySchema = {
  safeParse(value: unknown): Checked<number> {
    return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 5
      ? ok(value as number)
      : fail('expected a whole number from 1 to 5');
  },
};

/** An owner is a name, or a mapping with a name and optionally an email (other keys are ignored). */
const ownerSchema = {
  safeParse(value: unknown): Checked<{ name: string; email?: string }> {
    if (typeof value === 'string') return ok({ name: value });
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a name');
    const { name, email } = value as { name?: unknown; email?: unknown };
    const text = textSchema.safeParse(name);
    if (!text.success) return text;
    if (email !== undefined && typeof email !== 'string') return fail('expected the email as text');
    return ok(email === undefined ? { name: text.data } : { name: text.data, email });
  },
};

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

  const name = text('name', 'name: Product price filter');

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
