// `npm run local-action` as a new user runs it: GitHub's @github/local-action (a pinned devDependency) loads
// src/main.ts, calls run() with the inputs and runner context of `.env.example` as written, and prints the
// outputs and annotations the runner would get. Detect-only on examples/specs: no key, no token, no network.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'implement-spec-local-action-'));
let stdout = '';

/** `.env.example` with only the two scratch paths moved into this test's folder. */
function envFile(): string {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const moved = example
    .replace(/^RUNNER_TEMP=.*$/m, `RUNNER_TEMP=${scratch}`)
    .replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${join(scratch, 'summary.md')}`);
  const file = join(scratch, '.env');
  writeFileSync(file, moved);
  return file;
}

/** The parent's environment minus anything a runner or an earlier test set, so only the .env speaks. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { npm_config_offline: 'true', npm_config_update_notifier: 'false' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|ANTHROPIC_)/.test(name)) env[name] = value;
  }
  return env;
}

let exitCode = 0;

beforeAll(async () => {
  const bin = join(ROOT, 'node_modules', '.bin', 'local-action');
  try {
    const run = await promisify(execFile)(bin, ['run', ROOT, 'src/main.ts', envFile()], {
      cwd: ROOT,
      env: cleanEnv(),
      maxBuffer: 16 * 1024 * 1024,
    });
    stdout = run.stdout;
  } catch (err) {
    // The action marks the step failed (two example specs are not ready): it sets the process's exit code
    // itself, as on a runner, so local-action ends with 1. The output is all there.
    const failed = err as { code?: number; stdout?: string };
    exitCode = failed.code ?? -1;
    stdout = failed.stdout ?? '';
  }
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const output = (name: string) => new RegExp(`^::set-output name=${name}::(.*)$`, 'm').exec(stdout)?.[1];

describe('npm run local-action with .env.example', () => {
  it('sets the detect-only outputs: every example spec, and which are ready', () => {
    expect(output('status')).toBe('detected');
    expect(output('ready')).toBe('false');
    const specs = JSON.parse(output('specs') ?? '[]') as { path: string; ready: boolean }[];
    expect(Object.fromEntries(specs.map((s) => [s.path, s.ready]))).toEqual({
      'examples/specs/audit-log-viewer.md': false,
      'examples/specs/checkout-discount-codes.md': true,
      'examples/specs/csv-export.md': false,
      'examples/specs/dark-mode-toggle.md': true,
      'examples/specs/password-reset.md': true,
      'examples/specs/product-price-filter.md': true,
    });
  });

  it('annotates each finding at its file and line, and fails the step naming the specs that are not ready', () => {
    expect(stdout).toMatch(
      /^::error title=G2\/vague-term,file=examples\/specs\/csv-export\.md,line=16,.*Vague term "fast"/m,
    );
    expect(stdout).toMatch(
      /^::error title=G1\/missing-section,file=examples\/specs\/audit-log-viewer\.md,line=4,/m,
    );
    expect(stdout).toMatch(/^::notice title=G1\/default-filled,file=examples\/specs\/password-reset\.md,/m);
    expect(stdout).toMatch(/^::error::2 spec\(s\) not ready: examples\/specs\/audit-log-viewer\.md/m);
    expect(exitCode).toBe(1);
  });

  it('writes the validation summary to GITHUB_STEP_SUMMARY', () => {
    const summary = readFileSync(join(scratch, 'summary.md'), 'utf8');
    expect(summary).toContain('implement-spec: spec validation');
    expect(summary).toContain('`examples/specs/csv-export.md`');
  });
});
