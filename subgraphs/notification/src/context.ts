import type { Logger, Viewer } from '@shop/platform';
import type { Channels } from './channels/port';
import type { NotificationDb } from './db';

/** What every message carries about the shop, and how its links are made. */
export interface NotificationSettings {
  shopName: string;
  /** The storefront's public address: links to an order, to the cart (PUBLIC_SHOP_URL). */
  shopUrl: string;
  /** This service's public address: the unsubscribe link points here (it works without signing in). */
  publicUrl: string;
  /** Signs unsubscribe links. */
  unsubscribeSecret: string;
  /** Where stock alerts go (NOTIFICATION_STAFF_EMAILS). */
  staffEmails: string[];
  /** Attempts per message before it is failed (the seed's max_retries). */
  maxRetries: number;
  now: () => Date;
}

/** What every notification service function receives first. */
export interface NotificationContext {
  db: NotificationDb;
  viewer: Viewer;
  log: Logger;
  settings: NotificationSettings;
  channels: Channels;
}
