import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Link, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type http from 'node:http';

/** The tracer of the platform's spans (requests, SQL, events); off (no-op) until startTracing. */
export const tracer = () => trace.getTracer('@shop/platform');

let enabled = false;
/** Whether spans are recorded: the pg adapter and the outbox skip their tracing work otherwise. */
export const tracingEnabled = () => enabled;

export interface Tracing {
  /** Flushes what waits for export and switches tracing off. */
  shutdown(): Promise<void>;
}

/**
 * Starts recording spans for this process: context kept across awaits (AsyncLocalStorage), W3C `traceparent`
 * propagation, and `spanProcessors` (tests pass an in-memory exporter's). The platform opens spans at its own seams
 * — each GraphQL request, each SQL statement of the pg adapter, each event applied — and Apollo Gateway adds its
 * plan/fetch spans, so no module patching is needed (which also keeps it working under jest).
 */
export function startTracing(options: { serviceName: string; spanProcessors: SpanProcessor[] }): Tracing {
  if (enabled) throw new Error('Tracing is already started in this process');
  const provider = new BasicTracerProvider({
    // OTEL_RESOURCE_ATTRIBUTES (e.g. deployment.environment.name=prod) adds to what names the service.
    resource: detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ 'service.name': options.serviceName })),
    spanProcessors: options.spanProcessors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  return {
    async shutdown() {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * Tracing as the environment says: on when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set and
 * OTEL_TRACES_EXPORTER is not `none`, exporting over OTLP/HTTP (the exporter reads OTEL_EXPORTER_OTLP_HEADERS,
 * ..._TIMEOUT itself); the service is named by OTEL_SERVICE_NAME, else `service`. Off (null) otherwise.
 */
export function startTracingFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): Tracing | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_TRACES_EXPORTER === 'none' || env.OTEL_SDK_DISABLED === 'true') return null;
  return startTracing({ serviceName: env.OTEL_SERVICE_NAME || service, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
}

/** Runs `work` in `span`, ending it with the outcome (an error marks it failed and is rethrown). */
export async function inSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

const getter = { get: (carrier: Record<string, unknown>, key: string) => carrier[key] as string | undefined, keys: (c: object) => Object.keys(c) };

/** The trace context a `traceparent` (from a header or an event) continues; the active one without it. */
export function contextFrom(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(context.active(), { traceparent }, getter) : context.active();
}

/** The active span's W3C `traceparent`, to carry in a request or an event; undefined when nothing is traced. */
export function currentTraceparent(): string | undefined {
  if (!enabled) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A link to the trace a `traceparent` names (for work that serves several traces at once, e.g. a batch of events). */
export function linkTo(traceparent: string | undefined): Link[] {
  const spanContext = traceparent ? trace.getSpanContext(contextFrom(traceparent)) : undefined;
  return spanContext ? [{ context: spanContext }] : [];
}

/**
 * A SERVER span around each request of `path`'s handler, continuing the caller's trace (its `traceparent`
 * header): what runs for the request (GraphQL resolvers, SQL) is its child. The GraphQL plugin names it after
 * the operation.
 */
export function traceRequests(service: string): (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (!enabled) return next();
    const parent = propagation.extract(context.active(), req.headers, {
      get: (headers, key) => headers[key] as string | string[] | undefined,
      keys: (headers) => Object.keys(headers),
    });
    // Under Express `url` is relative to the mount point; `originalUrl` is the whole path.
    const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];
    const span = tracer().startSpan(`${req.method} ${path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'shop.service': service, 'http.request.method': req.method, 'url.path': path },
    }, parent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** The active trace's id for a request's log lines ({} when nothing is traced), so logs and traces meet. */
export function traceFields(): { traceId?: string } {
  const span = enabled ? trace.getActiveSpan() : undefined;
  return span ? { traceId: span.spanContext().traceId } : {};
}

/** Adds the active trace's `traceparent` to an outgoing request's headers (the gateway's subgraph fetches). */
export function injectTraceContext(headers: { set(name: string, value: string): void } | undefined): void {
  if (!enabled || !headers) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}
