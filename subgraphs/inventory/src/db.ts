import { createHash } from 'node:crypto';
import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type InventoryDb = PrismaClient;
export type InventoryTx = Prisma.TransactionClient;
/** Either the client or a transaction: statements that must run inside a caller's transaction take this. */
export type Sql = InventoryDb | InventoryTx;
export { Prisma };

export interface InventoryDbOptions {
  connectionString: string;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
  /** Pool size per process (default 10). */
  poolSize?: number;
}

/** Marks a hot statement to be prepared once per connection: put it first in the statement's SQL text. */
export const prepared = (name: string) => Prisma.raw(`/* prepared:${name} */ `);
const PREPARED = /^\/\* prepared:([\w-]+) \*\//;

/** The prepared statement's name: the marker's name and a hash of the text, so a changed text gets a new name. */
export function statementName(sql: string): string {
  const marker = PREPARED.exec(sql);
  return marker ? `inventory_${marker[1]}_${createHash('sha1').update(sql).digest('hex').slice(0, 12)}` : '';
}

export function createInventoryDb({ connectionString, onStatement, poolSize }: InventoryDbOptions): InventoryDb {
  const adapter = pgAdapter({ connectionString, max: poolSize, statementName });
  if (!onStatement) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: InventoryDb, work: (tx: InventoryTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
