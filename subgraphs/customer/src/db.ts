import { countingStatements, prismaClientOptions, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CustomerDb = PrismaClient;
export type CustomerTx = Prisma.TransactionClient;
export { Prisma };

export type CustomerDbOptions = ContextDbOptions;

export function createCustomerDb(options: CustomerDbOptions): CustomerDb {
  return countingStatements(new PrismaClient(prismaClientOptions(options)), options.onStatement) as unknown as CustomerDb;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CustomerDb, work: (tx: CustomerTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
