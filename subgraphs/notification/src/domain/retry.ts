/**
 * When a failed send is tried again: base × 2^(failures − 1), ±20 % jitter so messages that failed together (an
 * SMTP server down) do not all come back at once, capped at `maxMs`. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: number = Math.random()): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.8 + 0.4 * random));
}

export type SendOutcome = { kind: 'sent' } | { kind: 'failed'; permanent: boolean; reason: string };

/**
 * What a failed attempt makes of the message: retry_count counts failed attempts, and the message is tried while
 * retry_count < max_retries (so max_retries is the number of attempts); a permanent failure fails it at once.
 */
export function afterFailure(retryCount: number, maxRetries: number, permanent: boolean): { retryCount: number; final: boolean } {
  const failures = retryCount + 1;
  return { retryCount: failures, final: permanent || failures >= maxRetries };
}
