/** Codes a client can branch on; every expected failure carries one in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'RATE_LIMITED';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An expected failure with a message a shopper can read. It is a plain Error so domain code stays free of
 * GraphQL; graphql-js copies `extensions` from the original error into the response.
 */
export class ShopError extends Error {
  override name = 'ShopError';
  readonly extensions: Record<string, unknown> & { code: ErrorCode };

  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.extensions = { ...extra, code };
  }

  get code(): ErrorCode {
    return this.extensions.code;
  }
}

export const shopError = (code: ErrorCode, message: string, extra?: Record<string, unknown>) => new ShopError(code, message, extra);
export const badUserInput = (message: string, fields?: FieldProblem[]) =>
  new ShopError('BAD_USER_INPUT', message, fields ? { fields } : {});
export const notFound = (what: string) => new ShopError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string, extra?: Record<string, unknown>) => new ShopError('CONFLICT', message, extra);
export const forbidden = (message = 'You are not allowed to do this.') => new ShopError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in to do this.') => new ShopError('UNAUTHENTICATED', message);
