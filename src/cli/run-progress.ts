// The CLI's progress sink: one terminal line per task start, task end, file and warning.
import { formatUsd } from '../report/format.js';
import type { ProgressSink } from '../run/start-run.js';
import type { CliIo } from './io.js';
import type { createStyle } from './style.js';

export function terminalSink(
  io: CliIo,
  style: ReturnType<typeof createStyle>,
  verbose: boolean,
): ProgressSink {
  return {
    taskStarted: (task) => io.stdout(`▶ [${task.id}] ${task.agent}  ${task.title}`),
    taskEnded: (r) => {
      const mark =
        r.status === 'success' ? style.green('✓') : r.status === 'skipped' ? style.dim('–') : style.red('✗');
      io.stdout(
        `${mark} [${r.taskId}] ${r.status}  ${r.files.length} file(s)  ${formatUsd(r.costUsd)}${r.reason ? `  — ${r.reason}` : ''}`,
      );
    },
    fileWritten: (record) =>
      io.stdout(style.dim(`    ${record.action} ${record.path} (${record.bytes} bytes)`)),
    warning: (message) => io.stderr(style.yellow(`warning: ${message}`)),
    // Streamed model text goes straight to the terminal, without line breaks of ours.
    ...(verbose ? { text: (_taskId: string, text: string) => process.stdout.write(style.dim(text)) } : {}),
  };
}
