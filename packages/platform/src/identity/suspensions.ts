import type { Redis } from 'ioredis';

/**
 * Accounts whose tokens stop working at once. The customer context writes it; every service reads it on each
 * signed-in request, so a suspension does not wait for the access token to expire.
 */
export interface SuspendedAccounts {
  isSuspended(customerId: string): Promise<boolean>;
  suspend(customerId: string): Promise<void>;
  reinstate(customerId: string): Promise<void>;
}

const key = (customerId: string) => `identity:suspended:${customerId}`;

export function redisSuspendedAccounts(redis: Redis): SuspendedAccounts {
  return {
    isSuspended: async (customerId) => (await redis.exists(key(customerId))) === 1,
    suspend: async (customerId) => void (await redis.set(key(customerId), '1')),
    reinstate: async (customerId) => void (await redis.del(key(customerId))),
  };
}

/** For embedded mode without Redis: only correct while every service shares this one process and instance. */
export function inProcessSuspendedAccounts(): SuspendedAccounts {
  const suspended = new Set<string>();
  return {
    isSuspended: async (customerId) => suspended.has(customerId),
    suspend: async (customerId) => void suspended.add(customerId),
    reinstate: async (customerId) => void suspended.delete(customerId),
  };
}
