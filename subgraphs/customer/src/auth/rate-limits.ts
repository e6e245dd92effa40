import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { shopError, type Redis } from '@shop/platform';

export interface LoginLimits {
  /** Counts a sign-in attempt for this email and this client address; RATE_LIMITED once either is spent. */
  consume(email: string, clientAddress: string): Promise<void>;
  /** A successful sign-in clears the email's count (not the address's). */
  succeeded(email: string): Promise<void>;
}

export interface LoginLimitSettings {
  perEmail: number;
  perAddress: number;
  windowSeconds: number;
  /** Separates counters of independent deployments (and test runs) sharing one Redis. */
  namespace?: string;
}

/** rate-limiter-flexible: atomic counters in Redis shared by every replica, or in memory for one process. */
export function createLoginLimits(settings: LoginLimitSettings, redis?: Redis): LoginLimits {
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: settings.windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: settings.windowSeconds });
  const prefix = settings.namespace ? `login:${settings.namespace}` : 'login';
  const byEmail = make(`${prefix}:email`, settings.perEmail);
  const byAddress = make(`${prefix}:address`, settings.perAddress);
  return {
    async consume(email, clientAddress) {
      try {
        await Promise.all([byEmail.consume(email), byAddress.consume(clientAddress)]);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfterSeconds = Math.ceil(error.msBeforeNext / 1000);
        throw shopError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds });
      }
    },
    async succeeded(email) {
      await byEmail.delete(email);
    },
  };
}
