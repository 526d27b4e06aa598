// Before any model call: can the test and format commands (which run code the agents write) be sandboxed
// here? If not, the run is refused with the way to enable the sandbox, unless the workflow opted out with
// allow-unsandboxed-commands. Refusing up front loses nothing and spends nothing.
import type { CommandPolicy } from '../run/commands.js';
import { detectSandbox, ENABLE_HINT, type SandboxAvailability } from '../run/sandbox.js';

export interface SandboxSettings {
  testCommand: string;
  formatCommand: string;
  sandboxNetwork: boolean;
  sandboxEnv: string[];
  allowUnsandboxedCommands: boolean;
}

/** The policy for this run's commands; throws (before anything is spent) when they cannot run safely. */
export async function commandPolicyFor(
  settings: SandboxSettings,
  warn: (message: string) => void,
  detect: () => Promise<SandboxAvailability> = () => detectSandbox(),
): Promise<CommandPolicy> {
  const base = {
    network: settings.sandboxNetwork,
    passEnv: settings.sandboxEnv,
  };
  if (!settings.testCommand && !settings.formatCommand) {
    return { ...base, withoutSandbox: 'refuse' };
  }
  const availability = await detect();
  if (availability.available) return { ...base, withoutSandbox: 'refuse', availability };
  if (!settings.allowUnsandboxedCommands) {
    throw new Error(
      `test-command and format-command run code the agents write, and no sandbox is available to run it in: ` +
        `${availability.reason} ${ENABLE_HINT} Nothing was spent. To run them without a sandbox anyway ` +
        '(the code could then read the secrets of this job), set allow-unsandboxed-commands: true.',
    );
  }
  warn(
    `Running test-command/format-command WITHOUT a sandbox (allow-unsandboxed-commands: true): ${availability.reason} ` +
      'The code the agents write can read what this job can read.',
  );
  return { ...base, withoutSandbox: 'run-unsandboxed', availability };
}
