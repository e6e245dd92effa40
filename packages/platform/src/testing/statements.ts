/** Counts SQL statements a service runs, to assert that a query's cost does not grow with its result (no N+1). */
export class StatementCounter {
  private statements: string[] = [];

  readonly record = (sql: string): void => {
    this.statements.push(sql);
  };

  reset(): void {
    this.statements = [];
  }

  get count(): number {
    return this.statements.length;
  }

  get all(): readonly string[] {
    return this.statements;
  }
}
