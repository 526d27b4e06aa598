// The runner's side of the workflow-command protocol, which is all the action needs of @actions/core: inputs from
// INPUT_* variables, outputs and the job summary through the files the runner names, annotations, masks and
// groups as `::command::` lines on stdout. Written out here (byte-for-byte what @actions/core 3 prints, which a
// test compares) because @actions/core loads its OIDC client, and with it undici, at import time: about 0.6 MB
// that every run, even one that has nothing to do, would compile before its first log line.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { access, appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/** Where an annotation points (the runner shows it on that file and line of the PR's diff). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

type CommandProperties = Record<string, string | number | undefined>;

/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, upper case), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

/** An output of the step, appended to the file the runner names in GITHUB_OUTPUT. */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) {
    appendFileCommand('OUTPUT', keyValueMessage(name, value));
    return;
  }
  // Outside a runner that has output files (old runners, local use): the deprecated stdout command.
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, value);
}

/** The runner replaces this value with *** in every later log line. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', commandProperties(properties), message);
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', commandProperties(properties), message);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('notice', commandProperties(properties), message);
}

/** Marks the step failed (exit code 1 when the process ends) and logs why as an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name);
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '');
}

/** The job summary: Markdown collected in a buffer, appended to GITHUB_STEP_SUMMARY by `write()`. */
class JobSummary {
  private buffer = '';

  addRaw(text: string, addEOL = false): this {
    this.buffer += addEOL ? text + EOL : text;
    return this;
  }

  stringify(): string {
    return this.buffer;
  }

  async write(): Promise<this> {
    const path = process.env.GITHUB_STEP_SUMMARY;
    if (!path) {
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
      );
    }
    try {
      // A runner always creates the file; a local run (`npm run local-action`, a script) may not have.
      if (!existsSync(path)) writeFileSync(path, '', { encoding: 'utf8' });
      await access(path, 6 /* R_OK | W_OK */);
    } catch {
      throw new Error(
        `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`,
      );
    }
    await appendFile(path, this.buffer, { encoding: 'utf8' });
    this.buffer = '';
    return this;
  }
}

export const summary = new JobSummary();

function issueCommand(command: string, properties: CommandProperties, message: string): void {
  let line = `::${command}`;
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  if (props.length > 0) line += ` ${props.join(',')}`;
  process.stdout.write(`${line}::${escapeData(message)}${EOL}`);
}

function commandProperties(p: AnnotationProperties): CommandProperties {
  if (Object.keys(p).length === 0) return {};
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn,
  };
}

/**
 * `name<<delimiter` … `delimiter`, with a random delimiter. What stops a value from ending the block early and
 * setting other outputs is the check that neither name nor value contains the delimiter, not its secrecy; so a
 * UUID-shaped string from Math.random serves, and the start path does not load node:crypto (≈ 5 ms on Node 24).
 */
function keyValueMessage(key: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUuidShape()}`;
  if (key.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}

function randomUuidShape(): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

function appendFileCommand(command: string, message: string): void {
  const path = process.env[`GITHUB_${command}`] as string;
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  appendFileSync(path, `${message}${EOL}`, { encoding: 'utf8' });
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
