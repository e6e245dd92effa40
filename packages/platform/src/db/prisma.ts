import { PrismaPg } from '@prisma/adapter-pg';
import { ConfigError } from '../config';
import { observeAdapter } from '../observability/database';

export interface PoolSettings {
  connectionString: string;
  /** Connections per service instance; PostgreSQL's default max_connections is 100 across all contexts. */
  max?: number;
  /** Connections kept open even when idle (node-postgres `min`). */
  min?: number;
  /** How long an idle connection above `min` stays open; 0 keeps it until the process stops. */
  idleSeconds?: number;
  /**
   * Names the statements to prepare once per connection (parsed and planned once, then reused): a stable name
   * for a statement's SQL text, or '' to leave it unnamed, as every statement is by default. For a few hot
   * statements with constant text only: each named text stays prepared on every connection while it lives.
   */
  statementName?: (sql: string) => string;
}

/** A pool's size limits: the seed's "Maximum Pool Size=50, Minimum 5, Idle Lifetime 30" in production. */
export interface PoolLimits {
  max: number;
  min: number;
  idleSeconds: number;
}

const POOL_VARIABLES = { max: 'DB_POOL_SIZE', min: 'DB_POOL_MIN', idleSeconds: 'DB_POOL_IDLE_SECONDS' } as const;
const POOL_DEFAULTS: PoolLimits = { max: 10, min: 0, idleSeconds: 30 };

/**
 * A context's pool limits from the environment: `<CONTEXT>_DB_POOL_SIZE` (else DB_POOL_SIZE, else 10),
 * `<CONTEXT>_DB_POOL_MIN` (else DB_POOL_MIN, else 0) and `<CONTEXT>_DB_POOL_IDLE_SECONDS` (else DB_POOL_IDLE_SECONDS,
 * else 30). Without a context only the shared variables count. A bad value is a ConfigError naming the variable.
 */
export function poolSettingsFromEnv(context?: string, env: NodeJS.ProcessEnv = process.env): PoolLimits {
  const read = (key: keyof PoolLimits, least: number): [number, string] => {
    const shared = POOL_VARIABLES[key];
    const name = [context ? `${context.toUpperCase()}_${shared}` : '', shared].find((variable) => variable && env[variable]);
    if (!name) return [POOL_DEFAULTS[key], shared];
    const value = Number(env[name]);
    if (!Number.isInteger(value) || value < least || value > 1_000) throw new ConfigError(`${name}: must be a whole number from ${least} to 1000`);
    return [value, name];
  };
  const [max] = read('max', 1);
  const [min, minName] = read('min', 0);
  const [idleSeconds] = read('idleSeconds', 0);
  if (min > max) throw new ConfigError(`${minName}: must not exceed the pool's maximum (${max})`);
  return { max, min, idleSeconds };
}

let processPools: PoolLimits | undefined;

/**
 * Makes these limits the default of every pool this process opens: a service's entry point (runService) sets
 * its context's, so every context reads the same variables without passing them through its start options.
 */
export function usePoolLimits(limits: PoolLimits): void {
  processPools = limits;
}

/**
 * Pool limits when the caller sets none: the process's (usePoolLimits), else the shared variables. The test run
 * sets DB_POOL_SIZE=4 (jest.setup.js) so two whole-shop test files fit PostgreSQL's default 100 connections.
 */
export const defaultPoolLimits = (): PoolLimits => processPools ?? poolSettingsFromEnv();

/** Distinct statement texts one pool prepares at most; later ones run unnamed, as every statement used to. */
const PREPARED_PER_POOL = 500;
/** A statement worth preparing: a query or write whose text repeats (not a long IN list, which varies in length). */
const PREPARABLE = /^\s*(?:\/\*[^*]*\*\/\s*)?(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;
const MAX_PREPARED_PARAMETERS = 32;

/**
 * Names every repeating statement of a pool, so each connection parses and plans it once and then only binds and
 * executes it, instead of parsing and planning the same Prisma texts on every call (about a tenth of PostgreSQL's
 * CPU per checkout). With PgBouncer in transaction mode in front, turn on its max_prepared_statements. A
 * context's own names (`statementName`) come first; texts past PREPARED_PER_POOL, or with many parameters, stay
 * unnamed, so the prepared statements a connection holds stay bounded.
 */
export function preparedStatementNames(own?: (sql: string) => string): (sql: string, parameters: number) => string {
  const names = new Map<string, string>();
  return (sql, parameters) => {
    const chosen = own?.(sql);
    if (chosen) return chosen;
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= PREPARED_PER_POOL || parameters > MAX_PREPARED_PARAMETERS || !PREPARABLE.test(sql)) return '';
    const name = `shop_${names.size}`;
    names.set(sql, name);
    return name;
  };
}

/** The driver adapter every context's PrismaClient is built with: its pool use is measured, its statements traced. */
export function pgAdapter({ connectionString, max, min, idleSeconds, statementName }: PoolSettings): PrismaPg {
  const limits = defaultPoolLimits();
  const size = max ?? limits.max;
  const nameOf = preparedStatementNames(statementName);
  const adapter = new PrismaPg(
    { connectionString, max: size, min: Math.min(min ?? limits.min, size), idleTimeoutMillis: (idleSeconds ?? limits.idleSeconds) * 1_000 },
    { statementNameGenerator: (query) => nameOf(query.sql, query.args.length) },
  );
  return observeAdapter(adapter, new URL(connectionString).pathname.slice(1) || 'postgres');
}

/** How a context opens its database. */
export interface ContextDbOptions {
  connectionString: string;
  /** Connections per process (default: defaultPoolLimits().max; the minimum and idle lifetime are the process's). */
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

/** Prisma's "no record matched" (P2025): an update or delete whose where clause found no row. */
export function recordNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2025';
}

interface PrismaUniqueError {
  code?: string;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { kind?: string; constraint?: { fields?: string[]; index?: string } } } };
}

/**
 * A unique-constraint violation from Prisma (P2002), or from a raw statement through the driver adapter (P2010,
 * kind UniqueConstraintViolation): what it names — the columns, or with driver adapters the index (e.g.
 * `products_sku_key`) — or null when the error is something else.
 */
export function uniqueViolation(error: unknown): string[] | null {
  const e = error as PrismaUniqueError;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (e?.code !== 'P2002' && !(e?.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation')) return null;
  const target = e.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  return cause?.constraint?.fields ?? (cause?.constraint?.index ? [cause.constraint.index] : []);
}
