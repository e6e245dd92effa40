import { PrismaPg } from '@prisma/adapter-pg';
import { observeAdapter } from '../observability/database';

export interface PoolSettings {
  connectionString: string;
  /** Connections per service instance; PostgreSQL's default max_connections is 100 across all contexts. */
  max?: number;
  /**
   * Names the statements to prepare once per connection (parsed and planned once, then reused): a stable name
   * for a statement's SQL text, or '' to leave it unnamed, as every statement is by default. For a few hot
   * statements with constant text only: each named text stays prepared on every connection while it lives.
   */
  statementName?: (sql: string) => string;
}

/**
 * Connections per pool when the caller sets none: DB_POOL_SIZE, else 10. The test run sets 4 (jest.setup.js) so
 * two whole-shop test files fit PostgreSQL's default 100 connections.
 */
export const defaultPoolSize = (): number => Number(process.env.DB_POOL_SIZE) || 10;

/** The driver adapter every context's PrismaClient is built with: its pool use is measured, its statements traced. */
export function pgAdapter({ connectionString, max = defaultPoolSize(), statementName }: PoolSettings): PrismaPg {
  const adapter = new PrismaPg(
    { connectionString, max, idleTimeoutMillis: 30_000 },
    statementName ? { statementNameGenerator: (query) => statementName(query.sql) } : undefined,
  );
  return observeAdapter(adapter, new URL(connectionString).pathname.slice(1) || 'postgres');
}

/** How a context opens its database. */
export interface ContextDbOptions {
  connectionString: string;
  /** Connections per process (default: defaultPoolSize()). */
  poolSize?: number;
  /** Called with every SQL statement; tests count them to catch N+1 queries. */
  onStatement?: (sql: string) => void;
  statementName?: PoolSettings['statementName'];
}

/** The options every context's generated PrismaClient is built with: the pg adapter, and query events when counted. */
export function prismaClientOptions({ connectionString, poolSize, onStatement, statementName }: ContextDbOptions) {
  const adapter = pgAdapter({ connectionString, max: poolSize, statementName });
  return onStatement ? { adapter, log: [{ level: 'query' as const, emit: 'event' as const }] } : { adapter };
}

/** Reports each statement the client runs to `onStatement` (the client was built with prismaClientOptions). */
export function countingStatements<C>(client: C, onStatement?: (sql: string) => void): C {
  if (onStatement) (client as unknown as { $on(event: 'query', listener: (e: { query: string }) => void): void }).$on('query', (e) => onStatement(e.query));
  return client;
}

/** Replaces the database name in a PostgreSQL URL, keeping credentials, host and parameters. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

interface PrismaUniqueError {
  code?: string;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } };
}

/**
 * A unique-constraint violation from Prisma (P2002): what it names — the columns, or with driver adapters the
 * index (e.g. `products_sku_key`) — or null when the error is something else.
 */
export function uniqueViolation(error: unknown): string[] | null {
  const e = error as PrismaUniqueError;
  if (e?.code !== 'P2002') return null;
  const target = e.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  const constraint = e.meta?.driverAdapterError?.cause?.constraint;
  return constraint?.fields ?? (constraint?.index ? [constraint.index] : []);
}
