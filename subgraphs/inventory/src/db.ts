import { createHash } from 'node:crypto';
import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type InventoryDb = PrismaClient;
export type InventoryTx = Prisma.TransactionClient;
/** Either the client or a transaction: statements that must run inside a caller's transaction take this. */
export type Sql = InventoryDb | InventoryTx;
export { Prisma };

export type InventoryDbOptions = ContextDbOptions;

/** Marks a hot statement to be prepared once per connection: put it first in the statement's SQL text. */
export const prepared = (name: string) => Prisma.raw(`/* prepared:${name} */ `);
const PREPARED = /^\/\* prepared:([\w-]+) \*\//;

/** The prepared statement's name: the marker's name and a hash of the text, so a changed text gets a new name. */
export function statementName(sql: string): string {
  const marker = PREPARED.exec(sql);
  return marker ? `inventory_${marker[1]}_${createHash('sha1').update(sql).digest('hex').slice(0, 12)}` : '';
}

/** Opens the inventory database (its hot statements prepared); `inTransaction` is the one helper that starts its transactions. */
export const { createDb: createInventoryDb, inTransaction } = contextDatabase<InventoryDb, InventoryTx>(PrismaClient, { statementName });
