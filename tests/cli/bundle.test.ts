// End to end through the bundled CLI (`npm run build` makes dist/cli/index.js): real process, real exit codes.
//
// "validate does not load the Anthropic SDK or Octokit" is checked by deletion, which needs no loader hooks:
// the build puts lazily imported code in separate chunk files (dist/chunks), so we copy dist/, delete every chunk that holds
// SDK or Octokit code, and run the copy. If `validate` (or `plan`) ever imported them, the copy would fail with
// a missing module. As a control, `run` in the same copy must fail, which proves the deleted chunk is the SDK
// that `run` really loads (and that the test is not vacuous).
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanJsonSchema } from '../../src/plan/plan-json-schema.js';
import { ValidationReportSchema } from '../../src/spec/validation-json.js';
import { REPO_ROOT, type Spawned, spawnNode } from './helpers.js';

/** The CLI entry is dist/cli/index.js; its code sits in the chunks it shares with the action (dist/chunks). */
const BUNDLE_DIR = join(REPO_ROOT, 'dist');
/** Strings only the SDK's own code contains (its request headers), and Octokit's name (in its user agent). */
const SDK_MARKERS = [/anthropic-version/, /x-stainless/, /octokit/i];

let scratch: string;
let fullCli: string;
let strippedCli: string;
const strippedChunks: string[] = [];

function spawnCli(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return spawnNode([entry, ...args], env);
}

