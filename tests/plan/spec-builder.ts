// Builds Spec objects by hand, so plan tests do not depend on the parser. Items get sequential lines and a
// section; the builder also creates the sections the items sit in, with text made from the items.
import type {
  AcceptanceCriterion,
  DeterministicTest,
  FunctionalRequirement,
  ItemKind,
  Section,
  Spec,
  SpecItem,
} from '../../src/spec/types.js';

type ItemInput = { id?: string; title: string; text?: string; section?: string };

export class SpecBuilder {
  private line = 10;
  private readonly spec: Spec;

  constructor(id = 'feat-test', name = 'Test feature') {
    this.spec = {
      path: 'specs/test.md',
      source: '',
      hash: 'a'.repeat(64),
      layout: 'formal',
      metadata: {
        specmas: 'v3',
        kind: 'FeatureSpec',
        id,
        name,
        complexity: 'MODERATE',
        maturity: 3,
        owners: [],
        raw: { specmas: 'v3', kind: 'FeatureSpec', id, name, complexity: 'MODERATE', maturity: 3 },
      },
      frontMatter: { form: 'v3', line: 1, endLine: 8, keys: {} },
      sections: {},
      subsections: [],
      functionalRequirements: [],
      acceptanceCriteria: [],
      userStories: [],
      successMetrics: [],
      deterministicTests: [],
      dataModels: [],
      interfaces: [],
      integrationPoints: [],
      errorScenarios: [],
      securityItems: [],
      performanceItems: [],
      bodyLength: 0,
      findings: [],
    };
  }

  section(key: string, title: string, text: string, parent: string | null = null): this {
    const line = this.next();
    const section: Section = {
      key,
      title,
      depth: parent ? 2 : 1,
      line,
      column: 1,
      endLine: line + 1,
      text,
      empty: text.trim() === '',
      parent,
    };
    if (parent) this.spec.subsections.push(section);
    else this.spec.sections[key] = section;
    return this;
  }

  overview(text: string): this {
    return this.section('overview', 'Overview', text);
  }

  fr(input: ItemInput & { number?: number | null; criteria?: string[] }): this {
    const n = input.number === undefined ? this.spec.functionalRequirements.length + 1 : input.number;
    const fr: FunctionalRequirement = {
      ...this.item('FR', input, input.id ?? `FR-${n}`, 'functional_requirements'),
      kind: 'FR',
      number: n,
      validationCriteria: (input.criteria ?? []).map((c, i) => ({
        ...this.item('VC', { title: c }, `FR-${n}-VC-${i + 1}`, 'functional_requirements'),
      })),
    };
    this.spec.functionalRequirements.push(fr);
    return this;
  }

  frs(count: number): this {
    for (let i = 0; i < count; i++)
      this.fr({ title: `Requirement ${i + 1}`, text: `The service computes value ${i + 1}.` });
    return this;
  }

  ac(input: ItemInput & { number?: number | null }): this {
    const n = input.number === undefined ? this.spec.acceptanceCriteria.length + 1 : input.number;
    const ac: AcceptanceCriterion = {
      ...this.item(
        'AC',
        input,
        input.id ?? (n === null ? `AC-${this.spec.acceptanceCriteria.length + 1}` : `AT-${n}`),
        'acceptance_tests',
      ),
      kind: 'AC',
      number: n,
      given: true,
      when: true,
      // biome-ignore lint/suspicious/noThenProperty: the contract's field for the Then part of a criterion.
      then: true,
    };
    this.spec.acceptanceCriteria.push(ac);
    return this;
  }

  story(input: ItemInput): this {
    this.spec.userStories.push(
      this.item('US', input, input.id ?? `US-${this.spec.userStories.length + 1}`, 'user_stories'),
    );
    return this;
  }

  dt(input: ItemInput): this {
    const dt: DeterministicTest = {
      ...this.item(
        'DT',
        input,
        input.id ?? `DT-${this.spec.deterministicTests.length + 1}`,
        'deterministic_tests',
      ),
      kind: 'DT',
      description: input.title,
      input: { a: 1 },
      expected: 2,
      hasExpected: true,
    };
    this.spec.deterministicTests.push(dt);
    return this;
  }

  model(input: ItemInput): this {
    this.spec.dataModels.push(
      this.item('DM', input, input.id ?? `DM-${this.spec.dataModels.length + 1}`, 'data_model'),
    );
    return this;
  }

  api(input: ItemInput): this {
    this.spec.interfaces.push(
      this.item(
        'API',
        input,
        input.id ?? `API-${this.spec.interfaces.length + 1}`,
        'interfaces_and_contracts',
      ),
    );
    return this;
  }

  integration(input: ItemInput): this {
    this.spec.integrationPoints.push(
      this.item(
        'INT',
        input,
        input.id ?? `INT-${this.spec.integrationPoints.length + 1}`,
        'integration_points',
      ),
    );
    return this;
  }

  error(input: ItemInput): this {
    this.spec.errorScenarios.push(
      this.item('ERR', input, input.id ?? `ERR-${this.spec.errorScenarios.length + 1}`, 'error_scenarios'),
    );
    return this;
  }

  security(input: ItemInput): this {
    this.spec.securityItems.push(
      this.item('SEC', input, input.id ?? `SEC-${this.spec.securityItems.length + 1}`, 'security'),
    );
    return this;
  }

  performance(input: ItemInput): this {
    this.spec.performanceItems.push(
      this.item(
        'PERF',
        input,
        input.id ?? `PERF-${this.spec.performanceItems.length + 1}`,
        'non_functional_requirements',
      ),
    );
    return this;
  }

  /** Fills in the sections the items name (when not given explicitly) and returns the spec. */
  build(): Spec {
    const all: SpecItem[] = [
      ...this.spec.functionalRequirements,
      ...this.spec.userStories,
      ...this.spec.acceptanceCriteria,
      ...this.spec.deterministicTests,
      ...this.spec.dataModels,
      ...this.spec.interfaces,
      ...this.spec.integrationPoints,
      ...this.spec.errorScenarios,
      ...this.spec.securityItems,
      ...this.spec.performanceItems,
    ];
    const known = new Set([...Object.keys(this.spec.sections), ...this.spec.subsections.map((s) => s.key)]);
    for (const item of all) {
      if (known.has(item.section)) continue;
      known.add(item.section);
      const text = all
        .filter((i) => i.section === item.section)
        .map((i) => `- ${i.id}: ${i.title}`)
        .join('\n');
      this.spec.sections[item.section] = {
        key: item.section,
        title: item.section.replace(/_/g, ' '),
        depth: 1,
        line: item.line - 1,
        column: 1,
        endLine: item.line + 1,
        text,
        empty: false,
        parent: null,
      };
    }
    return this.spec;
  }

  private next(): number {
    this.line += 3;
    return this.line;
  }

  private item(kind: ItemKind, input: ItemInput, id: string, section: string): SpecItem {
    const match = /^[A-Z]+-(\d+)$/.exec(id);
    return {
      id,
      kind,
      title: input.title,
      text: input.text ?? input.title,
      line: this.next(),
      column: 1,
      section: input.section ?? section,
      explicitId: input.id !== undefined || kind === 'FR' || kind === 'AC',
      number: match ? Number(match[1]) : null,
    };
  }
}

export function spec(id?: string, name?: string): SpecBuilder {
  return new SpecBuilder(id, name);
}
