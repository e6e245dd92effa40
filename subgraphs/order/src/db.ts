import { countingStatements, prismaClientOptions, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type OrderDb = PrismaClient;
export type OrderTx = Prisma.TransactionClient;
/** Either the client or a transaction's client: repository functions work inside or outside a transaction. */
export type OrderDbOrTx = OrderDb | OrderTx;
export { Prisma };

export type OrderDbOptions = ContextDbOptions;

export function createOrderDb(options: OrderDbOptions): OrderDb {
  return countingStatements(new PrismaClient(prismaClientOptions(options)), options.onStatement) as unknown as OrderDb;
}

/**
 * One helper starts transactions, so every multi-row write is all-or-nothing. A checkout rush queues for the
 * pool's connections: waiting up to 20 s for one beats failing a checkout that already holds stock.
 */
export function inTransaction<T>(db: OrderDb, work: (tx: OrderTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 20_000, timeout: 15_000 });
}
