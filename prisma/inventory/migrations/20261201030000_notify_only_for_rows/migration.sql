-- The relays are woken only by a statement that inserted events. A statement-level trigger also fires for an
-- INSERT of no rows, and the stock statements insert events only when availability changed (committing held stock
-- changes none): each such NOTIFY cost an empty relay run. OUTBOX_TRIGGER_SQL of @shop/platform.
DROP TRIGGER "domain_events_notify" ON "domain_events";
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql
    AS E'BEGIN IF EXISTS (SELECT 1 FROM inserted) THEN PERFORM pg_notify(''domain_events'', '''')\073 END IF\073 RETURN NULL\073 END';
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();
