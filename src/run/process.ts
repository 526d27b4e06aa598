// Spawns one program with an argument array (never a shell), keeps only the tail of what it prints (so a
// chatty or hostile child cannot exhaust memory), redacts known secret values from it, and kills the whole
// process tree when the time limit passes. Used directly for trusted programs and, wrapped in bubblewrap, by
// the sandbox for code the agents wrote.

import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { redactSecrets } from '../core/secret-env.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_OUTPUT_CHARS = 20_000;
/** After SIGTERM, how long a timed-out process tree gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** After the child exits, how long we wait for grandchildren still holding its stdout/stderr open. */
const STREAM_DRAIN_MS = 2_000;

export interface ProcessRequest {
  program: string;
  args: string[];
  cwd: string;
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Characters of output kept, from the end. */
  maxOutputChars?: number;
  /** Values redacted from the output. */
  secrets?: readonly string[];
  /** The name used in the notes the tool adds to the output (default: program). */
  displayName?: string;
}

export interface ProcessResult {
  /** null when the program could not be started, was killed by a signal or timed out. */
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived, secrets redacted, the tail kept. */
  output: string;
  timedOut: boolean;
  durationMs: number;
}

/** Collects output, keeping only what can end up in the tail, so a chatty test run cannot exhaust memory. */
export class TailBuffer {
  private text = '';
  private cut = false;
  private readonly keep: number;

  constructor(
    private readonly maxChars: number,
    private readonly secrets: readonly string[],
  ) {
    const longest = secrets.reduce((m, s) => Math.max(m, s.length), 0);
    // Room for one secret split across the cut point and one straddling the final tail boundary.
    this.keep = maxChars + 2 * longest + 1;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    this.text += chunk;
    if (this.text.length > this.keep * 2) {
      this.text = this.text.slice(this.text.length - this.keep);
      this.cut = true;
    }
  }

  result(): string {
    let raw = this.text;
    if (raw.length > this.keep) {
      raw = raw.slice(raw.length - this.keep);
      this.cut = true;
    }
    let out = redactSecrets(raw, this.secrets);
    if (this.cut) {
      // The first characters may be the end of a secret whose start was dropped: drop them too.
      const longest = this.secrets.reduce((m, s) => Math.max(m, s.length), 0);
      out = out.slice(longest);
    }
    if (out.length > this.maxChars) this.cut = true;
    if (!this.cut) return out;
    const marker = '[… earlier output omitted …]\n';
    const room = Math.max(0, this.maxChars - marker.length);
    return marker + out.slice(Math.max(0, out.length - room));
  }
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // The child leads its own process group (detached), so test runners' workers die with it.
    if (process.platform !== 'win32') process.kill(-pid, signal);
    else process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `program args` in `cwd` under a timeout that kills the whole process tree. Never throws: a program that
 * is missing or cannot start gives exitCode null and an output that says why.
 */
export async function runProcess(req: ProcessRequest): Promise<ProcessResult> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const name = req.displayName ?? req.program;
  const buffer = new TailBuffer(req.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS, req.secrets ?? []);
  const started = performance.now();

  return await new Promise<ProcessResult>((resolve) => {
    let timedOut = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (exitCode: number | null, note?: string): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      if (note) buffer.push(`${note}\n`);
      resolve({
        exitCode,
        output: buffer.result(),
        timedOut,
        durationMs: Math.round(performance.now() - started),
      });
    };

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(req.program, req.args, {
        cwd: req.cwd,
        env: req.env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (err) {
      finish(null, startFailure(name, req.cwd, err));
      return;
    }

    const decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
    child.stdout?.on('data', (d: Buffer) => buffer.push(decoders.out.write(d)));
    child.stderr?.on('data', (d: Buffer) => buffer.push(decoders.err.write(d)));

    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    const done = (): void => {
      if (settled) return;
      buffer.push(decoders.out.end());
      buffer.push(decoders.err.end());
      let note: string | undefined;
      if (timedOut) {
        note = `[implement-spec: \`${name}\` was stopped after the ${formatMs(timeoutMs)} timeout]`;
      } else if (exitCode === null && exitSignal) {
        note = `[implement-spec: \`${name}\` was killed by ${exitSignal}]`;
      }
      finish(timedOut ? null : exitCode, note);
    };

    child.on('error', (err) => {
      // Spawn failures (ENOENT, EACCES, bad cwd) arrive here, with no exit event.
      if (child.pid === undefined) finish(null, startFailure(name, req.cwd, err));
    });
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // Grandchildren may keep the pipes open after the child is gone; don't wait on them for long.
      timers.push(
        setTimeout(() => {
          killTree(child.pid, 'SIGKILL');
          child.stdout?.destroy();
          child.stderr?.destroy();
          done();
        }, STREAM_DRAIN_MS),
      );
    });
    child.on('close', done);

    timers.push(
      setTimeout(() => {
        timedOut = true;
        killTree(child.pid, 'SIGTERM');
        timers.push(
          setTimeout(() => {
            killTree(child.pid, 'SIGKILL');
            // A process that ignores SIGKILL's group (or leaked its pipes) still must not hang the run.
            timers.push(
              setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                done();
              }, KILL_GRACE_MS),
            );
          }, KILL_GRACE_MS),
        );
      }, timeoutMs),
    );
  });
}

function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}-minute`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}-second`;
  return `${ms} ms`;
}

function startFailure(program: string, cwd: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return (
      `[implement-spec: could not start \`${program}\`: it was not found on PATH (or the working directory ` +
      `${cwd} does not exist). Install it in an earlier workflow step, or use the command that runs it (e.g. \`npx ${program}\`).]`
    );
  }
  if (code === 'EACCES') {
    return `[implement-spec: could not start \`${program}\`: permission denied. Make the file executable or run it through its interpreter (e.g. \`node ${program}\`).]`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `[implement-spec: could not start \`${program}\`: ${message}]`;
}
