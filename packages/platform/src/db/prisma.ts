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

/** Unique-constraint violation from Prisma (P2002), with the columns it names when known. */
export function uniqueViolation(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e?.code !== 'P2002') return null;
  const target = e.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  return e.meta?.driverAdapterError?.cause?.constraint?.fields ?? [];
}
