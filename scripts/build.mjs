// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) in ONE esbuild pass with code splitting:
// code both entries use, and code loaded lazily (the Anthropic SDK, Octokit, each CLI command), lives in shared
// chunks next to dist/index.js, so every dependency is in dist/ exactly once. It writes the licences of every
// bundled package (found from the bundle's own module list, see licenses.mjs) and copies the role prompts to
// dist/prompts, where src/agents/roles.ts looks for them next to the chunk that holds it.
//
// The output is deterministic (same sources and lockfile → same bytes): the check-dist workflow and
// tests/release/bundle.test.ts compare builds. The bundle is made in a scratch folder and swapped in at the end,
// so dist/ is never seen half-built.
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledPackages, renderLicenses } from './licenses.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The bundle is ESM; CommonJS dependencies (bottleneck, undici, tunnel…) still call require() for Node's
// built-ins, which ESM lacks: give every output file one made from its own URL.
const REQUIRE_SHIM =
  "import { createRequire as __isCreateRequire } from 'node:module';\nconst require = __isCreateRequire(import.meta.url);";

/**
 * Builds the whole of dist/ into `outDir` (which must not exist). Returns the esbuild metafile: which source
 * modules went into which output file.
 */
export async function buildDist(outDir) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { index: 'src/index.ts', 'cli/index': 'src/cli.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // Whitespace and syntax only: names stay readable in a stack trace a user pastes into an issue.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none', // every licence is in dist/licenses.txt, generated below
    banner: { js: REQUIRE_SHIM },
    define: { IMPLEMENT_SPEC_VERSION: JSON.stringify(packageVersion()) },
    metafile: true,
    logLevel: 'warning',
  });
  const packages = bundledPackages(result.metafile, root);
  writeFileSync(join(outDir, 'licenses.txt'), renderLicenses(packages, root));
  writeFileSync(join(outDir, 'package.json'), '{\n  "type": "module"\n}\n');
  copyPrompts(join(outDir, 'chunks', 'prompts'));
  chmodSync(join(outDir, 'cli', 'index.js'), 0o755);
  return result.metafile;
}

function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

function copyPrompts(to) {
  const prompts = join(root, 'src', 'agents', 'prompts');
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(prompts)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    cpSync(join(prompts, f), join(to, f));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scratch = join(root, `.dist-build-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  try {
    await buildDist(join(scratch, 'dist'));
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  renameSync(join(scratch, 'dist'), join(root, 'dist'));
  rmSync(scratch, { recursive: true, force: true });
}
