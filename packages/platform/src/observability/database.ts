import { SpanKind } from '@opentelemetry/api';
import type { SqlDriverAdapter, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import type { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import client from 'prom-client';
import { metricsRegistry } from './metrics';
import { inSpan, tracer, tracingEnabled } from './tracing';

/** The pools of this process's context databases, by database name, read at each scrape. */
const pools = new Map<Pool, string>();

new client.Gauge({
  name: 'shop_db_pool_connections',
  help: 'Connections of a context database\'s pool: open (total), idle, and requests waiting for one',
  labelNames: ['database', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [pool, database] of pools) {
      this.inc({ database, state: 'total' }, pool.totalCount);
      this.inc({ database, state: 'idle' }, pool.idleCount);
      this.inc({ database, state: 'waiting' }, pool.waitingCount);
    }
  },
});

new client.Gauge({
  name: 'shop_db_pool_max_connections',
  help: 'The most connections a context database\'s pool opens',
  labelNames: ['database'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [pool, database] of pools) this.inc({ database }, pool.options.max ?? 10);
  },
});

type Queryable = Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>;

/** Each statement in a CLIENT span (the statement's text, never its values) while tracing is on. */
function traceStatements(queryable: Queryable, database: string): void {
  const traced = <R>(run: (query: SqlQuery) => Promise<R>) => (query: SqlQuery): Promise<R> => {
    if (!tracingEnabled()) return run(query);
    const verb = /^\s*(\w+)/.exec(query.sql)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer().startSpan(`pg ${verb}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.namespace': database, 'db.query.text': query.sql.slice(0, 2000) },
    });
    return inSpan(span, () => run(query));
  };
  queryable.queryRaw = traced(queryable.queryRaw.bind(queryable));
  queryable.executeRaw = traced(queryable.executeRaw.bind(queryable));
}

/**
 * The pg adapter observed: its pool's use as gauges (from connect to dispose), and its statements — also those
 * inside transactions — as spans of the request or event they run for.
 */
export function observeAdapter(factory: PrismaPg, database: string): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const pool = adapter.underlyingDriver() as Pool;
    pools.set(pool, database);
    traceStatements(adapter, database);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel): Promise<Transaction> => {
      const transaction = await startTransaction(isolationLevel);
      traceStatements(transaction, database);
      return transaction;
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      pools.delete(pool);
      await dispose();
    };
    return adapter;
  };
  return factory;
}
