// Bundles the action (dist/index.js) and the full CLI (dist/chunks/cli.js) in ONE esbuild pass with code
// splitting: code both entries use, and code loaded lazily (the Anthropic SDK, Octokit, each CLI command), lives
// in shared chunks, so every dependency is in dist/ exactly once. Two small CommonJS builds sit beside it: the fast
// CLI bundle (dist/chunks/fast-cli.cjs: `validate` and `plan`, our code only, no package) and the launcher
// (dist/cli/index.js, the `implement-spec` command), which runs the fast bundle from a V8 code cache and hands
// everything else to the full CLI (see src/cli/launch.ts). It writes the licences of every bundled package
// (found from the bundle's own module list, see licenses.mjs) and copies the role prompts to dist/chunks/prompts,
// where src/agents/roles.ts looks for them next to the chunk that holds it.
//
// The output is deterministic (same sources and lockfile → same bytes): the check-dist workflow and
// tests/release/bundle.test.ts compare builds. The bundle is made in a scratch folder and swapped in at the end,
// so dist/ is never seen half-built.

import { createHash } from 'node:crypto';
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
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledPackages, renderLicenses } from './licenses.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The bundle is ESM; CommonJS dependencies (bottleneck, undici, tunnel…) still call require() for Node's
// built-ins, which ESM lacks: give every output file one made from its own URL.
const REQUIRE_SHIM =
  "import { createRequire as __isCreateRequire } from 'node:module';\nconst require = __isCreateRequire(import.meta.url);";

/** The settings of all three builds. */
const SHARED = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay readable in a stack trace a user pastes into an issue.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none', // every licence is in dist/licenses.txt, generated below
  metafile: true,
  logLevel: 'warning',
};

/**
 * Builds the whole of dist/ into `outDir` (which must not exist). Returns the esbuild metafile: which source
 * modules went into which output file.
 */
export async function buildDist(outDir) {
  const result = await build({
    ...SHARED,
    entryPoints: { index: 'src/index.ts', 'chunks/cli': 'src/cli.ts' },
    outdir: outDir,
    splitting: true,
    format: 'esm',
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: REQUIRE_SHIM },
    define: { IMPLEMENT_SPEC_VERSION: JSON.stringify(packageVersion()) },
  });
  const packages = bundledPackages(result.metafile, root);
  writeFileSync(join(outDir, 'licenses.txt'), renderLicenses(packages, root));
  writeFileSync(join(outDir, 'package.json'), '{\n  "type": "module"\n}\n');
  copyPrompts(join(outDir, 'chunks', 'prompts'));
  const fastId = await buildFastCli(join(outDir, 'chunks', 'fast-cli.cjs'));
  await buildLauncher(join(outDir, 'cli', 'index.js'), fastId);
  // The launcher is CommonJS (Node starts that faster than an ES module); the rest of dist/ is ESM.
  writeFileSync(join(outDir, 'cli', 'package.json'), '{\n  "type": "commonjs"\n}\n');
  chmodSync(join(outDir, 'cli', 'index.js'), 0o755);
  return result.metafile;
}

/**
 * Modules the fast CLI bundle leaves to the full CLI, with every package: importing one there declines the run
 * (src/cli/fast-path.ts). The full spec parser is markdown-it and yaml, the config file's is yaml; `run` is the
 * SDK and Octokit.
 */
const FULL_CLI_ONLY = ['src/spec/parse.ts', 'src/core/config-yaml.ts', 'src/cli/run-command.ts'];

/**
 * `validate` and `plan` as one CommonJS script (the launcher runs it from a V8 code cache). Lazy imports are
 * kept lazy, inside the file; a package or a FULL_CLI_ONLY module becomes a call that declines the run. Returns
 * the build id: the first 16 hex digits of the file's sha256, which names its cache.
 */
async function buildFastCli(outfile) {
  const declineFastPath = join(root, 'src', 'cli', 'fast-path.ts');
  const bytes = await buildCommonJs(outfile, {
    entryPoints: ['src/cli/fast-entry.ts'],
    // import() of our modules becomes a lazily run part of this file; of Node's built-ins, a require().
    supported: { 'dynamic-import': false },
    // Worked out only if read: making a URL of the path at load time was half a millisecond of every start.
    define: { IMPLEMENT_SPEC_VERSION: JSON.stringify(packageVersion()), 'import.meta.url': '__bundle.url' },
    banner: {
      js: 'var __bundle = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
    },
    plugins: [
      {
        name: 'full-cli-only',
        setup(b) {
          b.onResolve({ filter: /.*/ }, async (args) => {
            if (args.pluginData === RESOLVING || args.namespace === 'full-cli-only') return undefined;
            if (args.path.startsWith('node:')) return undefined;
            const what = await fullCliOnly(b, args);
            if (what === undefined) return undefined;
            if (args.kind !== 'dynamic-import') {
              return {
                errors: [
                  {
                    text: `the fast CLI bundle may hold no package: ${args.importer} imports ${what} statically; import it lazily`,
                  },
                ],
              };
            }
            return { path: what, namespace: 'full-cli-only' };
          });
          b.onLoad({ filter: /.*/, namespace: 'full-cli-only' }, (args) => ({
            contents: `import { declineFastPath } from ${JSON.stringify(declineFastPath)};\ndeclineFastPath(${JSON.stringify(args.path)});\n`,
            loader: 'js',
            resolveDir: root,
          }));
        },
      },
    ],
  });
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Marks the plugin's own resolve calls, which it must not intercept again. */
const RESOLVING = Symbol('resolving');

/** The package name or FULL_CLI_ONLY module an import reaches, if it reaches one. */
async function fullCliOnly(b, args) {
  if (!/^[./]/.test(args.path)) return args.path;
  const resolved = await b.resolve(args.path, {
    kind: args.kind,
    resolveDir: args.resolveDir,
    importer: args.importer,
    pluginData: RESOLVING,
  });
  const rel = relative(root, resolved.path).split('\\').join('/');
  return FULL_CLI_ONLY.includes(rel) ? rel : undefined;
}

/** The launcher: dist/cli/index.js, the `implement-spec` command. */
async function buildLauncher(outfile, fastId) {
  await buildCommonJs(outfile, {
    entryPoints: ['src/cli/launch.ts'],
    define: { FAST_CLI_ID: JSON.stringify(fastId) },
  });
}

/** One CommonJS file holding no package (the build fails if it would); returns its bytes, as written. */
async function buildCommonJs(outfile, options) {
  const result = await build({ ...SHARED, ...options, format: 'cjs', outfile, write: false });
  const packages = Object.keys(result.metafile.inputs).filter((m) => m.includes('node_modules'));
  if (packages.length > 0)
    throw new Error(`${outfile} must hold no package, but holds ${packages.join(', ')}`);
  const bytes = result.outputFiles[0].contents;
  // Plain ASCII, so that V8 holds the source as one byte per character: a single other character (esbuild leaves
  // them in regex literals) made the fast bundle's 170 KB source twice that in memory on every start.
  const wide = bytes.findIndex((byte) => byte > 0x7f);
  if (wide !== -1) {
    const at = Buffer.from(bytes.subarray(Math.max(0, wide - 40), wide + 10)).toString('utf8');
    throw new Error(`${outfile} must be ASCII; write \\u escapes in the source instead of: …${at}…`);
  }
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, bytes);
  return bytes;
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
