// Reads a spec file. The only place in src/spec that touches the file system for a single spec.
import { readFileSync, realpathSync } from 'node:fs';
import nodePath from 'node:path';
import { buildSpec, FAST_READERS } from './build-spec.js';
import type { Spec } from './types.js';

/** The spec file could not be read at all (missing, a directory, no permission). The CLI exits 2 on it. */
export class SpecReadError extends Error {
  override readonly name = 'SpecReadError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Cannot read spec ${path}: ${reason}`);
  }
}

function explain(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file; check the path (it is relative to the current directory)';
    case 'EISDIR':
      return 'it is a directory; pass a .md spec file inside it, or let the tool search it';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; make the file readable';
    default:
      return error.message;
  }
}

/**
 * Why `file` may not be read as a spec of the checkout `root`, or null: it must lie inside the root with no
 * symbolic link on the way (a link in the repository could otherwise send a runner file such as the event
 * payload or ~/.git-credentials to the model), and never inside `.git`.
 */
export function specPlaceProblem(root: string, file: string): string | null {
  const wanted = nodePath.resolve(root, file);
  const rel = nodePath.relative(nodePath.resolve(root), wanted);
  if (rel === '' || rel.startsWith('..') || nodePath.isAbsolute(rel)) {
    return 'it lies outside the checkout; name a spec inside the repository';
  }
  if (rel.split(nodePath.sep).some((part) => part.toLowerCase() === '.git')) {
    return 'it lies inside .git; name a spec file of the repository';
  }
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    return null; // Missing: reading it gives the usual "no such file" explanation.
  }
  if (real !== nodePath.join(realpathSync(root), rel)) {
    return 'it is a symbolic link, or lies behind one; specs are read only as regular files of the checkout';
  }
  return null;
}

/** `root`: when given, the spec must be a regular file inside it (see specPlaceProblem). */
export async function loadSpec(path: string, displayPath?: string, root?: string): Promise<Spec> {
  if (root !== undefined) {
    const problem = specPlaceProblem(root, path);
    if (problem) throw new SpecReadError(displayPath ?? path, problem);
  }
  let bytes: Buffer;
  try {
    // Synchronous: one small file, and an asynchronous read's trip through the thread pool cost a one-spec
    // `validate` more than a millisecond (a tenth of its time beyond Node's start) for nothing to overlap with.
    bytes = readFileSync(path);
  } catch (error) {
    throw new SpecReadError(displayPath ?? path, explain(error as NodeJS.ErrnoException));
  }
  const name = displayPath ?? path;
  // markdown-it and yaml load only for a spec the fast readers decline (see build-spec.ts).
  return buildSpec(FAST_READERS, name, bytes) ?? (await import('./parse.js')).parseSpec(name, bytes);
}
