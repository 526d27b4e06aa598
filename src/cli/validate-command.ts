import { relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { findSpecFiles } from '../spec/discover.js';
import { loadSpec, SpecReadError } from '../spec/load.js';
import { forgetTree } from '../spec/tree.js';
import type { Finding, Validation } from '../spec/types.js';
import { validateSpec } from '../spec/validate.js';
import { toValidationReport } from '../spec/validation-report.js';
import { markWholePath } from './fast-path.js';
import type { CliIo } from './io.js';
import { createStyle, type Style, useColor } from './style.js';
import { UsageError } from './usage.js';

const READ_AHEAD = 32;

export function formatFinding(path: string, f: Finding, style: Style): string {
  const sev =
    f.severity === 'error'
      ? style.red('error')
      : f.severity === 'warning'
        ? style.yellow('warning')
        : style.cyan('info');
  const hint = f.hint ? `  ${style.dim(`(${f.hint})`)}` : '';
  return `${path}:${f.line}:${f.column}  ${sev}  ${f.gate}/${f.rule}  ${f.message}${hint}`;
}

export function formatVerdict(v: Validation, style: Style): string {
  const m = v.spec.metadata;
  const verdict = v.ready ? style.green('READY') : style.red('NOT READY');
  const errors = v.findings.filter((f) => f.severity === 'error').length;
  const warnings = v.findings.filter((f) => f.severity === 'warning').length;
  const gates = v.gates
    .filter((g) => g.applicable)
    .map((g) => `${g.gate} ${g.passed ? 'pass' : 'fail'}`)
    .join(', ');
  return `${verdict}  ${style.bold(v.spec.path)}  ${m.id ?? '(no id)'}  score ${v.score}%  [${gates}]  ${errors} error(s), ${warnings} warning(s)`;
}

export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  if (positionals.length === 0) {
    throw new UsageError(
      'validate needs at least one spec file, directory or glob, e.g. `implement-spec validate specs/`.',
    );
  }
  const { files, problems } = await findSpecFiles(positionals, io.cwd);
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`implement-spec: ${p}`);
    return 2;
  }
  const validations: Validation[] = [];
  // Reads run ahead of parsing, a window at a time, so the CPU never waits on the disk one file at a time.
  const shown = (file: string) => {
    const rel = relative(io.cwd, file).split(sep).join('/');
    return rel.startsWith('..') ? file : rel;
  };
  for (let start = 0; start < files.length; start += READ_AHEAD) {
    const window = files.slice(start, start + READ_AHEAD).map((file) => loadSpec(file, shown(file)));
    // Rejections are awaited below in order; this keeps a later one from being reported as unhandled.
    for (const pending of window) pending.catch(() => {});
    for (const pending of window) {
      try {
        const spec = await pending;
        validations.push(validateSpec(spec));
        // Every verdict is kept until the end, and with it its spec; the spec's Markdown tree is needed only by
        // the gates. Kept for 1,000 specs, the trees made garbage collection a fifth of the run.
        forgetTree(spec);
      } catch (err) {
        if (err instanceof SpecReadError) {
          io.stderr(`implement-spec: ${err.message}`);
          return 2;
        }
        throw err;
      }
    }
  }
  const failed = (v: Validation) =>
    !v.ready || (values.strict === true && v.findings.some((f) => f.severity === 'warning'));

  if (values.json) {
    io.stdout(JSON.stringify(toValidationReport(validations), null, 2));
  } else {
    const style = createStyle(useColor(io.stdoutStream, io.env));
    for (const v of validations) {
      if (values.quiet && !failed(v)) continue;
      io.stdout(formatVerdict(v, style));
      for (const f of v.findings) {
        if (values.quiet && f.severity === 'info') continue;
        io.stdout(`  ${formatFinding(v.spec.path, f, style)}`);
      }
    }
    const ready = validations.filter((v) => v.ready).length;
    io.stdout(`${validations.length} spec(s): ${ready} ready, ${validations.length - ready} not ready`);
  }
  markWholePath();
  return validations.some(failed) ? 1 : 0;
}
