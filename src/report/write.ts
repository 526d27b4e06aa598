// The one place the report touches the file system: both reports side by side in `dir`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../core/results.js';
import { REPORT_JSON_FILENAME, renderReportJson } from './json.js';
import { REPORT_MARKDOWN_FILENAME, type ReportMarkdownOptions, renderReportMarkdown } from './markdown.js';

export interface WrittenReports {
  markdownPath: string;
  jsonPath: string;
}

/**
 * Write `IMPLEMENTATION_REPORT.md` and `implementation-report.json` into `dir` (created if missing).
 * The Markdown points at the JSON by its file name unless `opts.jsonPath` says otherwise.
 */
export async function writeReports(
  dir: string,
  result: RunResult,
  opts: ReportMarkdownOptions = {},
): Promise<WrittenReports> {
  const markdownPath = join(dir, REPORT_MARKDOWN_FILENAME);
  const jsonPath = join(dir, REPORT_JSON_FILENAME);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(jsonPath, renderReportJson(result), 'utf8');
    await writeFile(
      markdownPath,
      renderReportMarkdown(result, { ...opts, jsonPath: opts.jsonPath ?? REPORT_JSON_FILENAME }),
      'utf8',
    );
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not write the implementation report to ${dir}: ${why}. Check that the directory is writable, or choose another output directory.`,
      { cause: error },
    );
  }
  return { markdownPath, jsonPath };
}
