// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc, and copies the role
// prompts next to each bundle, where src/agents/roles.ts looks for them at run time. Both bundles are
// made in a scratch folder and swapped in at the end, so dist/ is never seen half-built.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const scratch = join(root, `.dist-build-${process.pid}`);

function bundle(entry, outDir) {
  const r = spawnSync(
    process.execPath,
    [ncc, 'build', entry, '-o', outDir, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
  const prompts = join(root, 'src', 'agents', 'prompts');
  mkdirSync(join(outDir, 'prompts'), { recursive: true });
  for (const f of readdirSync(prompts)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    cpSync(join(prompts, f), join(outDir, 'prompts', f));
  }
}

rmSync(scratch, { recursive: true, force: true });
bundle('src/main.ts', join(scratch, 'dist'));
bundle('src/cli.ts', join(scratch, 'dist', 'cli'));
chmodSync(join(scratch, 'dist', 'cli', 'index.js'), 0o755);
rmSync(join(root, 'dist'), { recursive: true, force: true });
renameSync(join(scratch, 'dist'), join(root, 'dist'));
rmSync(scratch, { recursive: true, force: true });
