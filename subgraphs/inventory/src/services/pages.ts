import { readPage, toConnection, uuid, type Connection, type PageArgs } from '@shop/platform';

/** Cursor of a list ordered by (something, id): the row's id; Prisma finds the row and continues after it. */
export interface IdCursor {
  id: string;
}

const isIdCursor = (value: unknown): value is IdCursor =>
  typeof value === 'object' && value !== null && uuid.safeParse((value as IdCursor).id).success;

export function readIdPage(args: PageArgs) {
  return readPage<IdCursor>(args, isIdCursor);
}

/** findMany arguments for one page after `after`, fetching one extra row to know whether another page exists. */
export function pageQuery(page: { limit: number; after: IdCursor | null }): { take: number; skip?: number; cursor?: { id: string } } {
  return page.after ? { take: page.limit + 1, skip: 1, cursor: { id: page.after.id } } : { take: page.limit + 1 };
}

export function idConnection<T extends { id: string }>(rows: T[], page: { limit: number; after: IdCursor | null }): Connection<T> {
  return toConnection(rows, page.limit, (row) => ({ id: row.id }), page.after !== null);
}
