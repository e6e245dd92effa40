import { countingStatements, prismaClientOptions, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CartDb = PrismaClient;
export type CartTx = Prisma.TransactionClient;
export { Prisma };

export type CartDbOptions = ContextDbOptions;

export function createCartDb(options: CartDbOptions): CartDb {
  return countingStatements(new PrismaClient(prismaClientOptions(options)), options.onStatement) as unknown as CartDb;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CartDb, work: (tx: CartTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
