import { countingStatements, prismaClientOptions, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CatalogDb = PrismaClient;
export type CatalogTx = Prisma.TransactionClient;
export { Prisma };

export type CatalogDbOptions = ContextDbOptions;

export function createCatalogDb(options: CatalogDbOptions): CatalogDb {
  return countingStatements(new PrismaClient(prismaClientOptions(options)), options.onStatement) as unknown as CatalogDb;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CatalogDb, work: (tx: CatalogTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
