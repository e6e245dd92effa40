import type { Logger, SuspendedAccounts, Viewer } from '@shop/platform';
import type { Issuer } from './auth/issuer';
import type { AccountLimits } from './auth/rate-limits';
import type { CustomerDb } from './db';
import type { TierThresholds } from './domain/loyalty';
import type { CustomerLoaders } from './loaders';

/** What every customer service function receives first. */
export interface CustomerContext {
  db: CustomerDb;
  viewer: Viewer;
  log: Logger;
  loaders: CustomerLoaders;
  /** The caller's address as the gateway saw it (signed by the gateway), else the socket's: for account limits. */
  clientAddress: string;
  /** Present when this service is the token issuer (embedded default); absent with Keycloak. */
  issuer?: Issuer;
  accountLimits: AccountLimits;
  suspended: SuspendedAccounts;
  tiers: TierThresholds;
}
