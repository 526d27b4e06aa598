// Usage errors end the process with exit code 2 and a message that says what to do.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `implement-spec — turn a feature spec into code and a pull request

Usage:
  implement-spec validate <file|dir|glob>... [--json] [--strict] [--quiet]
  implement-spec plan <spec> [--agents a,b] [--mode sequential|parallel] [--model m]
                             [--role-models r=m,…] [--json|--markdown] [--strict] [--force]
                             [--output-dir dir]
  implement-spec run <spec> [--dry-run] [--mode m] [--agents a,b] [--output-dir dir] [--model m]
                            [--role-models r=m,…]
                            [--max-cost usd] [--cost-warn usd] [--max-parallel n] [--max-turns n]
                            [--max-tokens n] [--record dir] [--replay dir] [--force] [--verbose]
                            [--test-command cmd] [--max-fix-rounds n] [--format-command cmd]
                            [--no-review] [--fresh] [--protected-paths globs]

Commands:
  validate   Check specs against the quality gates G1–G4; findings point at spec lines.
  plan       Show the tasks, agents, order and cost estimate (no API key, no network).
  run        Run the agents and write the files plus IMPLEMENTATION_REPORT.md (needs ANTHROPIC_API_KEY,
             unless --dry-run or --replay).

Options:
  --json              Machine-readable output (validate, plan).
  --markdown          Markdown output (plan), as posted on a PR.
  --strict            validate: warnings also fail. plan: uncovered spec items fail.
  --quiet             validate: print only specs that are not ready, and their findings.
  --force             plan/run a spec that is not ready, or whose estimate is above --max-cost.
  --agents a,b        Only these roles: database, backend, frontend, integration, test (or repository roles).
  --mode m            sequential (default) or parallel (along the task graph).
  --model m           Claude model (default claude-sonnet-5-5).
  --role-models r=m,… Model per role, e.g. test=claude-haiku-4-5,review=claude-haiku-4-5 (overrides
                      roles.<role>.model in .github/implement-spec/config.yml).
  --output-dir dir    Where run writes files (default: the current directory). plan scans the same
                      directory: its files go into the prompts, so into the estimate.
  --max-cost usd      Abort threshold (default 50); --cost-warn usd warning threshold (default 10).
  --record dir        Save every model exchange as JSONL; --replay dir plays a recording back offline.
  --test-command cmd  Run the tests after the agents (no shell, no secrets in its environment); failures get
                      up to --max-fix-rounds fix tasks (default 2).
  --format-command c  Formatter run on the written files (their paths are appended), e.g. "npx prettier --write".
  --no-review         Skip the review agent (verdict per acceptance criterion, traceability matrix).
  --fresh             Ignore .implement-spec/state.json and run every task again (default: resume).
  --protected-paths g Comma-separated globs the agents may never write.
  --max-items-per-task n  Split tasks so none covers more than n spec items (default 6).
  -h, --help          Show this help.

Exit codes: 0 ready / success, 1 not ready / partial / failed, 2 usage error or unreadable path.

Examples:
  implement-spec validate specs/
  implement-spec validate "specs/**/*.md" --json
  implement-spec plan examples/specs/product-price-filter.md --mode parallel
  implement-spec run examples/specs/product-price-filter.md --replay examples/recordings/product-price-filter --output-dir /tmp/out
`;
