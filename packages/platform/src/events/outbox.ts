import { randomUUID } from 'node:crypto';
import { empty, raw, sqltag, type Sql } from '@prisma/client/runtime/client';
import { currentTraceparent } from '../observability/tracing';
import { assertEventName } from './envelope';

/**
 * What the platform needs from a context's database client: Prisma's raw tagged templates. Every generated
 * PrismaClient and every interactive-transaction client (`Prisma.TransactionClient`) has them, so one platform
 * function serves all contexts without knowing their models.
 */
export interface SqlClient {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** An integration event as the context that makes the change records it. */
export interface IntegrationEvent<D extends object = object> {
  /** The aggregate's name, e.g. `Order`, `ProductVariant`. */
  aggregateType: string;
  aggregateId: string;
  /** `<Aggregate><PastTense>`: `OrderConfirmed`. */
  type: string;
  /**
   * The aggregate's version after the change; one event per aggregate version. Aggregates without a version
   * column leave it out: the event then takes the number after the aggregate's last event (two transactions
   * recording for one such aggregate at once: one fails on the unique index and can be retried).
   */
  version?: number | bigint;
  /** The payload's contract version (default 1); bump it when a field changes meaning or goes away. */
  schemaVersion?: number;
  data: D;
  occurredAt?: Date;
}

/**
 * Records an integration event in the context's outbox (`domain_events`) with the transaction's client, so it
 * commits with the change it describes or not at all. Call it after the write that bumps the aggregate's version:
 * that write's row lock is what keeps one aggregate's events in version order for the relay. Returns the event id.
 */
export async function recordEvent(tx: SqlClient, event: IntegrationEvent): Promise<string> {
  const { id, insert } = outboxInsert(event);
  await tx.$executeRaw`${insert}`;
  return id;
}

const CTE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * recordEvent's INSERT, for a context to put in its own statement: `from` names a CTE of that statement, and the
 * event is written only if it has a row (e.g. `updated`, an UPDATE … RETURNING that matched). The change, its
 * audit rows and its event then commit in one statement, atomic without a transaction's round trips.
 */
export function outboxInsert(event: IntegrationEvent, from?: string): { id: string; insert: Sql } {
  assertEventName(event.type);
  if (from !== undefined && !CTE_NAME.test(from)) throw new Error(`not a CTE name: ${from}`);
  const id = randomUUID();
  const occurredAt = (event.occurredAt ?? new Date()).toISOString();
  const traceparent = currentTraceparent();
  // While tracing, the request's trace context rides in the row's payload under TRACEPARENT_KEY (no column needed
  // in every context's outbox); the relay moves it into the envelope, so receivers never see it in `data`.
  const data = traceparent ? { ...event.data, [TRACEPARENT_KEY]: traceparent } : event.data;
  const insert = sqltag`
    INSERT INTO domain_events (id, aggregate_id, aggregate_type, event_type, event_data, version, schema_version, occurred_at)
    SELECT ${id}::uuid, ${event.aggregateId}::uuid, ${event.aggregateType}, ${event.type}, ${JSON.stringify(data)}::jsonb,
           COALESCE(${event.version === undefined ? null : String(event.version)}::bigint,
                    (SELECT COALESCE(max(version), 0) + 1 FROM domain_events
                      WHERE aggregate_type = ${event.aggregateType} AND aggregate_id = ${event.aggregateId}::uuid)),
           ${event.schemaVersion ?? 1}::int, (${occurredAt}::timestamptz AT TIME ZONE 'UTC')
    ${from === undefined ? empty : raw(`FROM ${from}`)}`;
  return { id, insert };
}

/** Where recordEvent keeps the trace context in `event_data` (`$` keeps it apart from any contract's field names). */
export const TRACEPARENT_KEY = '$traceparent';

/** An outbox row's payload as recorded, and the trace context recordEvent kept in it (if any). */
export function takeTraceparent(eventData: unknown): { data: unknown; traceparent?: string } {
  if (!eventData || typeof eventData !== 'object' || !(TRACEPARENT_KEY in eventData)) return { data: eventData };
  const { [TRACEPARENT_KEY]: traceparent, ...data } = eventData as Record<string, unknown>;
  return { data, traceparent: typeof traceparent === 'string' ? traceparent : undefined };
}

/** The channel the outbox trigger notifies when rows are committed; every relay of that database listens to it. */
export const OUTBOX_CHANNEL = 'domain_events';

/**
 * The conventional outbox, created by a context that has none yet: the seed's `domain_events` columns plus what
 * publishing needs —
 *   sequence        the commit-independent order the relay publishes in (bigserial, unique);
 *   schema_version  the payload's contract version;
 *   published_at    when the relay handed the row to the stream (null = waiting); `processed` is set with it;
 *   stream_id       the stream entry it became, so the next event of the aggregate can name its predecessor.
 * The trigger wakes the relays at commit (NOTIFY is delivered only when the inserting transaction commits, and
 * once per transaction however many rows it inserted).
 */
export const OUTBOX_TABLE_SQL = `
CREATE TABLE "domain_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "aggregate_id" UUID NOT NULL,
    "aggregate_type" VARCHAR(50) NOT NULL,
    "event_type" VARCHAR(100) NOT NULL,
    "event_data" JSONB NOT NULL,
    "version" BIGINT NOT NULL,
    "occurred_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "processed" BOOLEAN DEFAULT false,
    "sequence" BIGSERIAL NOT NULL,
    "schema_version" INTEGER NOT NULL DEFAULT 1,
    "published_at" TIMESTAMP(6),
    "stream_id" VARCHAR(40),
    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "idx_domain_events_unprocessed" ON "domain_events"("processed", "occurred_at");
CREATE UNIQUE INDEX "uq_domain_events_aggregate_version" ON "domain_events"("aggregate_type", "aggregate_id", "version");
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");
`;

/** Brings the seed's `domain_events` (order's today) up to the convention. */
export const OUTBOX_UPGRADE_SQL = `
ALTER TABLE "domain_events"
    ADD COLUMN "sequence" BIGSERIAL NOT NULL,
    ADD COLUMN "schema_version" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "published_at" TIMESTAMP(6),
    ADD COLUMN "stream_id" VARCHAR(40);
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");
`;

/**
 * Prisma cannot model triggers: add this by hand to the migration that creates or upgrades the outbox. The
 * function body's semicolons are written as the escape \073 inside an E-string: the migration runner (Prisma's
 * driver adapter) splits a migration script at every semicolon, even inside quotes and $$ bodies. Only a statement
 * that inserted rows notifies: a statement-level trigger also fires for an INSERT of none (a CTE that writes events
 * only when something changed), and each such NOTIFY would cost the relays an empty run.
 */
export const OUTBOX_TRIGGER_SQL = `
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql
    AS E'BEGIN IF EXISTS (SELECT 1 FROM inserted) THEN PERFORM pg_notify(''${OUTBOX_CHANNEL}'', '''')\\073 END IF\\073 RETURN NULL\\073 END';
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();
`;

/**
 * A receiving context's record of the events it applied, written in the same transaction as the effect: the
 * primary key makes a redelivered event a no-op. Rows older than the streams' retention can be pruned.
 */
export const PROCESSED_EVENTS_SQL = `
CREATE TABLE "processed_events" (
    "event_id" UUID NOT NULL,
    "source" VARCHAR(50) NOT NULL,
    "event_type" VARCHAR(100) NOT NULL,
    "aggregate_id" UUID NOT NULL,
    "version" BIGINT NOT NULL,
    "processed_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("event_id")
);
CREATE INDEX "idx_processed_events_processed_at" ON "processed_events"("processed_at");
`;
