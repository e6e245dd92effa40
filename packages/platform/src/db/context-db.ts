import { countingStatements, prismaClientOptions, type ContextDbOptions, type PoolSettings } from './prisma';

/**
 * How long a transaction may wait for a connection, and run, unless the context says otherwise. A checkout rush
 * queues for the pools of order, inventory and payment alike: waiting up to 20 s for a connection beats failing
 * the commit of stock a shopper already holds. (Order waited 20 s since a 200-checkout race flaked under load;
 * in the same race 190 compensations queue for inventory's pool beside the winners' commits, which had 5 s.)
 * Callers' own time limits still apply.
 */
export const TRANSACTION_LIMITS = { maxWait: 20_000, timeout: 15_000 } as const;

export interface ContextDatabaseSettings {
  /** Longest wait for a pool connection before the transaction fails (default 20 s). */
  maxWait?: number;
  /** Longest a transaction may run (default 15 s); `inTransaction`'s third argument extends it. */
  timeout?: number;
  /** Statements this context prepares once per connection (see PoolSettings.statementName). */
  statementName?: PoolSettings['statementName'];
}

export interface ContextDatabase<Db, Tx> {
  /** Opens the context's database: its generated PrismaClient on the pg adapter, statements counted when asked. */
  createDb(options: ContextDbOptions): Db;
  /**
   * The context's one way to start a transaction, so every multi-row write is all-or-nothing. `longestCallMs`
   * is the longest outside call made inside (e.g. a payment provider's), so the transaction outlives it.
   */
  inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, longestCallMs?: number): Promise<T>;
}

interface Transactional<Tx> {
  $transaction<T>(work: (tx: Tx) => Promise<T>, options: { maxWait: number; timeout: number }): Promise<T>;
}

/**
 * A context's database and its transaction helper, from its generated PrismaClient class:
 * `export const { createDb: createCartDb, inTransaction } = contextDatabase<CartDb, CartTx>(PrismaClient);`
 */
export function contextDatabase<Db, Tx>(
  Client: new (options: ReturnType<typeof prismaClientOptions>) => unknown,
  settings: ContextDatabaseSettings = {},
): ContextDatabase<Db, Tx> {
  const maxWait = settings.maxWait ?? TRANSACTION_LIMITS.maxWait;
  const timeout = settings.timeout ?? TRANSACTION_LIMITS.timeout;
  return {
    createDb(options) {
      const client = new Client(prismaClientOptions({ ...options, statementName: settings.statementName ?? options.statementName }));
      return countingStatements(client, options.onStatement) as Db;
    },
    inTransaction(db, work, longestCallMs = 0) {
      return (db as unknown as Transactional<Tx>).$transaction(work, { maxWait, timeout: timeout + longestCallMs });
    },
  };
}

export { needsPrimary, withReadReplica } from './read-replica';
