// Command lines without a shell: splitting, the scrubbed environment, and real child processes.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CommandSyntaxError,
  commandEnv,
  REDACTED,
  redactSecrets,
  runCommand,
  secretValuesOf,
  splitAssignments,
  splitCommand,
} from '../../src/run/commands.js';

describe('splitCommand', () => {
  it('splits on whitespace', () => {
    expect(splitCommand('npm  run\ttest')).toEqual(['npm', 'run', 'test']);
    expect(splitCommand('  node  ')).toEqual(['node']);
  });

  it('keeps single-quoted text literal, including operators and backslashes', () => {
    expect(splitCommand(`grep 'a|b; c > d' '$(x)' 'back\\slash'`)).toEqual([
      'grep',
      'a|b; c > d',
      '$(x)',
      'back\\slash',
    ]);
  });

  it('handles double quotes and their escapes', () => {
    expect(splitCommand(`echo "a b" "say \\"hi\\"" "c:\\path" "x\\\\y" "cost \\$5"`)).toEqual([
      'echo',
      'a b',
      'say "hi"',
      'c:\\path',
      'x\\y',
      'cost $5',
    ]);
    expect(splitCommand('echo "a | b && c; d"')).toEqual(['echo', 'a | b && c; d']);
  });

  it('joins adjacent quoted and unquoted parts into one word, and keeps empty quoted words', () => {
    expect(splitCommand(`--name="my app"'s' ''`)).toEqual(['--name=my apps', '']);
  });

  it('lets a backslash escape the next character outside quotes', () => {
    expect(splitCommand('find . -exec rm {} \\;')).toEqual(['find', '.', '-exec', 'rm', '{}', ';']);
    expect(splitCommand('echo a\\ b')).toEqual(['echo', 'a b']);
    expect(splitCommand('echo a\\\nb')).toEqual(['echo', 'ab']);
  });

  it.each([
    ['npm test | tee out.txt', '|'],
    ['npm ci && npm test', '&&'],
    ['npm test || true', '||'],
    ['npm test; echo done', ';'],
    ['npm test > out.txt', '>'],
    ['npm test >> out.txt', '>>'],
    ['npm test < in.txt', '<'],
    ['echo `whoami`', '`'],
    ['echo $(whoami)', '$('],
    ['echo "$(whoami)"', '$('],
    ['echo "`id`"', '`'],
    ['npm test &', '&'],
    ['(cd x && npm test)', '('],
  ])('rejects %j (operator %s) and points to a package script', (line, operator) => {
    let error: unknown;
    try {
      splitCommand(line);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CommandSyntaxError);
    const message = (error as Error).message;
    expect(message).toContain(`\`${operator}\``);
    expect(message).toContain('without a shell');
    expect(message).toContain('package.json');
  });

  it('rejects variables, line breaks, unclosed quotes, a trailing backslash and an empty line', () => {
    expect(() => splitCommand('echo $HOME')).toThrow(/variable/);
    expect(() => splitCommand(`echo "\${HOME}"`)).toThrow(/variable/);
    expect(() => splitCommand('npm ci\nnpm test')).toThrow(/line break/);
    expect(() => splitCommand(`echo 'open`)).toThrow(/unclosed single quote at character 6/);
    expect(() => splitCommand('echo "open')).toThrow(/unclosed double quote/);
    expect(() => splitCommand('echo \\')).toThrow(/backslash/);
    expect(() => splitCommand('   ')).toThrow(/empty/);
  });

  it('allows a lone dollar sign that a shell would also keep', () => {
    expect(splitCommand('echo cost$ $')).toEqual(['echo', 'cost$', '$']);
  });
});

describe('splitAssignments', () => {
  it('peels leading NAME=value words off as environment variables', () => {
    expect(splitAssignments(['NODE_ENV=test', 'X=a=b', 'npm', 'FOO=bar'])).toEqual({
      assignments: { NODE_ENV: 'test', X: 'a=b' },
      argv: ['npm', 'FOO=bar'],
    });
  });
});

