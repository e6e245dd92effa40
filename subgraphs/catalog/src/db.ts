import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CatalogDb = PrismaClient;
export type CatalogTx = Prisma.TransactionClient;
export { Prisma };

export interface CatalogDbOptions {
  connectionString: string;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
}

export function createCatalogDb({ connectionString, onStatement }: CatalogDbOptions): CatalogDb {
  if (!onStatement) return new PrismaClient({ adapter: pgAdapter({ connectionString }) });
  const client = new PrismaClient({ adapter: pgAdapter({ connectionString }), log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CatalogDb, work: (tx: CatalogTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
