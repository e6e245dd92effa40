import { Agent, request } from 'undici';
import { ShopError, type ErrorCode } from './errors';
import type { ServiceCredentials } from './identity/service-tokens';
import { currentTraceparent } from './observability/tracing';
import { currentRequestId } from './server';

/**
 * How long one call to another service may take unless its caller says otherwise. The calls between contexts
 * are single GraphQL operations that answer in milliseconds; 10 s means "that service is stuck", and leaves the
 * shopper's request room inside the gateway's 30 s budget to answer with the caller's own error.
 */
export const DEFAULT_SERVICE_TIMEOUT_MS = 10_000;

/**
 * The refusals a callee answers that a caller passes on as they are: the callee's code, message and details
 * (reason, fields, lines, available, …). UNAUTHENTICATED is not among them: with a service token it means the
 * callee refused this service's own credentials — our fault, not the shopper's, who must not be asked to sign in.
 */
const PASSED_ON: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'OUT_OF_STOCK', 'PAYMENT_DECLINED', 'RATE_LIMITED',
]);

/** Extensions of the callee's error that describe its own internals, not the refusal. */
const NOT_PASSED_ON = new Set(['code', 'stacktrace', 'http', 'requestId']);

export type ServiceFailure =
  /** No answer within the call's time limit: whether the callee did the work is unknown. */
  | 'TIMEOUT'
  /** No connection, or the connection broke before an answer (refused, reset, DNS). */
  | 'UNREACHABLE'
  /** An answer that is not a refusal: INTERNAL_SERVER_ERROR, an HTTP error, a body that is not GraphQL. */
  | 'FAILED';

/**
 * Another service gave no usable answer. Deliberately not a ShopError: the subgraph's error formatting logs it in
 * full and shows the client only INTERNAL_SERVER_ERROR with the request id, so no address, socket or library
 * message reaches the wire. Callers that can do better (retry, compensate, degrade) branch on `failure`.
 */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';

  constructor(
    /** Which service was called (its host). */
    readonly service: string,
    readonly failure: ServiceFailure,
    message: string,
    readonly details: { status?: number; calleeCode?: string; timeoutMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ServiceCallOptions {
  /** This call's time limit, instead of the endpoint's or the client's. */
  timeoutMs?: number;
  /** The request id to send; the current request's (currentRequestId) by default. */
  requestId?: string;
}

/** One service's GraphQL endpoint: `data` of the answer, a passed-on ShopError, or a ServiceUnavailableError. */
export interface ServiceEndpoint {
  <T>(query: string, variables?: Record<string, unknown>, options?: ServiceCallOptions): Promise<T>;
}

export interface ServiceClient {
  call<T>(url: string, query: string, variables?: Record<string, unknown>, options?: ServiceCallOptions): Promise<T>;
  /** An endpoint with its own default time limit; its URL may be resolved at call time (the embedded start learns it late). */
  endpoint(url: string | (() => string), defaults?: { timeoutMs?: number }): ServiceEndpoint;
  /** Closes the keep-alive pool; in-flight calls finish first. */
  close(): Promise<void>;
}

export interface ServiceClientOptions {
  /** The bearer token this service presents (role `service`); none for public fields (the cart's entity reads). */
  credentials?: ServiceCredentials;
  timeoutMs?: number;
  /** Where the request id of the current request comes from (tests). */
  requestId?: () => string | undefined;
}

interface GraphQLAnswer {
  data?: unknown;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/**
 * The one way a service calls another service's GraphQL: over a keep-alive pool (undici), with a service token,
 * the request id forwarded in `x-request-id`, a time limit per call, and the callee's refusals passed on as
 * ShopErrors with the same code and details, so a caller can let them through to its own client. Everything else
 * is a ServiceUnavailableError. One client per process; share it between endpoints.
 */
export function createServiceClient(options: ServiceClientOptions = {}): ServiceClient {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS;
  const requestIdOfCaller = options.requestId ?? currentRequestId;
  // Idle sockets go after 4 s, well before the services' 65 s keep-alive, as the gateway's pool does; the time
  // limit is each call's AbortSignal, so the pool's own header/body timeouts only back it up.
  const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000, headersTimeout: 0, bodyTimeout: 0 });

  const call = async <T>(url: string, query: string, variables: Record<string, unknown> = {}, callOptions: ServiceCallOptions = {}): Promise<T> => {
    const service = hostOf(url);
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeout;
    const signal = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    const requestId = callOptions.requestId ?? requestIdOfCaller();
    if (requestId) headers['x-request-id'] = requestId;
    // Calls between contexts (the checkout saga's) join the caller's trace.
    const traceparent = currentTraceparent();
    if (traceparent) headers.traceparent = traceparent;
    if (options.credentials) headers.authorization = `Bearer ${await options.credentials.token()}`;

    let status: number;
    let answer: GraphQLAnswer | null;
    try {
      const response = await request(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), dispatcher: agent, signal });
      status = response.statusCode;
      const text = await response.body.text();
      answer = parseAnswer(text);
    } catch (error) {
      if (signal.aborted) {
        throw new ServiceUnavailableError(service, 'TIMEOUT', `${service} did not answer within ${timeoutMs} ms`, { timeoutMs }, { cause: error });
      }
      throw new ServiceUnavailableError(service, 'UNREACHABLE', `${service} could not be reached: ${messageOf(error)}`, {}, { cause: error });
    }

    const first = answer?.errors?.[0];
    if (first) {
      const extensions = first.extensions ?? {};
      const code = typeof extensions.code === 'string' ? extensions.code : undefined;
      const message = typeof first.message === 'string' ? first.message : 'Refused.';
      if (code && PASSED_ON.has(code as ErrorCode)) throw new ShopError(code as ErrorCode, message, detailsOf(extensions));
      throw new ServiceUnavailableError(service, 'FAILED', `${service} answered ${code ?? `HTTP ${status}`}: ${message.slice(0, 300)}`, { status, calleeCode: code });
    }
    if (status !== 200 || !answer || answer.data === undefined || answer.data === null) {
      throw new ServiceUnavailableError(service, 'FAILED', `${service} answered HTTP ${status} without data`, { status });
    }
    return answer.data as T;
  };

  return {
    call,
    endpoint(url, defaults = {}) {
      return <T>(query: string, variables?: Record<string, unknown>, callOptions: ServiceCallOptions = {}) =>
        call<T>(typeof url === 'string' ? url : url(), query, variables, { timeoutMs: defaults.timeoutMs, ...dropUndefined(callOptions) });
    },
    close: () => agent.close(),
  };
}

function parseAnswer(text: string): GraphQLAnswer | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as GraphQLAnswer) : null;
  } catch {
    return null;
  }
}

function detailsOf(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([key]) => !NOT_PASSED_ON.has(key)));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
