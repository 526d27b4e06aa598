// Names that git treats as its own directory or files on some file system. Ported from git's path.c
// (`is_ntfs_dotgit`, `is_ntfs_dot_generic`) and utf8.c (`is_hfs_dotgit`): git's `verify_path` refuses the
// NTFS forms by default (core.protectNTFS is on everywhere since 2.24.1) and `fsck` (run by servers on push)
// refuses the HFS+ forms too, so a run that wrote such a name would fail its commit or push after every
// model call was paid. On Windows or macOS they also reach the real `.git`, so reads refuse them as well.

/** Characters HFS+ ignores when comparing names, so ".g\u200cit" is ".git" on a Mac (git's utf8.c list). */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/**
 * NTFS: ".git" or its 8.3 short name "git~1", any case, followed only by dots and spaces (which NTFS drops),
 * optionally followed by ":<stream>" (an alternate data stream of the same file or directory).
 */
const NTFS_DOTGIT = /^(?:\.git|git~1)[. ]*(?::.*)?$/i;

/** True when `segment` (one path component) names the `.git` directory on NTFS or HFS+. */
export function isGitDirAlias(segment: string): boolean {
  if (NTFS_DOTGIT.test(segment)) return true;
  return segment.replace(HFS_IGNORED, '').toLowerCase() === '.git';
}

/**
 * The names NTFS may treat as `.<name>` (git's `is_ntfs_dot_generic`): the name itself followed by dots,
 * spaces or a stream, its regular short name (first 6 characters + "~1".."~4"), and the fallback short name
 * (`shortPrefix`, a hash git documents per file, + "~<digits>"), which Windows uses once ~1..~4 are taken.
 */
export function isNtfsAliasOf(segment: string, name: string, shortPrefix: string): boolean {
  const lower = segment.toLowerCase();
  const tailIsDropped = (tail: string) => /^[. ]*(?::.*)?$/.test(tail);
  if (lower.startsWith(`.${name}`)) return tailIsDropped(lower.slice(name.length + 1));
  if (lower.startsWith(`${name.slice(0, 6)}~`) && /^[1-4]$/.test(lower[7] ?? '')) {
    return tailIsDropped(lower.slice(8));
  }
  const fallback = /^([a-z0-9]{1,6})~([1-9][0-9]*)/.exec(lower);
  // git reads exactly 8 characters here: the prefix, "~", then digits.
  if (!fallback?.[1] || fallback[0].length !== 8 || !shortPrefix.startsWith(fallback[1])) return false;
  return tailIsDropped(lower.slice(fallback[0].length));
}

/** The git files whose NTFS aliases git itself checks (path.c), with git's fallback short-name prefixes. */
export const NTFS_GIT_FILES: readonly { name: string; shortPrefix: string }[] = [
  { name: 'gitmodules', shortPrefix: 'gi7eba' },
  { name: 'gitattributes', shortPrefix: 'gi7d29' },
];
