// The README's CLI samples are generated (scripts/readme-samples.mjs): the plan of the example spec and the
// usage synopsis. This renders both from the real CLI, in-process, and fails when the README shows anything else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script, no type declarations
import { PLAN_ARGS, sampleProject, synopsisOf, withSamples } from '../../scripts/readme-samples.mjs';
import { runCli } from '../../src/cli/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function cli(args: string[]): Promise<string> {
  const project = sampleProject() as { dir: string; cleanup: () => void };
  const out: string[] = [];
  const code = await runCli(args, {
    cwd: project.dir,
    env: {},
    stdout: (line) => out.push(line),
    stderr: (line) => out.push(line),
    stdoutStream: { isTTY: false },
  });
  project.cleanup();
  expect(code, out.join('\n')).toBe(0);
  return `${out.join('\n')}\n`;
}

describe('README samples', () => {
  it('match the CLI (run `npm run build && node scripts/readme-samples.mjs` when this fails)', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const regenerated = withSamples(readme, { plan: await cli(PLAN_ARGS), help: await cli(['--help']) });
    expect(readme).toBe(regenerated);
  });

  it('the synopsis names every option the CLI documents', async () => {
    const synopsis: string = synopsisOf(await cli(['--help']));
    for (const flag of [
      '--role-models',
      '--max-turns',
      '--max-tokens',
      '--max-items-per-task',
      '--version',
    ]) {
      expect(synopsis).toContain(flag);
    }
  });
});
