import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
// The order context's generated client stands in for any context's: the platform only uses its raw queries.
import { PrismaClient, type Prisma } from '../../../subgraphs/order/src/generated/prisma/client';
import { prismaClientOptions } from '../src/db/prisma';
import { OUTBOX_TABLE_SQL, OUTBOX_TRIGGER_SQL, OUTBOX_UPGRADE_SQL, PROCESSED_EVENTS_SQL, on, recordEvent } from '../src/events';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { z } from 'zod';

export type Tx = Prisma.TransactionClient;

export interface TestDb {
  url: string;
  prisma: PrismaClient;
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function openDb(database: TestDatabase, setup: string): Promise<TestDb> {
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(setup);
  const prisma = new PrismaClient(prismaClientOptions({ connectionString: database.url, poolSize: 8 }));
  return {
    url: database.url,
    prisma,
    inTransaction: (work) => prisma.$transaction(work, { maxWait: 20_000, timeout: 15_000 }),
    sql: async (text, values) => (await admin.query(text, values)).rows,
    async close() {
      await prisma.$disconnect();
      await admin.end();
      await database.drop();
    },
  };
}

/**
 * A publishing context's database: the order context's, whose `domain_events` is taken back to the seed's shape
 * (order's own migration has upgraded it since) and brought up to the convention again with the upgrade SQL, plus
 * a `widgets` aggregate to change.
 */
export async function publisherDb(): Promise<TestDb> {
  return openDb(
    await createTestDatabase('order'),
    `DROP TRIGGER IF EXISTS "domain_events_notify" ON "domain_events";
     ALTER TABLE "domain_events" DROP COLUMN IF EXISTS "sequence", DROP COLUMN IF EXISTS "schema_version",
       DROP COLUMN IF EXISTS "published_at", DROP COLUMN IF EXISTS "stream_id";
     ${OUTBOX_UPGRADE_SQL}
     ${OUTBOX_TRIGGER_SQL}
     CREATE TABLE widgets (id UUID PRIMARY KEY, version BIGINT NOT NULL);`,
  );
}

/** A database whose outbox is created from scratch with the convention's CREATE TABLE. */
export async function freshOutboxDb(): Promise<TestDb> {
  return openDb(await createTestDatabase('order'), `DROP TABLE domain_events; ${OUTBOX_TABLE_SQL} ${OUTBOX_TRIGGER_SQL}`);
}

/** A receiving context's database: its `processed_events` and an `effects` table the handlers write to. */
export async function receiverDb(): Promise<TestDb> {
  return openDb(
    await createTestDatabase('order'),
    `${PROCESSED_EVENTS_SQL}
     CREATE TABLE effects (seq BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL, aggregate_id UUID NOT NULL, version BIGINT NOT NULL);`,
  );
}

/** One change to a widget and its event, in one transaction: version + 1, `WidgetChanged`. */
export async function changeWidget(db: TestDb, id: string, options: { fail?: boolean } = {}): Promise<number> {
  return db.inTransaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ version: bigint }[]>`
      INSERT INTO widgets (id, version) VALUES (${id}::uuid, 1)
      ON CONFLICT (id) DO UPDATE SET version = widgets.version + 1 RETURNING version`;
    await recordEvent(tx, { aggregateType: 'Widget', aggregateId: id, type: 'WidgetChanged', version: row.version, data: { widgetId: id, version: Number(row.version) } });
    if (options.fail) throw new Error('the change is refused after its event was recorded');
    return Number(row.version);
  });
}

export const widgetChanged = z.object({ widgetId: z.uuid(), version: z.number().int().positive() });

/** The receiver's handler: one effect row per application. */
export const recordEffect = (sourceContext = 'widgets') =>
  on(sourceContext, 'WidgetChanged', widgetChanged, async (event, tx: Tx) => {
    await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version})`;
  });

/** Polls until `check` holds (tests assert counts afterwards, never durations). */
export async function eventually(check: () => Promise<boolean>, what: string, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Effects per aggregate in the order they were applied. */
export async function effectsByAggregate(db: TestDb): Promise<Map<string, number[]>> {
  const rows = await db.sql<{ aggregate_id: string; version: string }>('SELECT aggregate_id, version FROM effects ORDER BY seq');
  const out = new Map<string, number[]>();
  for (const row of rows) out.set(row.aggregate_id, [...(out.get(row.aggregate_id) ?? []), Number(row.version)]);
  return out;
}

export const newIds = (n: number) => Array.from({ length: n }, () => randomUUID());

export { startRedisServer, type RedisServer } from '../src/testing';
