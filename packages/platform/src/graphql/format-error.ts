import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger';

const CLIENT_CODES = new Set([
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
]);

/**
 * Expected failures pass through with their code; anything else is a bug: logged in full here, and shown to
 * the client as a bare INTERNAL_SERVER_ERROR in production so no stack or SQL leaves the service.
 */
export function formatErrorFor(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    if (!production) return formatted;
    return { message: 'Something went wrong on our side.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
