// The help texts come from one table (src/cli/usage.ts); these tests hold that table to what each command really
// accepts, so a new option cannot be left out of `--help` (or a removed one linger in it).
import { describe, expect, it } from 'vitest';
import { PLAN_OPTIONS } from '../../src/cli/plan-command.js';
import { COMMANDS, commandHelp, OPTION_DOCS } from '../../src/cli/usage.js';
import { cli, scratchWithExamples } from './helpers.js';

const documented = (command: string) =>
  OPTION_DOCS.filter((o) => (o.commands as readonly string[]).includes(command)).map(
    (o) => o.flag.split(' ')[0]!,
  );

describe('help table vs the options each command accepts', () => {
  it('plan documents exactly the options its parser accepts', () => {
    expect(documented('plan').sort()).toEqual(
      Object.keys(PLAN_OPTIONS)
        .map((k) => `--${k}`)
        .sort(),
    );
  });

  it('every option documented for validate and run is accepted by it (no "unknown option")', async () => {
    const { dir, cleanup } = scratchWithExamples();
    const spec = 'specs/dark-mode-toggle.md';
    for (const command of ['validate', 'run'] as const) {
      for (const flag of documented(command)) {
        const doc = OPTION_DOCS.find((o) => o.flag.startsWith(`${flag}`))!;
        const args = doc.flag.includes(' ') ? [`${flag}=1`] : [flag];
        const argv = command === 'run' ? ['run', spec, '--dry-run', ...args] : ['validate', spec, ...args];
        const r = await cli(argv, { cwd: dir });
        expect(r.stderr, `${command} ${flag}`).not.toMatch(/unknown option/);
      }
    }
    cleanup();
  });

  it("each command's help lists its own options and no other command's", () => {
    for (const command of COMMANDS) {
      const help = commandHelp(command);
      for (const o of OPTION_DOCS) {
        const flag = o.flag.split(' ')[0]!;
        const pattern = new RegExp(`^ {2}${flag.replace(/[-]/g, '\\-')}\\b`, 'm');
        expect(pattern.test(help), `${command} --help and ${flag}`).toBe(
          (o.commands as readonly string[]).includes(command),
        );
      }
    }
  });
});

describe('help: environment variables', () => {
  it('each command lists the variables it reads: the code cache for validate and plan, the API key for run', () => {
    for (const command of ['validate', 'plan'] as const) {
      expect(commandHelp(command)).toMatch(/^ {2}NODE_COMPILE_CACHE /m);
      expect(commandHelp(command)).toMatch(/^ {2}NODE_DISABLE_COMPILE_CACHE$/m);
      expect(commandHelp(command)).not.toContain('ANTHROPIC_API_KEY');
    }
    expect(commandHelp('run')).toMatch(/^ {2}ANTHROPIC_API_KEY /m);
    expect(commandHelp('run')).not.toContain('NODE_COMPILE_CACHE');
  });
});