describe('commandEnv (the allow-list)', () => {
  it('keeps only the allow-listed and named variables, never the action credentials, and sets CI', () => {
    const env = commandEnv(
      {
        PATH: '/usr/bin',
        HOME: '/home/x',
        LANG: 'C.UTF-8',
        LC_ALL: 'C',
        ANTHROPIC_API_KEY: 'a',
        GITHUB_TOKEN: 'c',
        INPUT_ANTHROPIC_API_KEY: 'e',
        ACTIONS_RUNTIME_TOKEN: 'g',
        NPM_TOKEN: 'n',
        AWS_SECRET_ACCESS_KEY: 'w',
        DATABASE_URL: 'postgres://u:p@h/db',
        GITHUB_REPOSITORY: 'o/r',
        MY_SETTING: 'm',
        CI: 'false',
      },
      ['MY_SETTING', 'GITHUB_TOKEN'],
    );
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8', LC_ALL: 'C', MY_SETTING: 'm', CI: 'true' });
  });

  it('lists the values of the secret variables for redaction', () => {
    expect(
      secretValuesOf({ PATH: '/bin', GITHUB_TOKEN: 'ghs_x', INPUT_KEY: 'k1', EMPTY_TOKEN: '' }).sort(),
    ).toEqual(['ghs_x', 'k1']);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence, longest secret first, and ignores values too short to be secrets', () => {
    expect(redactSecrets('key=sk-abc-123 and sk-abc again; a b', ['sk-abc', 'sk-abc-123', 'a', ''])).toBe(
      `key=${REDACTED} and ${REDACTED} again; a b`,
    );
  });
});

