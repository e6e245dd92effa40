import { Redis } from 'ioredis';

export type { Redis } from 'ioredis';

/** One connection per service; commands wait for a reconnect instead of failing at the first network blip. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, connectionName: 'shop' });
}
