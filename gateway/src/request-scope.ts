import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { requestIdOf, traceFields, type GatewayHeaders, type GraphqlStep, type Logger } from '@shop/platform';

/** The gateway's per-request context: what every subgraph fetch of this request carries. */
export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** Lower-case header name → value, sent on every subgraph fetch. */
  forwardHeaders: Record<string, string>;
  /**
   * Whose public answers this caller may share in the entity cache: `shopper` for guests and customers, who see
   * the same catalog; null for staff and services (drafts, cost prices), who are never served from it.
   */
  cachePartition: string | null;
}

/**
 * Caller headers the subgraphs need: each subgraph verifies the bearer token itself; the cart reads a guest's
 * cart session (an unguessable id the cart issued, kept by the SPA) from x-cart-session.
 */
const FORWARDED = ['authorization', 'x-cart-session'] as const;

/** Who is asking, as far as an answer can differ by caller: the forwarded token and guest cart session. */
export function callerKeyOf(headers: Record<string, string | string[] | undefined>): string {
  return FORWARDED.map((name) => String(headers[name] ?? '')).join('\n');
}

const scope = new AsyncLocalStorage<GatewayContext>();

/**
 * Gives the request its id (the caller's or a new one, echoed in the response) and runs the rest of the request
 * inside its scope, so log lines written without access to the context (formatError) still carry the id.
 * Mount after the body parser: stream callbacks would lose the scope.
 */
export function requestScope(log: Logger, gatewayHeaders: GatewayHeaders): GraphqlStep {
  return (req, res, next) => {
    const context = contextOf(req, log, gatewayHeaders);
    res.setHeader('x-request-id', context.requestId);
    scope.run(context, next);
  };
}

export function currentContext(): GatewayContext {
  const context = scope.getStore();
  if (!context) throw new Error('No request scope: requestScope() must run before the GraphQL handler');
  return context;
}

/** The current request's logger, or `fallback` outside a request. */
export function currentLog(fallback: Logger): Logger {
  return scope.getStore()?.log ?? fallback;
}

function contextOf(req: IncomingMessage, log: Logger, gatewayHeaders: GatewayHeaders): GatewayContext {
  const requestId = requestIdOf(req);
  // The caller's address, for per-client limits (sign-in, registration): taken from the socket and signed, so
  // neither a client of the gateway nor a direct caller of a subgraph can choose it.
  const signed = gatewayHeaders.sign({ 'x-client-address': req.socket.remoteAddress ?? 'unknown' });
  const forwardHeaders: Record<string, string> = { 'x-request-id': requestId, ...signed };
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') forwardHeaders[name] = value;
  }
  return { requestId, log: log.child({ requestId, ...traceFields() }), forwardHeaders, cachePartition: null };
}
