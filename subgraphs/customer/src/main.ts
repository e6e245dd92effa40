import { z } from 'zod';
import { ConfigError, envPort, postgresUrl, runService } from '@shop/platform';
import { loadOrCreateSigningKey } from './auth/signing-key';
import { DEFAULT_ACCOUNT_LIMITS, DEFAULT_TIERS, startCustomerSubgraph } from './index';

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000_000).default(fallback);

/** Production entry point: one customer process, configured from the environment. */
runService({
  name: 'customer',
  config: {
    CUSTOMER_DATABASE_URL: postgresUrl,
    CUSTOMER_PORT: envPort(4002),
    /** Set to run the built-in issuer (register/login); leave unset when Keycloak issues tokens. */
    AUTH_SIGNING_KEY_FILE: z.string().min(1).optional(),
    ACCESS_TOKEN_SECONDS: count(900),
    REFRESH_TOKEN_DAYS: count(30),
    LOYALTY_PREMIUM_POINTS: count(DEFAULT_TIERS.premium),
    LOYALTY_VIP_POINTS: count(DEFAULT_TIERS.vip),
    /** Loyalty points a customer earns per whole currency unit an order pays. */
    LOYALTY_POINTS_PER_UNIT: z.coerce.number().positive('must be a positive number').max(1_000).default(1),
    /** Failures of one email from one client network before each next attempt waits (1 s, doubling, to 15 min). */
    LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS: count(DEFAULT_ACCOUNT_LIMITS.perPair),
    /** Failures of one email from networks it never signed in from, per 15 minutes, before attempts are slowed. */
    LOGIN_ATTEMPTS_PER_EMAIL: count(DEFAULT_ACCOUNT_LIMITS.perEmail),
    /** Failures from one client network for accounts it never signed in to, per 15 minutes. */
    LOGIN_ATTEMPTS_PER_ADDRESS: count(DEFAULT_ACCOUNT_LIMITS.perAddress),
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: count(DEFAULT_ACCOUNT_LIMITS.registrationsPerAddress),
  },
  check: (config) => {
    if (config.LOYALTY_VIP_POINTS <= config.LOYALTY_PREMIUM_POINTS) throw new ConfigError('LOYALTY_VIP_POINTS: must be above LOYALTY_PREMIUM_POINTS');
  },
  // The built-in issuer verifies its own tokens with its own public key; other services fetch it from
  // http://<customer>/.well-known/jwks.json (AUTH_JWKS_URL).
  signingKey: async (config) => (config.AUTH_SIGNING_KEY_FILE ? loadOrCreateSigningKey(config.AUTH_SIGNING_KEY_FILE) : undefined),
  start: ({ config, signingKey: key, ...service }) =>
    startCustomerSubgraph({
      ...service,
      databaseUrl: config.CUSTOMER_DATABASE_URL,
      port: config.CUSTOMER_PORT,
      issuer: key && {
        key,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        accessTokenSeconds: config.ACCESS_TOKEN_SECONDS,
        refreshTokenDays: config.REFRESH_TOKEN_DAYS,
      },
      tiers: { premium: config.LOYALTY_PREMIUM_POINTS, vip: config.LOYALTY_VIP_POINTS },
      loyaltyPointsPerUnit: config.LOYALTY_POINTS_PER_UNIT,
      accountLimits: {
        perPair: config.LOGIN_ATTEMPTS_PER_EMAIL_AND_ADDRESS,
        perEmail: config.LOGIN_ATTEMPTS_PER_EMAIL,
        perAddress: config.LOGIN_ATTEMPTS_PER_ADDRESS,
        registrationsPerAddress: config.REGISTRATIONS_PER_ADDRESS_PER_HOUR,
      },
    }),
});
