import { position, positionOf, readPage, toConnection, type Connection, type CursorScope, type Page, type PageArgs } from '@shop/platform';

/** Cursor of a list ordered by (something, id): the row's id; Prisma finds the row and continues after it. */
export interface IdCursor {
  id: string;
}

const isIdCursor = positionOf<IdCursor>({ id: position.uuid });

/** `scope` names the list and what decides its rows (see CursorScope): a cursor from another list is refused. */
export function readIdPage(args: PageArgs, scope: CursorScope): Page<IdCursor> {
  return readPage<IdCursor>(args, isIdCursor, scope);
}

/** findMany arguments for one page after `after`, fetching one extra row to know whether another page exists. */
export function pageQuery(page: { limit: number; after: IdCursor | null }): { take: number; skip?: number; cursor?: { id: string } } {
  return page.after ? { take: page.limit + 1, skip: 1, cursor: { id: page.after.id } } : { take: page.limit + 1 };
}

export function idConnection<T extends { id: string }>(rows: T[], page: Page<IdCursor>): Connection<T> {
  return toConnection(rows, page, (row) => ({ id: row.id }));
}