/** Another job may be rebuilding dist/ right now (the build deletes it first): wait for a complete bundle. */
async function copyBundle(to: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const entry = join(BUNDLE_DIR, 'cli', 'index.js');
    if (
      existsSync(entry) &&
      existsSync(join(BUNDLE_DIR, 'package.json')) &&
      existsSync(join(BUNDLE_DIR, 'chunks', 'prompts'))
    ) {
      // A build writes the whole folder at once; a copy taken while its files are still changing is retried.
      const before = statSync(entry).mtimeMs;
      try {
        cpSync(BUNDLE_DIR, to, { recursive: true });
        if (statSync(entry).mtimeMs === before) return;
      } catch {
        // Files vanished mid-copy: a rebuild started. Try again below.
      }
      rmSync(to, { recursive: true, force: true });
    }
    if (Date.now() > deadline) {
      throw new Error(`${entry} is missing: run \`npm run build\` before these tests.`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'implement-spec-bundle-'));
  await copyBundle(join(scratch, 'full'));
  fullCli = join(scratch, 'full', 'cli', 'index.js');
  cpSync(join(scratch, 'full'), join(scratch, 'stripped'), { recursive: true });
  strippedCli = join(scratch, 'stripped', 'cli', 'index.js');
  for (const name of readdirSync(join(scratch, 'stripped', 'chunks'))) {
    if (!name.endsWith('.js')) continue;
    const file = join(scratch, 'stripped', 'chunks', name);
    if (SDK_MARKERS.some((m) => m.test(readFileSync(file, 'utf8')))) {
      unlinkSync(file);
      strippedChunks.push(name);
    }
  }
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bundled CLI: exit codes end to end', () => {
  it('validate: 1 when some spec is not ready, 0 when all are, 2 for a missing path or no args', async () => {
    const all = await spawnCli(fullCli, ['validate', '.']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^NOT READY {2}csv-export\.md/m);
    expect(all.stdout).toMatch(/^6 spec\(s\): 4 ready, 2 not ready$/m);
    expect(
      (await spawnCli(fullCli, ['validate', 'dark-mode-toggle.md', 'product-price-filter.md'])).code,
    ).toBe(0);
    const missing = await spawnCli(fullCli, ['validate', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.md does not exist');
    expect((await spawnCli(fullCli, ['validate'])).code).toBe(2);
    expect((await spawnCli(fullCli, ['--help'])).code).toBe(0);
  });

  it('validate --json is one parseable document on stdout', async () => {
    const r = await spawnCli(fullCli, ['validate', '*.md', '--json']);
    expect(r.code).toBe(1);
    expect(ValidationReportSchema.parse(JSON.parse(r.stdout)).summary).toEqual({
      total: 6,
      ready: 4,
      notReady: 2,
    });
  });

  it('plan --json and run --dry-run print the same plan with no API key; bad options exit 2', async () => {
    const plan = await spawnCli(fullCli, ['plan', 'product-price-filter.md', '--json']);
    expect(plan.code).toBe(0);
    expect(PlanJsonSchema.parse(JSON.parse(plan.stdout)).spec.id).toBe('product-price-filter');
    const dry = await spawnCli(fullCli, ['run', 'product-price-filter.md', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(plan.stdout);
    const role = await spawnCli(fullCli, ['plan', 'product-price-filter.md', '--agents', 'wizard']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('Valid roles: database, backend');
    expect((await spawnCli(fullCli, ['plan', 'csv-export.md'])).code).toBe(1);
  });

  it('run without ANTHROPIC_API_KEY exits 2 and says how to set it', async () => {
    const r = await spawnCli(fullCli, [
      'run',
      'product-price-filter.md',
      '--output-dir',
      join(scratch, 'out'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('export ANTHROPIC_API_KEY=');
    expect(existsSync(join(scratch, 'out'))).toBe(false);
  });
});

describe('bundled CLI: validate and plan never load the Anthropic SDK or Octokit', () => {
  it('the SDK lives in a lazily loaded chunk (else this check would prove nothing)', () => {
    expect(strippedChunks.length).toBeGreaterThan(0);
    expect(SDK_MARKERS.some((m) => m.test(readFileSync(strippedCli, 'utf8')))).toBe(false);
  });

  it('validate works from a bundle without those chunks', async () => {
    const r = await spawnCli(strippedCli, ['validate', '.', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(ValidationReportSchema.parse(JSON.parse(r.stdout)).summary.total).toBe(6);
    expect((await spawnCli(strippedCli, ['validate', 'dark-mode-toggle.md'])).code).toBe(0);
    expect((await spawnCli(strippedCli, ['validate', 'nope.md'])).code).toBe(2);
  });

  it('plan works from a bundle without those chunks', async () => {
    const r = await spawnCli(strippedCli, ['plan', 'product-price-filter.md', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    PlanJsonSchema.parse(JSON.parse(r.stdout));
  });

  it('control: run needs them, so it fails from that bundle', async () => {
    const r = await spawnCli(strippedCli, ['run', 'product-price-filter.md', '--dry-run']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});

describe('bundled CLI: validate and plan never load zod', () => {
  it('validate and plan work from a bundle without the zod chunk; run, which needs it, does not', async () => {
    const copy = join(scratch, 'no-zod');
    cpSync(join(scratch, 'full'), copy, { recursive: true });
    const removed: string[] = [];
    for (const name of readdirSync(join(copy, 'chunks'))) {
      const file = join(copy, 'chunks', name);
      if (name.endsWith('.js') && /ZodError/.test(readFileSync(file, 'utf8'))) {
        unlinkSync(file);
        removed.push(name);
      }
    }
    expect(removed.length).toBeGreaterThan(0);
    const cli = join(copy, 'cli', 'index.js');
    const r = await spawnCli(cli, ['validate', '.', '--json']);
    expect(r.stderr).toBe('');
    expect(ValidationReportSchema.parse(JSON.parse(r.stdout)).summary.total).toBe(6);
    // The plan path checks the config file and renders its JSON without a schema library (start-up time).
    const plan = await spawnCli(cli, ['plan', 'product-price-filter.md', '--json']);
    expect(plan.stderr).toBe('');
    expect(PlanJsonSchema.parse(JSON.parse(plan.stdout)).spec.id).toBe('product-price-filter');
    const run = await spawnCli(cli, ['run', 'product-price-filter.md', '--dry-run']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});

describe('bundled CLI: what a one-spec validate loads', () => {
  it('validate and plan of a plain spec need only the launcher and the fast bundle, which hold no package', async () => {
    // Every other file of dist/ (the full CLI, the action, every shared chunk) is deleted: if the fast path
    // loaded any of them, or handed the command to the full CLI, these would fail.
    const copy = join(scratch, 'fast-only');
    cpSync(join(scratch, 'full'), copy, { recursive: true });
    for (const name of readdirSync(join(copy, 'chunks'))) {
      if (name.endsWith('.js')) unlinkSync(join(copy, 'chunks', name));
    }
    unlinkSync(join(copy, 'index.js'));
    const cli = join(copy, 'cli', 'index.js');
    const env = { NODE_COMPILE_CACHE: join(scratch, 'fast-only-cache') };
    const validate = await spawnCli(cli, ['validate', 'product-price-filter.md', 'dark-mode-toggle.md'], env);
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/^2 spec\(s\): 2 ready, 0 not ready$/m);
    const notReady = await spawnCli(cli, ['validate', '.', '--json'], env);
    expect(notReady.code).toBe(1);
    expect(ValidationReportSchema.parse(JSON.parse(notReady.stdout)).summary.total).toBe(6);
    const plan = await spawnCli(cli, ['plan', 'product-price-filter.md', '--json'], env);
    expect(plan.stderr).toBe('');
    expect(PlanJsonSchema.parse(JSON.parse(plan.stdout)).spec.id).toBe('product-price-filter');
    // Control: `run` is the full CLI's, which is gone.
    const run = await spawnCli(cli, ['run', 'product-price-filter.md', '--dry-run'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    for (const file of [cli, join(copy, 'chunks', 'fast-cli.cjs')]) {
      const code = readFileSync(file, 'utf8');
      expect(
        /pattern is too long|ZodError|Wrong `markdown-it` preset|Implicit keys need/.test(code),
        file,
      ).toBe(false);
      expect(
        SDK_MARKERS.some((m) => m.test(code)),
        file,
      ).toBe(false);
    }
  });

  /** The bundle files a command's code statically imports, from the full CLI and its lazily loaded chunk. */
  function loadedBy(root: string, commandChunk: RegExp): string[] {
    const chunk = readdirSync(join(root, 'chunks')).find((n) => commandChunk.test(n));
    expect(chunk, String(commandChunk)).toBeDefined();
    const seen = new Set<string>();
    const stack = [join(root, 'chunks', 'cli.js'), join(root, 'chunks', chunk!)];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w${},\s*]+from\s*)?"(\.[^"]+)"/g)) {
        stack.push(join(file, '..', m[1]!));
      }
    }
    return [...seen];
  }

  // minimatch's own error message marks its chunk (its names may be renamed by the bundler; messages are not).
  it('in the full CLI (a spec the fast bundle declines): ten files at most (the entry, the dispatch helpers, the command, the spec reader, its file reads and the small chunks it shares with plan and the action), none with markdown-it, yaml, minimatch, zod, the SDK or Octokit', () => {
    const files = loadedBy(join(scratch, 'full'), /^validate-command-\w+\.js$/);
    expect(files.length).toBeLessThanOrEqual(10);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(/pattern is too long|ZodError/.test(code), file).toBe(false);
      // The example spec is read by the fast readers: markdown-it and yaml load only for a spec they decline.
      expect(/Wrong `markdown-it` preset|Implicit keys need to be on a single line/.test(code), file).toBe(
        false,
      );
      expect(
        SDK_MARKERS.some((m) => m.test(code)),
        file,
      ).toBe(false);
    }
  });

  it('loads node:crypto only to show the spec hash (computed on first read): not for validate or the text plan, for plan --json', async () => {
    // process.moduleLoadList names every Node built-in the process loaded; the hook prints how many are crypto's.
    const hook =
      'data:text/javascript,process.on("exit",()=>process.stderr.write("crypto:"+process.moduleLoadList.filter(m=>/crypto/.test(m)).length))';
    const loaded = async (...command: string[]) => {
      const { stderr } = await spawnNode(['--import', hook, fullCli, ...command, 'product-price-filter.md']);
      return /crypto:(\d+)/.exec(stderr)?.[1] ?? stderr;
    };
    expect(await loaded('validate')).toBe('0');
    expect(await loaded('plan')).toBe('0');
    expect(Number(await loaded('plan', '--json'))).toBeGreaterThan(0);
  });

  it('a spec the fast readers decline is read by markdown-it and yaml, loaded then from their own chunks', async () => {
    // A repeated key is yaml's finding to report, and a block quote is markdown-it's to read.
    const spec = join(scratch, 'declined.md');
    writeFileSync(spec, '---\nid: declined\nid: again\nmaturity: 1\n---\n\n# Overview\n\n> Quoted should.\n');
    const r = await spawnCli(fullCli, ['validate', spec, '--json']);
    expect(r.stderr).toBe('');
    const report = ValidationReportSchema.parse(JSON.parse(r.stdout));
    const rules = report.specs[0]!.findings.map((f) => `${f.rule}@${f.line}:${f.column}`);
    expect(rules).toContain('duplicate-key@3:1');
  });

  it('named spec files validate from a bundle without minimatch; a glob, which needs it, does not', async () => {
    const copy = join(scratch, 'no-minimatch');
    cpSync(join(scratch, 'full'), copy, { recursive: true });
    const removed = readdirSync(join(copy, 'chunks')).filter(
      (n) => n.endsWith('.js') && /pattern is too long/.test(readFileSync(join(copy, 'chunks', n), 'utf8')),
    );
    expect(removed.length).toBeGreaterThan(0);
    for (const name of removed) unlinkSync(join(copy, 'chunks', name));
    const cli = join(copy, 'cli', 'index.js');
    const named = await spawnCli(cli, ['validate', 'product-price-filter.md', 'dark-mode-toggle.md']);
    expect(named.stderr).toBe('');
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/^2 spec\(s\): 2 ready, 0 not ready$/m);
    const dir = await spawnCli(cli, ['validate', '.', '--quiet']);
    expect(dir.stdout).toMatch(/^6 spec\(s\): 4 ready, 2 not ready$/m);
    const glob = await spawnCli(cli, ['validate', '*.md']);
    expect(glob.code).not.toBe(0);
    expect(glob.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});
