import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type Redis, type RunningService, type SuspendedAccounts, type SubgraphBaseOptions } from '@shop/platform';
import { createIssuer, type IssuerSettings } from './auth/issuer';
import { createLoginLimits, type LoginLimitSettings } from './auth/rate-limits';
import type { CustomerContext } from './context';
import { createCustomerDb } from './db';
import type { TierThresholds } from './domain/loyalty';
import { CustomerLoaders } from './loaders';
import { resolvers } from './resolvers';
import { publishSuspensions } from './services/staff';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createCustomerDb } from './db';
export type { CustomerDb } from './db';
export { loadOrCreateSigningKey, type SigningKey } from './auth/signing-key';
export { ensureStaffAccount } from './services/accounts';

export interface CustomerOptions extends SubgraphBaseOptions {
  /** Shared with every service: suspending a customer writes here. */
  suspended: SuspendedAccounts;
  /** The built-in issuer (embedded default). Omitted when Keycloak issues tokens. */
  issuer?: IssuerSettings;
  /** Sign-in counters are shared across replicas through Redis; in memory without it. */
  redis?: Redis;
  loginLimits?: LoginLimitSettings;
  tiers?: TierThresholds;
  onStatement?: (sql: string) => void;
}

export const DEFAULT_TIERS: TierThresholds = { premium: 1_000, vip: 5_000 };
export const DEFAULT_LOGIN_LIMITS: LoginLimitSettings = { perEmail: 5, perAddress: 30, windowSeconds: 15 * 60 };

export async function startCustomerSubgraph(options: CustomerOptions): Promise<RunningService> {
  const db = createCustomerDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  const issuer = options.issuer ? createIssuer(options.issuer) : undefined;
  const loginLimits = createLoginLimits(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, options.redis);
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const republished = await publishSuspensions({ db, suspended: options.suspended });
  if (republished) options.log.info({ count: republished }, 'republished suspended accounts');
  return startSubgraph<CustomerContext>({
    name: 'customer',
    typeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    log: options.log,
    production: options.production,
    routes: (app) => {
      if (issuer) app.get('/.well-known/jwks.json', (_req, res) => void res.json(issuer.settings.key.jwks));
    },
    context: async ({ req, log }) => ({
      db,
      log,
      viewer: await options.identity.viewerFor(req.headers),
      loaders: new CustomerLoaders(db),
      clientAddress: clientAddressOf(req.headers['x-client-address'], req.socket.remoteAddress),
      issuer,
      loginLimits,
      suspended: options.suspended,
      tiers,
    }),
    ready: async () => {
      await db.$queryRaw`SELECT 1`;
    },
    onStop: () => db.$disconnect(),
  });
}

/** The gateway sets x-client-address from its socket; a direct caller is limited by its own address. */
function clientAddressOf(header: string | string[] | undefined, socketAddress: string | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && given.length <= 64 ? given : (socketAddress ?? 'unknown');
}
