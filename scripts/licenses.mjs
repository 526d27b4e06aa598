// The licences of what dist/ redistributes, derived from the bundle itself: esbuild's metafile lists every
// source module that went into an output file, so a package is listed exactly when some of its code is bundled
// (not when it is merely a dependency, and never by hand). tests/release/bundle.test.ts checks the result
// against a fresh build's module list.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b` (the innermost package). */
export function packageDirOf(modulePath) {
  const marker = 'node_modules/';
  const at = modulePath.lastIndexOf(marker);
  if (at < 0) return null;
  const rest = modulePath.slice(at + marker.length).split('/');
  const nameParts = rest[0]?.startsWith('@') ? 2 : 1;
  return modulePath.slice(0, at + marker.length) + rest.slice(0, nameParts).join('/');
}

/** Every package with code in the bundle: name, version, declared licence and its directory, sorted by name. */
export function bundledPackages(metafile, root) {
  const dirs = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const dir = packageDirOf(input);
      if (dir) dirs.add(dir);
    }
  }
  const packages = [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
    if (!license)
      throw new Error(`${dir}/package.json declares no licence: cannot redistribute it in dist/.`);
    return { name: manifest.name, version: manifest.version, license, dir };
  });
  return packages.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1,
  );
}

function licenceTexts(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)/i.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim());
}

/** The text of dist/licenses.txt: one block per package, `name@version (licence)` then its licence text. */
export function renderLicenses(packages, root) {
  const blocks = packages.map((p) => {
    const texts = licenceTexts(join(root, p.dir));
    const body = texts.length
      ? texts.join('\n\n')
      : `The package ships no licence file; its package.json declares ${p.license}.`;
    return `${p.name}@${p.version}\n${p.license}\n\n${body}\n`;
  });
  return `Third-party software bundled in this directory (${packages.length} packages)\n\n${blocks.join('\n-----\n\n')}`;
}

/** The `name@version` headings of a licenses.txt, for checks. */
export function listedPackages(licensesText) {
  const names = new Set();
  for (const block of licensesText.split('\n-----\n')) {
    const heading = block
      .trim()
      .split('\n')
      .find((l) => /^\S+@\S+$/.test(l));
    if (heading) names.add(heading);
  }
  return names;
}
