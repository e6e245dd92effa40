/**
 * One port per channel. The sending worker renders a notification, hands it to its channel's adapter and records
 * the outcome; the adapter never touches the database. Adapters: email over SMTP (nodemailer), SMS and push
 * through a webhook provider, and a log adapter for development.
 */
export type Channel = 'email' | 'sms' | 'push';

export interface EmailMessage {
  /** The notification's id: sent as the Message-ID's local part and an X-Notification-Id header for webhooks. */
  notificationId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe for marketing email. */
  headers?: Record<string, string>;
}

export interface ShortMessage {
  notificationId: string;
  /** E.164 phone number for SMS; the customer id for push (the provider maps it to devices). */
  to: string;
  /** Push only. */
  title?: string;
  text: string;
}

export interface SendResult {
  /** The provider's id for the message (SMTP: the Message-ID), kept for delivery webhooks. */
  providerMessageId: string | null;
  /** The provider's name as recorded in email_events.provider (e.g. smtp, webhook, log). */
  provider: string;
}

/**
 * Thrown by an adapter when a send failed. `permanent` (a 5xx SMTP reply such as an unknown mailbox, a provider's
 * 4xx) means retrying cannot help; anything else is retried with backoff up to max_retries.
 */
export class SendFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendFailed';
  }
}

export interface EmailChannel {
  readonly provider: string;
  send(message: EmailMessage): Promise<SendResult>;
  close(): Promise<void>;
}

export interface ShortMessageChannel {
  readonly provider: string;
  send(message: ShortMessage): Promise<SendResult>;
  close(): Promise<void>;
}

export interface Channels {
  email: EmailChannel;
  sms: ShortMessageChannel;
  push: ShortMessageChannel;
}
