import { badUserInput } from '../errors';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<C> {
  limit: number;
  after: C | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
  totalCount?: number;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor and checks its shape; anything else is BAD_USER_INPUT. */
export function decodeCursor<C>(cursor: string, isValid: (value: unknown) => value is C): C {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw badUserInput('The `after` cursor is not one this API issued.', [{ field: 'after', message: 'invalid cursor' }]);
}

export function readPage<C>(args: PageArgs, isValid: (value: unknown) => value is C, fallback = 20, max = MAX_PAGE_SIZE): Page<C> {
  const first = args.first ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badUserInput(`\`first\` must be between 0 and ${max}.`, [{ field: 'first', message: `must be 0..${max}` }]);
  }
  return { limit: first, after: args.after ? decodeCursor(args.after, isValid) : null };
}

/** Builds a connection from rows fetched with `limit + 1`, the extra row telling whether another page exists. */
export function toConnection<T>(rows: T[], limit: number, cursorOf: (row: T) => unknown, hadCursor: boolean): Connection<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
    },
  };
}
