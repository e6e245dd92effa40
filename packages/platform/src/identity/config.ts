import { z } from 'zod';
import { ConfigError } from '../config';
import type { Logger } from '../logger';
import { connectRedis, type Redis } from '../redis';
import { createIdentity, type Identity } from './request';
import { inProcessSuspendedAccounts, redisSuspendedAccounts, type SuspendedAccounts } from './suspensions';
import type { TokenSettings } from './tokens';

/** The built-in issuer's defaults; Keycloak deployments set all three to the realm's values. */
export const BUILTIN_ISSUER = 'http://localhost:4000/auth';
export const API_AUDIENCE = 'shop-api';

/** What every service reads to verify callers. */
export const identityConfigSchema = z.object({
  AUTH_ISSUER: z.string().min(1).default(BUILTIN_ISSUER),
  AUTH_AUDIENCE: z.string().min(1).default(API_AUDIENCE),
  /** Keycloak: <issuer>/protocol/openid-connect/certs. Built-in issuer: http://<customer>/.well-known/jwks.json */
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * Shared by the gateway and every subgraph: the gateway signs the headers only it may set (the client's
   * address) with it, and subgraphs ignore those headers unless the signature verifies. Required in production;
   * e.g. `openssl rand -base64 32`.
   */
  GATEWAY_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
});
export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export interface ServiceIdentity {
  identity: Identity;
  suspended: SuspendedAccounts;
  redis?: Redis;
  close(): Promise<void>;
}

/**
 * A production service's identity from its environment. Suspensions live in Redis so every replica of every
 * service sees them; without REDIS_URL they are in-process, which only works in single-process development.
 */
export function identityFromConfig(
  config: IdentityConfig,
  log: Logger,
  options: { production: boolean; jwks?: TokenSettings['jwks'] },
): ServiceIdentity {
  if (!config.AUTH_JWKS_URL && !options.jwks) throw new ConfigError('AUTH_JWKS_URL: required, the URL of the token issuer\'s public keys');
  if (!config.REDIS_URL && options.production) throw new ConfigError('REDIS_URL: required in production (account suspensions are shared through Redis)');
  if (!config.GATEWAY_SIGNING_SECRET && options.production) {
    throw new ConfigError('GATEWAY_SIGNING_SECRET: required in production, the same value for the gateway and every subgraph (e.g. openssl rand -base64 32)');
  }
  if (!config.GATEWAY_SIGNING_SECRET) {
    log.warn('No GATEWAY_SIGNING_SECRET: this service neither signs nor trusts gateway headers, so per-client limits see the gateway\'s address.');
  }
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL) : undefined;
  if (!redis) log.warn('No REDIS_URL: account suspensions are only seen by services in this process.');
  const suspended = redis ? redisSuspendedAccounts(redis) : inProcessSuspendedAccounts();
  const tokens: TokenSettings = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL, jwks: options.jwks };
  return {
    identity: createIdentity({ tokens, suspended, gatewaySecret: config.GATEWAY_SIGNING_SECRET }),
    suspended,
    redis,
    close: async () => void (await redis?.quit()),
  };
}
