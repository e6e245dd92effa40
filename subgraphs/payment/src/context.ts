import type { Logger, Viewer } from '@shop/platform';
import type { PaymentDb } from './db';
import type { PaymentLoaders } from './loaders';
import type { PaymentProvider } from './provider/port';

export interface PaymentSettings {
  /** The longest we wait for the provider; an unanswered authorization is recorded as provider_timeout. */
  providerTimeoutMs: number;
  now: () => Date;
}

/** What every payment service function receives first. */
export interface PaymentContext {
  db: PaymentDb;
  viewer: Viewer;
  log: Logger;
  loaders: PaymentLoaders;
  provider: PaymentProvider;
  settings: PaymentSettings;
}
