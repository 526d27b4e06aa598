// The version of this build, for `--version` and the action's first log line.
import { readFileSync } from 'node:fs';

/** Set by scripts/build.mjs to package.json's version; absent when running from source. */
declare const IMPLEMENT_SPEC_VERSION: string | undefined;

/** The bundle has it inlined; from source, package.json two folders up is read. */
export function version(): string {
  if (typeof IMPLEMENT_SPEC_VERSION === 'string') return IMPLEMENT_SPEC_VERSION;
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
