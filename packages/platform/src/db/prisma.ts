import { PrismaPg } from '@prisma/adapter-pg';

export interface PoolSettings {
  connectionString: string;
  /** Connections per service instance; PostgreSQL's default max_connections is 100 across all contexts. */
  max?: number;
}

/** The driver adapter every context's PrismaClient is built with. */
export function pgAdapter({ connectionString, max = 10 }: PoolSettings): PrismaPg {
  return new PrismaPg({ connectionString, max, idleTimeoutMillis: 30_000 });
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
