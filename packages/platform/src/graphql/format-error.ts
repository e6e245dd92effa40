import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger';
import { queryLimitErrorOf } from './limits';

/**
 * Codes a client can act on, passed through with their message. Everything else is unexpected.
 * QUERY_TOO_COMPLEX: an operation over a limit (graphql/limits.ts); GATEWAY_TIMEOUT: the gateway's time budget
 * for one operation ran out; PAYLOAD_TOO_LARGE: the request body is over the size limit.
 */
export const CLIENT_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'GATEWAY_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side.';

export interface ErrorFormatting {
  /** The current request's logger (with its request id). */
  log: () => Logger;
  /** The current request's id, given to the client with an unexpected error so support can find the log line. */
  requestId: () => string | undefined;
  /** Raw messages and stack traces in responses (GRAPHQL_DEBUG): for a developer's machine only. */
  debug: boolean;
}

/**
 * Expected failures pass through with their code; a query over a limit answers QUERY_TOO_COMPLEX whatever Apollo
 * wrapped it in. Anything else is a bug: logged in full here, and shown to the client as a bare
 * INTERNAL_SERVER_ERROR with the request id, in every mode, so no stack, SQL, Prisma or library message leaves the
 * service. Only the explicit debug switch shows the raw error.
 */
export function formatErrorFor(options: ErrorFormatting) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = queryLimitErrorOf(error);
    if (limit) {
      const { http: _http, ...extensions } = limit.extensions as Record<string, unknown>;
      return { message: limit.message, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    const requestId = options.requestId();
    options.log().error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    if (options.debug) return { ...formatted, extensions: { ...formatted.extensions, requestId } };
    return { message: INTERNAL_ERROR_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
  };
}
