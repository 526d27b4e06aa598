// What a CLI command may touch of the process: injected so tests run commands in-process.
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(line: string): void;
  stderr(line: string): void;
  stdoutStream: { isTTY?: boolean };
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stdoutStream: process.stdout,
  };
}
