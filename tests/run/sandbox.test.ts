// The sandbox itself, with real bubblewrap: what code run inside it can and cannot reach. Every case first
// shows (where it makes sense) that the same probe finds the thing when run unsandboxed, so the assertion
// can fail, then that the sandbox hides it.

import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCommand, SandboxUnavailableError } from '../../src/run/commands.js';
import { detectSandbox, runSandboxed, type SandboxAvailability } from '../../src/run/sandbox.js';

const UNAVAILABLE: SandboxAvailability = { available: false, reason: 'switched off by the test.' };
const node = (code: string): string[] => [process.execPath, '-e', code];

let dir: string;
let checkout: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-test-'));
  checkout = path.join(dir, 'repo');
  mkdirSync(path.join(checkout, '.git', 'hooks'), { recursive: true });
  writeFileSync(
    path.join(checkout, '.git', 'config'),
    '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3BlcnNpc3RlZA==\n',
  );
  writeFileSync(path.join(checkout, 'app.js'), 'console.log("app")\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('detectSandbox', () => {
  it('finds a working bubblewrap on this machine (.ci/run installs it)', async () => {
    const found = await detectSandbox();
    expect(found).toMatchObject({ available: true });
  });

  it('reports a missing bwrap with the reason, and runCommand then refuses with the way to enable it', async () => {
    const missing = await detectSandbox({
      PATH: '/usr/bin:/bin',
      IMPLEMENT_SPEC_BWRAP: '/nonexistent/bwrap',
    });
    expect(missing.available).toBe(false);
    const refused = runCommand('node -e 0', {
      cwd: checkout,
      policy: { withoutSandbox: 'refuse', availability: missing },
    });
    await expect(refused).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(refused).rejects.toThrow(
      /apt-get install -y bubblewrap.*apparmor_restrict_unprivileged_userns=0/s,
    );
    await expect(runSandboxed({ argv: ['true'], cwd: checkout }, missing)).rejects.toThrow(/bubblewrap/);
  });

  it('runs unsandboxed, with the allow-listed environment only, when the policy allows it', async () => {
    const r = await runCommand('node -e "console.log(process.env.NPM_TOKEN ?? \'none\')"', {
      cwd: checkout,
      hostEnv: { ...process.env, NPM_TOKEN: 'npm_unsandboxed_secret' },
      policy: { withoutSandbox: 'run-unsandboxed', availability: UNAVAILABLE },
    });
    expect(r.sandboxed).toBe(false);
    expect(r.output.trim()).toBe('none');
  });
});

/** A probe that prints every environment block under /proc it can read. */
const READ_ALL_ENVIRONS = `
const fs = require('fs');
let out = '';
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  try { out += fs.readFileSync('/proc/' + pid + '/environ', 'utf8') + '\\n'; } catch {}
}
console.log(out.split('\\0').filter((v) => v.startsWith('SANDBOX_TEST_SECRET=')).join('\\n'));
console.log('pids=' + fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length);
`.replace(/\n/g, ' ');

