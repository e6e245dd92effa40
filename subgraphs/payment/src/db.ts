import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type PaymentDb = PrismaClient;
export type PaymentTx = Prisma.TransactionClient;
export { Prisma };

export interface PaymentDbOptions {
  connectionString: string;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
}

export function createPaymentDb({ connectionString, onStatement }: PaymentDbOptions): PaymentDb {
  if (!onStatement) return new PrismaClient({ adapter: pgAdapter({ connectionString }) });
  const client = new PrismaClient({ adapter: pgAdapter({ connectionString }), log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/**
 * One helper starts transactions, so every multi-row write is all-or-nothing. `longestCallMs` is the longest
 * provider call made inside (a payment's row stays locked across it), so the transaction outlives it.
 */
export function inTransaction<T>(db: PaymentDb, work: (tx: PaymentTx) => Promise<T>, longestCallMs = 0): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 + longestCallMs });
}
