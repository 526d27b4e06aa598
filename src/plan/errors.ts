/** A plan that cannot be made as asked: bad options (unknown role, empty filter) or a broken task graph. */
export class PlanError extends Error {
  constructor(
    message: string,
    /** Task ids the problem is about (cycle members, the task with the unknown dependency), when any. */
    readonly taskIds: string[] = [],
  ) {
    super(message);
    this.name = 'PlanError';
  }
}
