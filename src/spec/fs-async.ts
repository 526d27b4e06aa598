// node:fs's callback functions as promises, for the code on `validate`'s and `plan`'s path. Not node:fs/promises:
// loading it (with the readline and file-watcher modules it pulls in) is a measurable part of a one-spec
// `validate` or `plan`, whose few reads need only the callback API that Node has loaded already.
import {
  lstat as lstatCallback,
  readdir as readdirCallback,
  readFile as readFileCallback,
  stat as statCallback,
} from 'node:fs';
import { promisify } from 'node:util';

export const readFile = promisify(readFileCallback);
export const readdir = promisify(readdirCallback);
export const stat = promisify(statCallback);
export const lstat = promisify(lstatCallback);
