import { pgAdapter } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CartDb = PrismaClient;
export type CartTx = Prisma.TransactionClient;
export { Prisma };

export interface CartDbOptions {
  connectionString: string;
  poolSize?: number;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
}

export function createCartDb({ connectionString, poolSize, onStatement }: CartDbOptions): CartDb {
  const adapter = pgAdapter({ connectionString, max: poolSize });
  if (!onStatement) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => onStatement(event.query));
  return client as unknown as PrismaClient;
}

/** One helper starts transactions, so every multi-row write is all-or-nothing. */
export function inTransaction<T>(db: CartDb, work: (tx: CartTx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { maxWait: 5_000, timeout: 15_000 });
}
