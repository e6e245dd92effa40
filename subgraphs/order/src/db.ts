import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type OrderDb = PrismaClient;
export type OrderTx = Prisma.TransactionClient;
/** Either the client or a transaction's client: repository functions work inside or outside a transaction. */
export type OrderDbOrTx = OrderDb | OrderTx;
export { Prisma };

export interface OrderDbOptions {
  connectionString: string;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
}

export function createOrderDb({ connectionString, onStatement }: OrderDbOptions): OrderDb {
  if (!onStatement) return new PrismaClient({ adapter: pgAdapter({ connectionString }) });
  const client = new PrismaClient({ adapter: pgAdapter({ connectionString }), log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/**
 * One helper starts transactions, so every multi-row write is all-or-nothing. A checkout rush queues for the
 * pool's connections: waiting up to 20 s for one beats failing a checkout that already holds stock.
 */
export function inTransaction<T>(db: OrderDb, work: (tx: OrderTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 20_000, timeout: 15_000 });
}
