// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc, and copies the role
// prompts next to each bundle, where src/agents/roles.ts looks for them at run time.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function bundle(entry, outDir) {
  rmSync(join(root, outDir), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [ncc, 'build', entry, '-o', outDir, '--license', 'licenses.txt', '--target', 'es2022'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const prompts = join(root, 'src', 'agents', 'prompts');
  mkdirSync(join(root, outDir, 'prompts'), { recursive: true });
  for (const f of readdirSync(prompts).filter((n) => n.endsWith('.md')).sort()) {
    cpSync(join(prompts, f), join(root, outDir, 'prompts', f));
  }
}

// The CLI goes first: bundling the action clears dist/ (and with it dist/cli).
bundle('src/main.ts', 'dist');
const cliTmp = 'dist-cli-tmp';
bundle('src/cli.ts', cliTmp);
cpSync(join(root, cliTmp), join(root, 'dist', 'cli'), { recursive: true });
rmSync(join(root, cliTmp), { recursive: true, force: true });
