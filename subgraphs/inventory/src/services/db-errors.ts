import { setTimeout as sleep } from 'node:timers/promises';
import { badUserInput, conflict, uniqueViolation } from '@shop/platform';

interface PrismaRawError {
  code?: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } };
}

/** PostgreSQL's SQLSTATE behind a Prisma error, when there is one. */
export function sqlState(error: unknown): string | undefined {
  const e = error as PrismaRawError;
  return e?.meta?.driverAdapterError?.cause?.originalCode;
}

/**
 * Failures that mean "run it again": serialization failure and deadlock (PostgreSQL aborts one of the
 * transactions), and a concurrent duplicate of the same (order, item) reservation, which on a retry finds the
 * other call's reservation and returns it.
 */
export function isRetryable(error: unknown): boolean {
  const state = sqlState(error);
  if (state === '40001' || state === '40P01') return true;
  if ((error as PrismaRawError)?.code === 'P2034') return true;
  return (uniqueViolation(error) ?? []).includes('uq_reservations_order_item') || (state === '23505' && constraintOf(error) === 'uq_reservations_order_item');
}

function constraintOf(error: unknown): string | undefined {
  return (error as PrismaRawError)?.meta?.driverAdapterError?.cause?.constraint?.index;
}

/** A CHECK constraint refused the write: under concurrency, a quantity that would have gone below zero. */
export const isCheckViolation = (error: unknown): boolean => sqlState(error) === '23514';

export interface RetryOptions {
  attempts?: number;
  /** Further failures that mean "run it again" for this operation (e.g. a lost race for stock). */
  alsoRetry?: (error: unknown) => boolean;
  /** How a failure that is still there after the last attempt reaches the caller (default explainWriteError). */
  explain?: (error: unknown) => unknown;
}

/** Runs `work`, retrying retryable failures with a short jittered back-off so they never reach the caller. */
export async function withRetries<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 8, alsoRetry, explain = explainWriteError } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retry = isRetryable(error) || (alsoRetry?.(error) ?? false);
      if (attempt >= attempts || !retry) throw explain(error);
      await sleep(Math.random() * 5 * attempt);
    }
  }
}

/**
 * The database's own refusals as errors a client can act on. Checks in code come first; these are the last
 * line under concurrency or for values that overflow a column.
 */
export function explainWriteError(error: unknown): unknown {
  const state = sqlState(error);
  if (state === '23514') return conflict('That change would make a stock quantity negative.');
  if (state === '22003') return badUserInput('That quantity is too large for the stock records.');
  return error;
}
