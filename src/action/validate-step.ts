// The validate part of the action: annotations on spec lines, a summary table per spec, outputs.
import { resolve } from 'node:path';
import { loadSpec } from '../spec/load.js';
import type { Finding, Validation } from '../spec/types.js';
import { validateSpec } from '../spec/validate.js';
import type { ActionEnv } from './env.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutputs } from './outputs.js';
import * as core from './runner.js';

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function annotate(v: Validation): void {
  for (const f of v.findings) {
    const props: core.AnnotationProperties = {
      file: v.spec.path,
      startLine: f.line,
      startColumn: f.column,
      title: `${f.gate}/${f.rule}`,
    };
    const text = f.hint ? `${f.message} — ${f.hint}` : f.message;
    if (f.severity === 'error') core.error(text, props);
    else if (f.severity === 'warning') core.warning(text, props);
    else core.notice(text, props);
  }
}

export function validationSummaryMarkdown(validations: Validation[]): string {
  const out: string[] = ['## implement-spec: spec validation', ''];
  if (validations.length === 0) {
    out.push('No spec files matched this event.');
    return out.join('\n');
  }
  for (const v of validations) {
    const m = v.spec.metadata;
    out.push(`### ${v.ready ? '✅ Ready' : '❌ Not ready'}: \`${escapeCell(v.spec.path)}\``);
    out.push('');
    out.push(
      `id \`${escapeCell(m.id ?? '(none)')}\` · complexity ${m.complexity ?? '?'} · maturity ${m.maturity ?? '?'} · layout ${v.spec.layout} · score ${v.score}%`,
    );
    out.push('');
    out.push('| Gate | Status | Errors | Warnings | Infos |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const g of v.gates) {
      const of = (s: Finding['severity']) =>
        v.findings.filter((f) => f.gate === g.gate && f.severity === s).length;
      const status = !g.applicable ? 'not applicable' : g.passed ? 'pass' : 'FAIL';
      out.push(`| ${g.gate} | ${status} | ${of('error')} | ${of('warning')} | ${of('info')} |`);
    }
    const shown = v.findings.filter((f) => f.severity !== 'info');
    if (shown.length > 0) {
      out.push('');
      out.push('| Line | Severity | Rule | Finding | Fix |');
      out.push('| --- | --- | --- | --- | --- |');
      for (const f of shown.slice(0, 100)) {
        out.push(
          `| ${f.line}:${f.column} | ${f.severity} | ${f.gate}/${f.rule} | ${escapeCell(f.message)} | ${escapeCell(f.hint)} |`,
        );
      }
      if (shown.length > 100)
        out.push(`| … | | | ${shown.length - 100} more finding(s) in the annotations | |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function specsOutput(validations: Validation[]): string {
  return JSON.stringify(
    validations.map((v) => ({ path: v.spec.path, id: v.spec.metadata.id, ready: v.ready })),
  );
}

/** One actionable message naming every spec that is not ready and its first errors. */
export function notReadyMessage(validations: Validation[]): string | null {
  const bad = validations.filter((v) => !v.ready);
  if (bad.length === 0) return null;
  const parts = bad.map((v) => {
    const errors = v.findings.filter((f) => f.severity === 'error');
    const first = errors
      .slice(0, 3)
      .map((f) => `line ${f.line}: ${f.message}`)
      .join('; ');
    return `${v.spec.path} (${errors.length} error(s)${first ? `: ${first}` : ''})`;
  });
  return `${bad.length} spec(s) not ready: ${parts.join(' | ')}. Fix the findings annotated on the spec files (see the job summary), or set force: true to implement anyway.`;
}

/** Validates the workspace-relative spec files, keeping their relative paths for annotations. */
export async function validateAll(files: string[], env: ActionEnv): Promise<Validation[]> {
  const validations: Validation[] = [];
  for (const file of files)
    validations.push(validateSpec(await loadSpec(resolve(env.workspace, file), file, env.workspace)));
  return validations;
}

/** Annotations, the validation part of the job summary, and the `specs`/`ready` outputs. */
export function reportValidation(validations: Validation[], outputs: ActionOutputs): void {
  for (const v of validations) annotate(v);
  outputs.set('specs', specsOutput(validations));
  outputs.set('ready', String(validations.length > 0 && validations.every((v) => v.ready)));
  core.summary.addRaw(validationSummaryMarkdown(validations), true);
}

export function notReadyFailure(validations: Validation[], inputs: ActionInputs): string | null {
  if (inputs.force) return null;
  return notReadyMessage(validations);
}
