import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import client from 'prom-client';

/**
 * One registry per process. A process that runs several services (the embedded `npm start`) exposes all of them
 * on each service's /metrics, told apart by the `service` / `context` / `receiver` labels.
 */
export const metricsRegistry = new client.Registry();

let processMetrics = false;
/**
 * The process's own figures (CPU, memory, event loop lag, GC), from the first scrape on: the event loop monitor
 * they start costs a timer, which no process (nor each test file's module copy) pays before it is scraped.
 */
function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  client.collectDefaultMetrics({ register: metricsRegistry });
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Event lag spans milliseconds (live) to hours (a consumer that was down). */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export const graphqlRequests = new client.Counter({
  name: 'shop_graphql_requests_total',
  help: 'GraphQL operations answered, by service, operation name and operation type',
  labelNames: ['service', 'operation', 'type'] as const,
  registers: [metricsRegistry],
});

export const graphqlDuration = new client.Histogram({
  name: 'shop_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its answer',
  labelNames: ['service', 'operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlErrors = new client.Counter({
  name: 'shop_graphql_errors_total',
  help: 'Errors in GraphQL answers, by the code the client saw',
  labelNames: ['service', 'operation', 'code'] as const,
  registers: [metricsRegistry],
});

export const eventsPublished = new client.Counter({
  name: 'shop_events_published_total',
  help: 'Outbox rows the relay handed to the context\'s stream',
  labelNames: ['context'] as const,
  registers: [metricsRegistry],
});

export const eventsApplied = new client.Counter({
  name: 'shop_events_applied_total',
  help: 'Integration events a receiver applied (duplicates and events it has no handler for not counted)',
  labelNames: ['receiver', 'source'] as const,
  registers: [metricsRegistry],
});

export const eventConsumerLag = new client.Histogram({
  name: 'shop_event_consumer_lag_seconds',
  help: 'Time from an event\'s occurredAt (its commit in the publisher) to its effect committing in the receiver',
  labelNames: ['receiver', 'source'] as const,
  buckets: LAG_BUCKETS,
  registers: [metricsRegistry],
});

export const eventsDeadLettered = new client.Counter({
  name: 'shop_event_dead_letters_total',
  help: 'Events a receiver gave up on and put in its dead-letter stream (since the process started)',
  labelNames: ['receiver'] as const,
  registers: [metricsRegistry],
});

/**
 * A label for values clients choose (operation names, error codes): the first `max` distinct ones keep their
 * name, later ones count as `other`, so a client sending random names cannot grow the series without bound.
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!/^[A-Za-z_][\w.-]{0,99}$/.test(value)) return 'other';
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * GET /metrics for the cluster's Prometheus (not for the public: route only /graphql and the web apps through the
 * ingress). With METRICS_TOKEN set, a scrape must send `Authorization: Bearer <token>`.
 */
export function mountMetrics(app: express.Express, token = process.env.METRICS_TOKEN): void {
  app.get('/metrics', async (req, res) => {
    if (token && !sameText(req.headers.authorization ?? '', `Bearer ${token}`)) {
      res.status(401).set('www-authenticate', 'Bearer').end();
      return;
    }
    collectProcessMetrics();
    res.set('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}

/** A gauge whose value `read` gives at each scrape (e.g. open connections). */
export function scrapedGauge(name: string, help: string, read: () => number): void {
  new client.Gauge({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      this.set(read());
    },
  });
}
