import { countingStatements, prismaClientOptions, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type PaymentDb = PrismaClient;
export type PaymentTx = Prisma.TransactionClient;
export { Prisma };

export type PaymentDbOptions = ContextDbOptions;

export function createPaymentDb(options: PaymentDbOptions): PaymentDb {
  return countingStatements(new PrismaClient(prismaClientOptions(options)), options.onStatement) as unknown as PaymentDb;
}

/**
 * One helper starts transactions, so every multi-row write is all-or-nothing. `longestCallMs` is the longest
 * provider call made inside (a payment's row stays locked across it), so the transaction outlives it.
 */
export function inTransaction<T>(db: PaymentDb, work: (tx: PaymentTx) => Promise<T>, longestCallMs = 0): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 + longestCallMs });
}
