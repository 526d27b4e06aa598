// The CLI's help texts, made from one table of commands and options so that the global help, each command's
// help (`implement-spec validate --help`) and the README synopsis (scripts/readme-samples.mjs) never disagree.
// Usage errors end the process with exit code 2 and a message that says what to do.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const COMMANDS = ['validate', 'plan', 'run'] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(name: string | undefined): name is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

const SYNOPSIS: Record<Command, string> = {
  validate: `implement-spec validate <file|dir|glob>... [--json] [--strict] [--quiet]`,
  plan: `implement-spec plan <spec> [--agents a,b] [--mode sequential|parallel] [--model m]
                             [--role-models r=m,…] [--max-items-per-task n]
                             [--json|--markdown] [--strict] [--force] [--output-dir dir]`,
  run: `implement-spec run <spec> [--dry-run] [--mode m] [--agents a,b] [--output-dir dir] [--model m]
                            [--role-models r=m,…] [--max-items-per-task n]
                            [--max-cost usd] [--cost-warn usd] [--max-parallel n] [--max-turns n]
                            [--max-tokens n] [--record dir] [--replay dir] [--force] [--verbose]
                            [--test-command cmd] [--max-fix-rounds n] [--format-command cmd]
                            [--no-review] [--fresh] [--protected-paths globs]
                            [--sandbox-network] [--sandbox-env NAME,…]`,
};

const SUMMARY: Record<Command, string> = {
  validate: 'Check specs against the quality gates G1–G4; findings point at spec lines.',
  plan: 'Show the tasks, agents, order and cost estimate (no API key, no network).',
  run: `Run the agents and write the files plus IMPLEMENTATION_REPORT.md (needs ANTHROPIC_API_KEY,
             unless --dry-run or --replay).`,
};

interface OptionDoc {
  /** The flag as shown, with its argument; the first word is the option's name. */
  flag: string;
  text: string;
  commands: readonly Command[];
}

const P: readonly Command[] = ['plan', 'run'];

/** Every option of every command. tests/cli/usage.test.ts checks this against what each command accepts. */
export const OPTION_DOCS: readonly OptionDoc[] = [
  { flag: '--json', text: 'Machine-readable output.', commands: ['validate', 'plan', 'run'] },
  { flag: '--markdown', text: 'Markdown output, as posted on a PR.', commands: P },
  {
    flag: '--strict',
    text: 'validate: warnings also fail. plan: uncovered spec items fail.',
    commands: ['validate', ...P],
  },
  {
    flag: '--quiet',
    text: 'Print only specs that are not ready, and their findings.',
    commands: ['validate'],
  },
  {
    flag: '--force',
    text: 'Plan/run a spec that is not ready, or whose estimate is above --max-cost.',
    commands: P,
  },
  {
    flag: '--agents a,b',
    text: 'Only these roles: database, backend, frontend, integration, test (or repository roles).',
    commands: P,
  },
  { flag: '--mode m', text: 'sequential (default) or parallel (along the task graph).', commands: P },
  { flag: '--model m', text: 'Claude model (default claude-sonnet-5-5).', commands: P },
  {
    flag: '--role-models r=m,…',
    text: `Model per role, e.g. test=claude-haiku-4-5,review=claude-haiku-4-5 (overrides
                      roles.<role>.model in .github/implement-spec/config.yml).`,
    commands: P,
  },
  {
    flag: '--max-items-per-task n',
    text: 'Split tasks so none covers more than n spec items (default 6).',
    commands: P,
  },
  { flag: '--dry-run', text: 'Validate and plan only, like `plan`.', commands: ['run'] },
  {
    flag: '--output-dir dir',
    text: 'Where run writes files (default: the current directory); plan scans it for the estimate, as run does.',
    commands: ['run', 'plan'],
  },
  { flag: '--max-cost usd', text: 'Abort threshold (default 50).', commands: ['run'] },
  { flag: '--cost-warn usd', text: 'Warning threshold (default 10).', commands: ['run'] },
  { flag: '--max-parallel n', text: 'Agents at once in parallel mode.', commands: ['run'] },
  { flag: '--max-turns n', text: 'Tool-loop turns per agent task.', commands: ['run'] },
  { flag: '--max-tokens n', text: 'Output tokens per model call.', commands: ['run'] },
  { flag: '--record dir', text: 'Save every model exchange as JSONL.', commands: ['run'] },
  { flag: '--replay dir', text: 'Play a recording back offline (no API key needed).', commands: ['run'] },
  { flag: '--verbose', text: 'Log every tool call and model turn.', commands: ['run'] },
  {
    flag: '--test-command cmd',
    text: `Run the tests after the agents (no shell, no secrets in its environment); failures get
                      up to --max-fix-rounds fix tasks (default 2).`,
    commands: ['run'],
  },
  { flag: '--max-fix-rounds n', text: 'Fix rounds after failing tests (default 2).', commands: ['run'] },
  {
    flag: '--format-command cmd',
    text: 'Formatter run on the written files (their paths are appended), e.g. "npx prettier --write".',
    commands: ['run'],
  },
  {
    flag: '--no-review',
    text: 'Skip the review agent (verdict per acceptance criterion, traceability matrix).',
    commands: ['run'],
  },
  {
    flag: '--fresh',
    text: 'Ignore .implement-spec/state.json and run every task again (default: resume).',
    commands: ['run'],
  },
  {
    flag: '--protected-paths g',
    text: 'Comma-separated globs the agents may never write.',
    commands: ['run'],
  },
  {
    flag: '--sandbox-network',
    text: 'Let test-command, format-command and the checks reach the network (default: none).',
    commands: ['run'],
  },
  {
    flag: '--sandbox-env NAME,…',
    text: `More host variables for those commands, beyond PATH, locale, TZ, TERM and CI (repeatable);
                      ANTHROPIC_API_KEY, GITHUB_TOKEN and the like are refused.`,
    commands: ['run'],
  },
];

