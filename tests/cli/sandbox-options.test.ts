// `implement-spec run --sandbox-network --sandbox-env NAME,…`: the CLI's side of the action's sandbox-network
// and sandbox-env inputs. Parsed and checked before anything runs (the action's credentials are refused), shown
// in `run --help`, and end to end through dist/cli/index.js: a replayed run whose test command reports which
// variables and which network it could see.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../src/cli/run-args.js';
import { commandHelp } from '../../src/cli/usage.js';
import { detectSandbox } from '../../src/run/sandbox.js';
import { cli, EXAMPLES, REPO_ROOT, scratchWithExamples, spawnNode } from './helpers.js';

const SPEC = join(EXAMPLES, 'product-price-filter.md');
const RECORDING = join(REPO_ROOT, 'examples', 'recordings', 'product-price-filter');
const CLI_ENTRY = join(REPO_ROOT, 'dist', 'cli', 'index.js');

describe('parsing --sandbox-network and --sandbox-env', () => {
  it('reads comma lists and repeats, trims, drops duplicates; both default to off', () => {
    const args = parseRunArgs([
      'x.md',
      '--sandbox-network',
      '--sandbox-env',
      'DATABASE_URL, REDIS_URL',
      '--sandbox-env=DATABASE_URL,NODE_OPTIONS',
    ]);
    expect(args.sandboxEnv).toEqual(['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS']);
    expect(args.values['sandbox-network']).toBe(true);
    const plain = parseRunArgs(['x.md']);
    expect(plain.sandboxEnv).toEqual([]);
    expect(plain.values['sandbox-network']).toBeUndefined();
  });

  it.each([
    ['ANTHROPIC_API_KEY', /"ANTHROPIC_API_KEY" holds one of the action's own credentials/],
    ['FOO,GITHUB_TOKEN', /"GITHUB_TOKEN" holds one of the action's own credentials/],
    ['INPUT_GITHUB-TOKEN', /"INPUT_GITHUB-TOKEN" is not an environment variable name/],
    ['INPUT_X', /"INPUT_X" holds one of the action's own credentials/],
    ['A,,B', /an empty name/],
    ['$(id)', /"\$\(id\)" is not an environment variable name/],
  ])('refuses --sandbox-env %s with what is wrong', (names, message) => {
    expect(() => parseRunArgs(['x.md', '--sandbox-env', names])).toThrow(message);
  });

  it('a refused name is a usage error (exit 2) even with --dry-run, before anything is read', async () => {
    const { dir, cleanup } = scratchWithExamples();
    const r = await cli(['run', 'specs/dark-mode-toggle.md', '--dry-run', '--sandbox-env', 'GH_TOKEN'], {
      cwd: dir,
    });
    cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sandbox-env: "GH_TOKEN" holds one of the action's own credentials/);
    expect(r.stdout).toBe('');
  });

  it('run --help shows both options and the synopsis names them', () => {
    const help = commandHelp('run');
    expect(help).toMatch(/^ {2}--sandbox-network\s+Let test-command, format-command and the checks reach/m);
    expect(help).toMatch(/^ {2}--sandbox-env NAME,…\n\s+More host variables/m);
    expect(help).toContain('[--sandbox-network] [--sandbox-env NAME,…]');
    expect(commandHelp('plan')).not.toContain('--sandbox');
  });
});

/** The test command of the replayed run: records which probe variables and which URL it could reach. */
const PROBE = `import { writeFileSync } from 'node:fs';
let reached = 'no url';
if (process.env.PROBE_URL) {
  try { reached = (await fetch(process.env.PROBE_URL, { signal: AbortSignal.timeout(3000) })).status; }
  catch (e) { reached = 'unreachable'; }
}
const seen = { named: process.env.PROBE_NAMED ?? null, unnamed: process.env.PROBE_UNNAMED ?? null, reached };
writeFileSync('probe-seen.json', JSON.stringify(seen));
console.log('1 test passed');
`;

interface Seen {
  named: string | null;
  unnamed: string | null;
  reached: number | string;
}

describe('end to end through dist/cli/index.js (replayed run, test command sees the sandbox)', () => {
  const dirs: string[] = [];
  let server: Server;
  let url = '';

  beforeAll(async () => {
    if (!existsSync(CLI_ENTRY)) throw new Error(`${CLI_ENTRY} is missing: run \`npm run build\` first.`);
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await new Promise((r) => server.close(r));
  });

  async function replayedRun(flags: string[], env: Record<string, string>): Promise<Seen> {
    const out = mkdtempSync(join(tmpdir(), 'implement-spec-sandbox-opts-'));
    dirs.push(out);
    writeFileSync(join(out, 'probe.mjs'), PROBE);
    const argv = [CLI_ENTRY, 'run', SPEC, '--replay', RECORDING, '--output-dir', out];
    const run = await spawnNode([...argv, '--test-command', 'node probe.mjs', ...flags], env, out);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(readFileSync(join(out, 'probe-seen.json'), 'utf8')) as Seen;
  }

  it('a variable named in --sandbox-env reaches the test command; one not named does not', async () => {
    const env = { PROBE_NAMED: 'named-value', PROBE_UNNAMED: 'unnamed-value' };
    const seen = await replayedRun(['--sandbox-env', 'PROBE_NAMED'], env);
    expect(seen.named).toBe('named-value');
    expect(seen.unnamed).toBeNull();
    const without = await replayedRun([], env);
    expect(without).toMatchObject({ named: null, unnamed: null });
  });

  it('with a sandbox: no network by default (not even the host loopback), the network with --sandbox-network', async (ctx) => {
    if (!(await detectSandbox()).available) ctx.skip();
    const off = await replayedRun(['--sandbox-env', 'PROBE_URL'], { PROBE_URL: url });
    expect(off.reached).toBe('unreachable');
    const on = await replayedRun(['--sandbox-network', '--sandbox-env', 'PROBE_URL'], { PROBE_URL: url });
    expect(on.reached).toBe(200);
  });
});
