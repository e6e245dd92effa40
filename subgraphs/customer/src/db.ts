import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CustomerDb = PrismaClient;
export type CustomerTx = Prisma.TransactionClient;
export { Prisma };

export interface CustomerDbOptions {
  connectionString: string;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
}

export function createCustomerDb({ connectionString, onStatement }: CustomerDbOptions): CustomerDb {
  if (!onStatement) return new PrismaClient({ adapter: pgAdapter({ connectionString }) });
  const client = new PrismaClient({ adapter: pgAdapter({ connectionString }), log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CustomerDb, work: (tx: CustomerTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