describe('runSandboxed', () => {
  it('gives the code its own PID namespace: no ancestor /proc/<pid>/environ is readable', async () => {
    // A host process holding the secret in its environment, as the action's own process does.
    const secret = `sk-ant-proc-environ-${Date.now()}`;
    const holder = spawn('sleep', ['30'], { env: { ...process.env, SANDBOX_TEST_SECRET: secret } });
    try {
      // Unsandboxed, the probe reads that process's environment through /proc: the attack works.
      const bare = await runCommand(`node -e ${JSON.stringify(READ_ALL_ENVIRONS)}`, {
        cwd: checkout,
        policy: { withoutSandbox: 'run-unsandboxed', availability: UNAVAILABLE },
      });
      expect(bare.output).toContain(secret);
      const boxed = await runSandboxed({ argv: node(READ_ALL_ENVIRONS), cwd: checkout });
      expect(boxed.exitCode).toBe(0);
      expect(boxed.output).not.toContain(secret);
      // bwrap's reaper and the probe: nothing of the host.
      expect(Number(/pids=(\d+)/.exec(boxed.output)?.[1])).toBeLessThanOrEqual(3);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  describe('network', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_req, res) => res.end('reached'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const fetchProbe = (u: string) =>
      `fetch(${JSON.stringify(u)}).then(r => r.text()).then(t => console.log('got ' + t), e => console.log('blocked ' + (e.cause?.code ?? e.message)))`;

    it('has no network by default (not even the host loopback), and has it when asked', async () => {
      const off = await runSandboxed({ argv: node(fetchProbe(url)), cwd: checkout });
      expect(off.output).toMatch(/^blocked/);
      const on = await runSandboxed({ argv: node(fetchProbe(url)), cwd: checkout, network: true });
      expect(on.output.trim()).toBe('got reached');
    });
  });

  it('hides .git: the persisted credential is unreadable and hooks planted there never reach the checkout', async () => {
    const probe = `
      const fs = require('fs');
      try { console.log(fs.readFileSync('.git/config', 'utf8')); } catch (e) { console.log('no config: ' + e.code); }
      try { fs.writeFileSync('.git/hooks/post-commit', '#!/bin/sh\\necho pwned'); console.log('hook written'); }
      catch (e) { console.log('no hook: ' + e.code); }
      fs.writeFileSync('result.txt', 'work kept');
    `;
    const r = await runSandboxed({ argv: node(probe), cwd: checkout });
    expect(r.output).toContain('no config: ENOENT');
    expect(r.output).not.toContain('extraheader');
    expect(r.output).toContain('no hook:');
    expect(existsSync(path.join(checkout, '.git', 'hooks', 'post-commit'))).toBe(false);
    // The checkout itself is writable: the legitimate work of a formatter or a test run stays.
    expect(readFileSync(path.join(checkout, 'result.txt'), 'utf8')).toBe('work kept');
    expect(readFileSync(path.join(checkout, '.git', 'config'), 'utf8')).toContain('extraheader');
  });

  it('hides a .git file (worktree/submodule) too', async () => {
    rmSync(path.join(checkout, '.git'), { recursive: true });
    writeFileSync(path.join(checkout, '.git'), 'gitdir: /somewhere/secret\n');
    const r = await runSandboxed({ argv: ['cat', '.git'], cwd: checkout });
    expect(r.output).not.toContain('gitdir');
  });

  it('builds the environment from the allow-list plus the named variables, never the action credentials', async () => {
    const hostEnv = {
      ...process.env,
      NPM_TOKEN: 'npm_secret_value',
      AWS_SECRET_ACCESS_KEY: 'aws_secret_value',
      DATABASE_URL: 'postgres://user:pw@db/x',
      GITHUB_TOKEN: 'ghs_action_token',
      'INPUT_ANTHROPIC-API-KEY': 'sk-ant-input',
      MY_FLAG: 'on',
    };
    const r = await runSandboxed({
      argv: node('console.log(JSON.stringify(process.env))'),
      cwd: checkout,
      hostEnv,
      passEnv: ['MY_FLAG', 'GITHUB_TOKEN'],
      setEnv: { NODE_ENV: 'test' },
    });
    const env = JSON.parse(r.output) as Record<string, string>;
    expect(env.MY_FLAG).toBe('on');
    expect(env.NODE_ENV).toBe('test');
    expect(env.CI).toBe('true');
    expect(Object.keys(env).sort()).toEqual(
      expect.arrayContaining(['PATH', 'HOME', 'TMPDIR', 'CI', 'MY_FLAG', 'NODE_ENV']),
    );
    for (const leaked of ['npm_secret', 'aws_secret', 'pw@db', 'ghs_action', 'sk-ant-input']) {
      expect(r.output).not.toContain(leaked);
    }
  });

  it('gives a fresh, empty HOME and TMPDIR, and no view of the host home, runner temp or other temp files', async () => {
    // Outside /tmp (which the sandbox covers with its own tmpfs anyway), as on a runner: /home/runner/work/_temp.
    const outside = mkdtempSync('/var/tmp/sandbox-test-');
    onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
    const runnerTemp = path.join(outside, 'runner-temp');
    const hostHome = path.join(outside, 'home');
    mkdirSync(path.join(runnerTemp, 'bin'), { recursive: true });
    mkdirSync(hostHome);
    writeFileSync(path.join(runnerTemp, 'event.json'), 'runner-temp-secret');
    writeFileSync(path.join(hostHome, '.git-credentials'), 'https://x:ghp_home_secret@github.com');
    writeFileSync(path.join(dir, 'next-to-checkout.txt'), 'sibling-secret');
    const probe = `
      const fs = require('fs');
      const list = (d) => { try { return fs.readdirSync(d).join(','); } catch (e) { return e.code; } };
      console.log(JSON.stringify({ home: process.env.HOME, tmp: process.env.TMPDIR,
        homeList: list(process.env.HOME), tmpList: list(process.env.TMPDIR),
        runnerTemp: list(${JSON.stringify(runnerTemp)}), hostHome: list(${JSON.stringify(hostHome)}),
        parent: list(${JSON.stringify(dir)}) }));
      fs.writeFileSync(process.env.TMPDIR + '/scratch', 'x');
    `;
    const r = await runSandboxed({
      argv: node(probe),
      cwd: checkout,
      // The runner's temp dir on PATH must still not be bound.
      hostEnv: {
        ...process.env,
        HOME: hostHome,
        RUNNER_TEMP: runnerTemp,
        PATH: `${runnerTemp}/bin:${process.env.PATH}`,
      },
    });
    const seen = JSON.parse(r.output) as Record<string, string>;
    expect(seen.home).toBe('/tmp/home');
    expect(seen.tmp).toBe('/tmp');
    expect(seen.homeList).toBe('');
    expect(seen.runnerTemp).toBe('ENOENT');
    expect(seen.hostHome).toBe('ENOENT');
    expect(seen.parent).toBe('repo');
    expect(r.output).not.toMatch(/secret/);
  });

  it('kills the whole sandbox at the time limit, background processes included', async () => {
    const marker = `${Math.floor(Math.random() * 1e6) + 1000}.5`;
    const r = await runSandboxed({
      argv: ['sh', '-c', `sleep ${marker} & sleep ${marker}`],
      cwd: checkout,
      timeoutMs: 400,
    });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('timeout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const survivors = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
  });

  it('keeps only the tail of the output within the cap', async () => {
    const r = await runSandboxed({
      argv: node('for (let i = 0; i < 20000; i++) console.log("line " + i)'),
      cwd: checkout,
      maxOutputChars: 500,
    });
    expect(r.output.length).toBeLessThanOrEqual(500);
    expect(r.output).toContain('line 19999');
    expect(r.output).toContain('earlier output omitted');
  });

  it('reports a program missing inside the sandbox as not started, not as a failing test', async () => {
    const r = await runSandboxed({ argv: ['definitely-not-a-program-xyz'], cwd: checkout });
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('not found on PATH inside the sandbox');
  });
});
