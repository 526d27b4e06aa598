// A failure whose explanation is already on the pull request (in the progress comment), so the caller that
// answers on the PR does not post it a second time. The message is the original one: the step fails with it.
export class ReportedError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'ReportedError';
  }
}
