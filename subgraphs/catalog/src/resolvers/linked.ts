/** A row another row names by foreign key exists: a miss is a broken invariant (an internal error), never a null on a non-null field. */
export function linked<T>(row: T | null | undefined, what: string): T {
  if (!row) throw new Error(`${what} not found`);
  return row;
}
