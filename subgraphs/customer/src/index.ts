import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type Redis, type RunningService, type SuspendedAccounts, type SubgraphBaseOptions } from '@shop/platform';
import { createIssuer, type IssuerSettings } from './auth/issuer';
import { createAccountLimits, DEFAULT_ACCOUNT_LIMITS, type AccountLimitSettings } from './auth/rate-limits';
import type { CustomerContext } from './context';
import { createCustomerDb, inTransaction, type CustomerTx } from './db';
import { eventHandlers } from './events/handlers';
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
  /** Sign-in and sign-up counters are shared across replicas through Redis; in memory without it. */
  redis?: Redis;
  accountLimits?: Partial<AccountLimitSettings>;
  tiers?: TierThresholds;
  /** Loyalty points earned per whole currency unit an order pays (default 1). */
  loyaltyPointsPerUnit?: number;
  onStatement?: (sql: string) => void;
}

export const DEFAULT_TIERS: TierThresholds = { premium: 1_000, vip: 5_000 };
export { DEFAULT_ACCOUNT_LIMITS, type AccountLimitSettings } from './auth/rate-limits';

export async function startCustomerSubgraph(options: CustomerOptions): Promise<RunningService> {
  const db = createCustomerDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  const issuer = options.issuer ? createIssuer(options.issuer) : undefined;
  const accountLimits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, ...options.accountLimits }, options.redis);
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const eventDeps = { db, log: options.log, tiers, loyaltyPointsPerUnit: options.loyaltyPointsPerUnit };
  const republished = await publishSuspensions({ db, suspended: options.suspended });
  if (republished) options.log.info({ count: republished }, 'republished suspended accounts');
  return startSubgraph<CustomerContext, CustomerTx>({
    ...options,
    name: 'customer',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers(eventDeps), publishes: true },
    routes: (app) => {
      if (issuer) app.get('/.well-known/jwks.json', (_req, res) => void res.json(issuer.settings.key.jwks));
    },
    context: ({ req, viewer, log }) => ({
      db,
      log,
      viewer,
      loaders: new CustomerLoaders(db),
      // Honoured only when the gateway signed it; a direct caller is counted by its own socket address.
      clientAddress: options.identity.gatewayHeaders.clientAddress(req),
      issuer,
      accountLimits,
      suspended: options.suspended,
      tiers,
    }),
  });
}