describe('runCommand (real child processes)', () => {
  let dir: string;
  const node = (code: string): string => `node -e ${JSON.stringify(code)}`;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'commands-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports exit codes and captures stdout and stderr', async () => {
    const ok = await runCommand(node('console.log("out"); console.error("err")'), { cwd: dir });
    expect(ok.exitCode).toBe(0);
    expect(ok.timedOut).toBe(false);
    expect(ok.output).toContain('out\n');
    expect(ok.output).toContain('err\n');
    expect(ok.argv[0]).toBe('node');

    const failed = await runCommand(node('process.exit(3)'), { cwd: dir });
    expect(failed.exitCode).toBe(3);
  });

  it('runs in cwd and passes extra arguments as separate, unparsed words', async () => {
    const r = await runCommand(node('console.log(JSON.stringify([process.cwd(), process.argv.slice(1)]))'), {
      cwd: dir,
      extraArgs: ['a b', '$(whoami)', '; rm -rf x'],
    });
    const [cwd, args] = JSON.parse(r.output) as [string, string[]];
    expect(path.resolve(cwd)).toBe(path.resolve(dir));
    expect(args).toEqual(['a b', '$(whoami)', '; rm -rf x']);
  });

  it('keeps the tail of long output within maxOutputChars', async () => {
    const r = await runCommand(
      node('for (let i = 0; i < 5000; i++) console.log("line " + i); console.log("THE END")'),
      { cwd: dir, maxOutputChars: 500 },
    );
    expect(r.exitCode).toBe(0);
    expect(r.output.length).toBeLessThanOrEqual(500);
    expect(r.output).toContain('earlier output omitted');
    expect(r.output).toContain('line 4999\nTHE END');
    expect(r.output).not.toContain('line 10\n');
  });

  it('kills a command that outlives its timeout', async () => {
    const r = await runCommand(node('setTimeout(() => {}, 60000)'), { cwd: dir, timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('was stopped after the 300 ms timeout');
  });

  it('kills the whole process tree on timeout, not just the direct child', async () => {
    // The grandchild would write a file after 3 s if it survived the kill.
    const marker = path.join(dir, 'survived.txt');
    const grandchild = `setTimeout(() => require("fs").writeFileSync(${JSON.stringify(marker)}, "x"), 3000)`;
    const parent = `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "inherit" }); setTimeout(() => {}, 60000)`;
    const r = await runCommand(node(parent), { cwd: dir, timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(existsSync(marker)).toBe(false);
  }, 15_000);

  it('reports a missing program in the output instead of throwing', async () => {
    const r = await runCommand('definitely-not-a-real-program-xyz --version', { cwd: dir });
    expect(r.exitCode).toBeNull();
    expect(r.timedOut).toBe(false);
    expect(r.output).toContain('could not start `definitely-not-a-real-program-xyz`');
    expect(r.output).toContain('not found on PATH');
  });

  it('passes no secret variables to the child, only the allow-list and the named ones', async () => {
    const parentEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ANTHROPIC_API_KEY: 'sk-ant-secret-1',
      GITHUB_TOKEN: 'ghs_secret_2',
      INPUT_X: 'input-secret-3',
      ACTIONS_RUNTIME_TOKEN: 'runtime-secret-4',
      NPM_TOKEN: 'npm-secret-5',
      HARMLESS: 'visible',
    };
    const r = await runCommand(node('console.log(JSON.stringify(process.env))'), {
      cwd: dir,
      hostEnv: parentEnv,
      policy: { withoutSandbox: 'refuse', passEnv: ['HARMLESS'] },
    });
    const childEnv = JSON.parse(r.output) as Record<string, string>;
    expect(r.sandboxed).toBe(true);
    expect(childEnv.HARMLESS).toBe('visible');
    expect(childEnv.NPM_TOKEN).toBeUndefined();
    expect(childEnv.CI).toBe('true');
    for (const name of ['ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'INPUT_X', 'ACTIONS_RUNTIME_TOKEN']) {
      expect(childEnv[name]).toBeUndefined();
    }
    expect(r.output).not.toMatch(/secret-[1-5]|secret_2/);
  });

  it('uses the allow-listed process environment by default', async () => {
    const before = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = 'ghs_from_process_env';
    try {
      const r = await runCommand(node('console.log(process.env.GITHUB_TOKEN ?? "unset", process.env.CI)'), {
        cwd: dir,
      });
      expect(r.output.trim()).toBe('unset true');
    } finally {
      if (before === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = before;
    }
  });

  it('applies leading NAME=value words to the child environment', async () => {
    const r = await runCommand(`FOO=bar ${node('console.log(process.env.FOO)')}`, { cwd: dir });
    expect(r.output.trim()).toBe('bar');
  });

  it('redacts secret values from the output, even in the kept tail of long output', async () => {
    const secret = 'sk-ant-api03-SECRETVALUE';
    await writeFile(
      path.join(dir, 'leak.mjs'),
      `for (let i = 0; i < 2000; i++) process.stdout.write("x${secret}y\\n"); console.log("key=${secret}");\n`,
    );
    const r = await runCommand('node leak.mjs', { cwd: dir, secrets: [secret], maxOutputChars: 300 });
    expect(r.output).not.toContain('SECRETVALUE');
    expect(r.output).not.toContain('sk-ant');
    expect(r.output).toContain(`key=${REDACTED}`);
    // No fragment of a secret cut at the start of the kept tail survives either.
    const lines = r.output.split('\n').filter((l) => l !== '');
    expect(lines[0]).toContain('earlier output omitted');
    expect(lines.at(-1)).toBe(`key=${REDACTED}`);
    // The first kept line may start mid-line; it is then the end of a redacted line, never of a secret.
    expect(`x${REDACTED}y`.endsWith(lines[1]!)).toBe(true);
    for (const line of lines.slice(2, -1)) expect(line).toBe(`x${REDACTED}y`);
  });

  it('rejects a command needing a shell before running anything', async () => {
    const marker = path.join(dir, 'ran.txt');
    const write = `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`;
    await expect(runCommand(`${node(write)}; echo $(whoami)`, { cwd: dir })).rejects.toBeInstanceOf(
      CommandSyntaxError,
    );
    await expect(runCommand(`echo $(node -e ${JSON.stringify(write)})`, { cwd: dir })).rejects.toThrow(
      /\$\(/,
    );
    await expect(runCommand(`echo \`node -e ${JSON.stringify(write)}\``, { cwd: dir })).rejects.toThrow(
      /without a shell/,
    );
    expect(existsSync(marker)).toBe(false);
  });
});
