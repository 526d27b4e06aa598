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
  const fields = new FrontMatterFields(data, fm, reportMissing);
  // specmas and kind have defaults, filled in unless the block failed and holds nothing at all.
  const fillDefaults = data !== null || reportMissing;
  const name = fields.text('name', 'name: Product price filter');
  const specmas = fields.textOrDefault('specmas', 'v3', fillDefaults);
  const kind = fields.textOrDefault('kind', 'FeatureSpec', fillDefaults);
  const id = readId(fields, name);
  const complexity = readComplexity(fields);
  const maturity = readMaturity(fields);
  const owners = readOwners(fields);
  return {
    metadata: { specmas, kind, id, name, complexity, maturity, owners, raw: fields.raw },
    findings: fields.findings,
  };
}

/** The front matter's fields under their v3 names, and the findings about them, each at its field's line. */
class FrontMatterFields {
  readonly findings: Finding[] = [];
  /** The values by v3 name. */
  readonly raw: Record<string, unknown> = {};
  /** The name each field was written under (a legacy name or the v3 one). */
  readonly rawKeyOf: Record<string, string> = {};
  private readonly fm: FrontMatterInfo;
  private readonly reportMissing: boolean;
  private readonly anchor: number;

  constructor(data: Record<string, unknown> | null, fm: FrontMatterInfo, reportMissing: boolean) {
    this.fm = fm;
    this.reportMissing = reportMissing;
    this.anchor = fm.line > 0 ? fm.line : 1;
    for (const [key, value] of Object.entries(data ?? {})) {
      const target = LEGACY_NAMES[key] ?? key;
      // The v3 name wins over its legacy twin when both are written.
      if (target in this.raw && target !== key) continue;
      this.raw[target] = value;
      this.rawKeyOf[target] = key;
    }
  }

  at(field: string): { line: number; column: number } {
    return this.fm.keys[this.rawKeyOf[field] ?? field] ?? { line: this.anchor, column: 1 };
  }

  present(field: string): boolean {
    const value = this.raw[field];
    return value !== undefined && value !== null && value !== '';
  }

  error(field: string, rule: string, message: string, hint: string): void {
    const p = this.at(field);
    this.findings.push({
      gate: 'G1',
      rule,
      severity: 'error',
      message,
      line: p.line,
      column: p.column,
      hint,
    });
  }

  missing(field: string, example: string): void {
    if (!this.reportMissing) return;
    this.error(
      field,
      'missing-field',
      `Required front-matter field \`${field}\` is missing.`,
      this.fm.form === 'none'
        ? `Start the file with a front matter block: \`---\`, \`${example}\`, the other fields, \`---\`.`
        : `Add \`${example}\` to the front matter.`,
    );
  }

  defaulted(field: string, value: string): void {
    this.findings.push({
      gate: 'G1',
      rule: 'default-filled',
      severity: 'info',
      message: `Front-matter field \`${field}\` is not written; using the default \`${value}\`.`,
      line: this.anchor,
      column: 1,
      hint: `Write \`${field}: ${value}\` in the front matter to make it explicit.`,
    });
  }

  /** A required text field; null (with an error) when missing or not text. */
  text(field: string, example: string): string | null {
    if (!this.present(field)) {
      this.missing(field, example);
      return null;
    }
    const parsed = textSchema.safeParse(this.raw[field]);
    if (!parsed.success || parsed.data === '') {
      this.error(
        field,
        'invalid-field',
        `Front-matter field \`${field}\` must be text.`,
        `Write \`${example}\`.`,
      );
      return null;
    }
    return parsed.data;
  }

  /** A text field with a default, filled (with an info finding) when it is not written and `fill` holds. */
  textOrDefault(field: string, value: string, fill: boolean): string | null {
    if (this.present(field)) return this.text(field, `${field}: ${value}`);
    if (!fill) return null;
    this.defaulted(field, value);
    return value;
  }
}

/** The id as written (it must be a git ref component), else one made from the name. */
function readId(fields: FrontMatterFields, name: string | null): string | null {
  const { raw } = fields;
  if (fields.present('id')) {
    const written = textSchema.safeParse(raw.id);
    const checked = specIdSchema.safeParse(written.success ? written.data : raw.id);
    if (checked.success) return checked.data;
    const why = checked.error.issues.map((i) => i.message).join('; ');
    fields.error(
      'id',
      'invalid-id',
      `Front-matter \`id\` ${JSON.stringify(String(raw.id))} cannot be used in the branch name: it ${why}.`,
      'Use letters, digits, `.`, `_` and `-` only (≤ 100 characters), e.g. `id: product-price-filter`.',
    );
    return null;
  }
  if (name !== null && slugify(name) !== '') {
    const id = ('feat-' + slugify(name)).slice(0, 100).replace(/-+$/, '');
    fields.defaulted('id', id);
    return id;
  }
  fields.missing('id', 'id: product-price-filter');
  return null;
}

function readComplexity(fields: FrontMatterFields): Complexity | null {
  if (!fields.present('complexity')) {
    fields.missing('complexity', 'complexity: MODERATE');
    return null;
  }
  const written = fields.raw.complexity;
  const upper = String(written).trim().toUpperCase();
  if ((COMPLEXITIES as readonly string[]).includes(upper)) return upper as Complexity;
  fields.error(
    'complexity',
    'invalid-complexity',
    `Front-matter \`complexity\` is ${JSON.stringify(String(written))}; it must be EASY, MODERATE or HIGH.`,
    'Write `complexity: EASY`, `complexity: MODERATE` or `complexity: HIGH`.',
  );
  return null;
}

/** A whole number from 1 to 5; a number written as text is read with a warning. */
function readMaturity(fields: FrontMatterFields): number | null {
  if (!fields.present('maturity')) {
    fields.missing('maturity', 'maturity: 3');
    return null;
  }
  const value = fields.raw.maturity;
  const numeric = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  const checked = maturitySchema.safeParse(numeric);
  const field = fields.rawKeyOf.maturity ?? 'maturity';
  if (!checked.success) {
    fields.error(
      'maturity',
      'invalid-maturity',
      `Front-matter \`${field}\` is ${JSON.stringify(value)}; it must be a whole number from 1 to 5.`,
      `Write a level from 1 (foundation) to 5 (complete), e.g. \`${field}: 3\`.`,
    );
    return null;
  }
  const maturity = checked.data;
  if (typeof value === 'string') {
    const p = fields.at('maturity');
    fields.findings.push({
      gate: 'G1',
      rule: 'maturity-as-text',
      severity: 'warning',
      message: `Front-matter \`${field}\` is the text "${value}"; read as the number ${maturity}.`,
      line: p.line,
      column: p.column,
      hint: `Write it without quotes: \`${field}: ${maturity}\`.`,
    });
  }
  return maturity;
}

/** Owners as names (with an email when given); entries without a name are dropped. */
function readOwners(fields: FrontMatterFields): Owner[] {
  const owners: Owner[] = [];
  if (!fields.present('owners')) return owners;
  const written = fields.raw.owners;
  for (const entry of Array.isArray(written) ? written : [written]) {
    const parsed = ownerSchema.safeParse(entry);
    if (parsed.success && parsed.data.name !== '') {
      const email = 'email' in parsed.data ? parsed.data.email : undefined;
      owners.push(email ? { name: parsed.data.name, email } : { name: parsed.data.name });
    }
  }
  return owners;
}
