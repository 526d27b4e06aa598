// Regenerates the README's CLI samples from the real CLI (`npm run build && node scripts/readme-samples.mjs`):
// the plan printed for the example spec, and the usage synopsis from `--help`. tests/release/readme.test.ts
// renders the same samples in-process and fails when the README differs, so they cannot go stale.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const PLAN_ARGS = ['plan', 'examples/specs/product-price-filter.md'];

/**
 * The plan's estimate depends on the repository (its file list and sizes feed the prompts): run it in a
 * project that holds only the example spec, so the sample does not change whenever a file is added here.
 * Returns the project's folder and a function that removes it.
 */
export function sampleProject() {
  const dir = mkdtempSync(join(tmpdir(), 'implement-spec-sample-'));
  mkdirSync(join(dir, 'examples', 'specs'), { recursive: true });
  cpSync(
    join(root, 'examples', 'specs', 'product-price-filter.md'),
    join(dir, 'examples', 'specs', 'product-price-filter.md'),
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The Usage: block of the global help, without its heading and indentation. */
export function synopsisOf(help) {
  const lines = help.split('\n');
  const start = lines.indexOf('Usage:');
  const end = lines.indexOf('', start);
  return lines
    .slice(start + 1, end)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
}

function replaceBlock(readme, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers.`);
  return `${readme.slice(0, from + start.length)}\n\`\`\`\n${body.trimEnd()}\n\`\`\`\n${readme.slice(to)}`;
}

/** The README with its generated blocks replaced by these outputs. */
export function withSamples(readme, { plan, help }) {
  return replaceBlock(replaceBlock(readme, 'plan-sample', plan), 'cli-synopsis', synopsisOf(help));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const project = sampleProject();
  const cli = (args) => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'index.js'), ...args], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
    });
    if (r.status !== 0) throw new Error(`implement-spec ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };
  const path = join(root, 'README.md');
  writeFileSync(
    path,
    withSamples(readFileSync(path, 'utf8'), { plan: cli(PLAN_ARGS), help: cli(['--help']) }),
  );
}
