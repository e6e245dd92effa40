import { createHash } from 'node:crypto';
import { badUserInput } from '../errors';
import { stringProblem } from './input-guard';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<C> {
  limit: number;
  after: C | null;
  /** Digest of what the list was made for (see CursorScope); every cursor of the page carries it. */
  scope: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
  totalCount?: number;
}

/**
 * What a list's cursors are made for: the list's name and everything that decides its rows and their order —
 * sort, filter, the parent whose list it is (e.g. `['products', sort, filter]`, `['reviews', productId]`).
 */
export type CursorScope = readonly unknown[];

/** Longest cursor we issue is well under this (a product name as sort key); anything longer is not ours. */
const MAX_CURSOR_LENGTH = 2_048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Cursors are opaque: base64url of `{ s, p }`, the digest of the list's scope and the position in it. A cursor
 * from another list, sort order or filter is BAD_USER_INPUT before any query runs, so a position is never
 * compared against the wrong column (a price read as a timestamp); positions are checked by the list's own guard
 * and every string in them like an argument (no NUL, no lone surrogate). They are not signed: a hand-made cursor
 * that passes these checks only starts the page at another place in the same list, where paging would get anyway.
 */
export function encodeCursor(value: unknown, scope = scopeDigest([])): string {
  return Buffer.from(JSON.stringify({ s: scope, p: value })).toString('base64url');
}

/** Decodes a cursor made by encodeCursor for this scope and checks its position; anything else is BAD_USER_INPUT. */
export function decodeCursor<C>(cursor: string, isValid: (value: unknown) => value is C, scope = scopeDigest([])): C {
  const refuse = (why: string) =>
    badUserInput(`The \`after\` cursor ${why}; use the endCursor of a page of this same list.`, [{ field: 'after', message: 'invalid cursor' }]);
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw refuse('is not one this API issued');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not one this API issued');
  }
  if (typeof decoded !== 'object' || decoded === null || !('s' in decoded) || !('p' in decoded)) throw refuse('is not one this API issued');
  if (decoded.s !== scope) throw refuse('was made for another list, sort order or filter');
  const position = decoded.p;
  if (!cleanStrings(position, 0) || !isValid(position)) throw refuse('is not one this API issued');
  return position;
}

export function readPage<C>(args: PageArgs, isValid: (value: unknown) => value is C, scope: CursorScope, fallback = 20, max = MAX_PAGE_SIZE): Page<C> {
  const first = args.first ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badUserInput(`\`first\` must be between 0 and ${max}.`, [{ field: 'first', message: `must be 0..${max}` }]);
  }
  const digest = scopeDigest(scope);
  return { limit: first, after: args.after ? decodeCursor(args.after, isValid, digest) : null, scope: digest };
}

/** Builds a connection from rows fetched with `limit + 1`, the extra row telling whether another page exists. */
export function toConnection<T>(rows: T[], page: Page<unknown>, cursorOf: (row: T) => unknown): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(cursorOf(node), page.scope) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
    },
  };
}

export function scopeDigest(scope: CursorScope): string {
  return createHash('sha256').update(JSON.stringify(canonical(scope))).digest('base64url').slice(0, 16);
}

/** The same scope whatever order an input object's keys came in, and whether an absent value was null or left out. */
function canonical(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

const MAX_POSITION_STRING = 1_024;

function cleanStrings(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= MAX_POSITION_STRING && stringProblem(value, false) === null;
  if (typeof value !== 'object' || value === null) return true;
  if (depth > 4) return false;
  return Object.values(value).every((v) => cleanStrings(v, depth + 1));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIMESTAMP_TEXT = /^((?!0000)\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;
const NUMERIC_TEXT = /^-?\d{1,20}(\.\d{1,40})?$/;

/**
 * Guards for the parts of a cursor position, strict enough that a value that passes always casts in PostgreSQL
 * (`'2026-13-45'::timestamp` or `'----'::uuid` would fail the query instead of the cursor).
 */
export const position = {
  uuid: (v: unknown): v is string => typeof v === 'string' && UUID.test(v),
  /** A Date's `toISOString()`, as cursors made from Prisma rows carry it. */
  instant: (v: unknown): v is string => typeof v === 'string' && ISO_INSTANT.test(v) && new Date(v).toISOString() === v,
  /** PostgreSQL's text of a `timestamp` (`2026-11-30 12:34:56.123456`), as raw-SQL cursors carry it. */
  timestampText: (v: unknown): v is string => {
    const m = typeof v === 'string' ? TIMESTAMP_TEXT.exec(v) : null;
    if (!m) return false;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
      date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  },
  /** PostgreSQL's text of a `numeric`. */
  numericText: (v: unknown): v is string => typeof v === 'string' && NUMERIC_TEXT.test(v),
  /** A whole number an INTEGER column holds. */
  int32: (v: unknown): v is number => Number.isInteger(v) && (v as number) >= -2_147_483_648 && (v as number) <= 2_147_483_647,
  /** Text compared as text (a name): any clean string; length and characters are checked for every cursor. */
  text: (v: unknown): v is string => typeof v === 'string',
};

/** A guard for positions that are objects with exactly these keys, each checked by its own guard. */
export function positionOf<C extends object>(shape: { [K in keyof C]: (v: unknown) => v is C[K] }): (v: unknown) => v is C {
  const keys = Object.keys(shape);
  return (v: unknown): v is C =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === keys.length &&
    keys.every((k) => (shape as Record<string, (x: unknown) => boolean>)[k]((v as Record<string, unknown>)[k]));
}

/** A row a newest-first list pages through: its creation instant, then its id to break ties. */
export interface CreatedRow {
  id: string;
  createdAt: Date | null;
}

/** The part of a Prisma model (`ctx.db.order`) a newest-first page reads through. */
export interface NewestFirstModel<Row extends CreatedRow> {
  findMany(args: { where: { AND: object[] }; orderBy: { createdAt?: 'desc'; id?: 'desc' }[]; take: number }): PromiseLike<Row[]>;
  count(args: { where: object }): PromiseLike<number>;
}

interface CreatedCursor {
  at: string;
  id: string;
}
const isCreatedCursor = positionOf<CreatedCursor>({ at: position.instant, id: position.uuid });

/**
 * A page of `model`'s rows matching `where`, newest first, with the total: keyset-paged by (created_at, id) so
 * rows made in the same instant still page without gaps or repeats. `where` holds the filter and whose rows
 * these are, so a cursor is good only for the list (`list`), filter and owner it was made for.
 */
export async function newestFirstPage<Row extends CreatedRow>(
  model: NewestFirstModel<Row>,
  list: string,
  where: object,
  args: PageArgs,
): Promise<Connection<Row> & { totalCount: number }> {
  const page = readPage(args, isCreatedCursor, [list, where]);
  const after = page.after
    ? { OR: [{ createdAt: { lt: new Date(page.after.at) } }, { createdAt: new Date(page.after.at), id: { lt: page.after.id } }] }
    : {};
  const [rows, totalCount] = await Promise.all([
    model.findMany({ where: { AND: [where, after] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: page.limit + 1 }),
    model.count({ where }),
  ]);
  return { ...toConnection(rows, page, (row) => ({ at: (row.createdAt ?? new Date(0)).toISOString(), id: row.id })), totalCount };
}
