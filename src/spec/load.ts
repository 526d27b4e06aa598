// Reads a spec file. The only place in src/spec that touches the file system for a single spec.
import { readFile } from 'node:fs/promises';
import { parseSpec } from './parse.js';
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

export async function loadSpec(path: string, displayPath?: string): Promise<Spec> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new SpecReadError(displayPath ?? path, explain(error as NodeJS.ErrnoException));
  }
  return parseSpec(displayPath ?? path, bytes);
}
