// Prints the CHANGELOG.md section of one version (`node scripts/release-notes.mjs v1.2.3`), for the release
// workflow's notes. Fails, naming the version, when the CHANGELOG has no section for it: a release without notes
// is a forgotten CHANGELOG entry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The body of `## [version]` (without its heading), or null. Keep a Changelog layout. */
export function releaseNotes(changelog, version) {
  const wanted = version.replace(/^v/, '');
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^## \\[${wanted.replace(/\./g, '\\.')}\\]`).test(l));
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^## |^\[[^\]]+\]: /.test(l));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2] ?? '';
  const notes = releaseNotes(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (!notes) {
    console.error(
      `CHANGELOG.md has no "## [${version.replace(/^v/, '')}]" section. Add one, then tag again.`,
    );
    process.exit(1);
  }
  console.log(notes);
}