const EXAMPLES: Record<Command, readonly string[]> = {
  validate: ['implement-spec validate specs/', 'implement-spec validate "specs/**/*.md" --json'],
  plan: ['implement-spec plan examples/specs/product-price-filter.md --mode parallel'],
  run: [
    'implement-spec run examples/specs/product-price-filter.md --replay examples/recordings/product-price-filter --output-dir /tmp/out',
  ],
};

const V: readonly Command[] = ['validate', 'plan'];

/** The environment variables the CLI reads, and for which commands. */
const ENVIRONMENT: readonly { name: string; text: string; commands: readonly Command[] }[] = [
  {
    name: 'ANTHROPIC_API_KEY',
    text: 'The API key (or ANTHROPIC_AUTH_TOKEN); not needed with --dry-run or --replay.',
    commands: ['run'],
  },
  {
    name: 'NO_COLOR, FORCE_COLOR',
    text: 'Colour off / on (default: on for a terminal).',
    commands: COMMANDS,
  },
  {
    name: 'NODE_COMPILE_CACHE',
    text: 'Where validate and plan keep compiled code, and plan the names it read from each source (default: a private temp folder).',
    commands: V,
  },
  {
    name: 'NODE_DISABLE_COMPILE_CACHE',
    text: 'Set to 1: keep nothing between runs (no compiled code, no source names).',
    commands: V,
  },
];

function environmentLines(command: Command | null): string[] {
  return ENVIRONMENT.filter((e) => command === null || e.commands.includes(command)).map((e) =>
    e.name.length < 20 ? `  ${e.name.padEnd(20)}${e.text}` : `  ${e.name}\n${' '.repeat(22)}${e.text}`,
  );
}

const EXIT_CODES =
  'Exit codes: 0 ready / success, 1 not ready / partial / failed, 2 usage error or unreadable path.';

function optionLines(command: Command | null): string[] {
  const docs = OPTION_DOCS.filter((o) => command === null || o.commands.includes(command));
  const lines = docs.map((o) => {
    const label = `  ${o.flag}`;
    return label.length < 22 ? `${label.padEnd(22)}${o.text}` : `${label}\n${' '.repeat(22)}${o.text}`;
  });
  return [...lines, `  ${'-h, --help'.padEnd(20)}Show this help.`];
}

function render(command: Command | null): string {
  const commands = command === null ? COMMANDS : [command];
  const lines = [
    command === null
      ? 'implement-spec — turn a feature spec into code and a pull request'
      : `implement-spec ${command} — ${SUMMARY[command].replace(/\s+/g, ' ')}`,
    '',
    'Usage:',
    ...commands.map((c) => `  ${SYNOPSIS[c]}`),
  ];
  if (command === null) {
    lines.push('  implement-spec --version', '', 'Commands:');
    for (const c of COMMANDS) lines.push(`  ${c.padEnd(11)}${SUMMARY[c]}`);
    lines.push('', 'Run `implement-spec <command> --help` for the options of one command.');
  }
  lines.push('', 'Options:', ...optionLines(command), '', 'Environment:', ...environmentLines(command));
  lines.push('', EXIT_CODES, '', 'Examples:');
  for (const c of commands) lines.push(...EXAMPLES[c].map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** The global help (`implement-spec --help`): rendered when asked for, not on every command's start. */
export function globalHelp(): string {
  return render(null);
}

/** One command's help: its synopsis, its options only, its examples. */
export function commandHelp(command: Command): string {
  return render(command);
}

/** The one-line hint printed under a usage error. */
export function usageHint(command: Command | null): string {
  return command === null
    ? 'Run `implement-spec --help` for usage.'
    : `Run \`implement-spec ${command} --help\` for its options.`;
}
