import type { Channel } from '../channels/port';

/**
 * A message template as stored in notification_templates (one row per name, channel and locale) and as seeded
 * from the files under subgraphs/notification/templates/. Bodies are Handlebars; `variables` declares every
 * variable the subject and body may use (dotted paths for nested values, e.g. `order.number`, and `lines` for a
 * list used with {{#each lines}} whose items are named `lines.sku` …).
 */
export interface TemplateSource {
  /** The message kind, e.g. order_confirmation; the same for every channel and locale of it. */
  name: string;
  channel: Channel;
  /** BCP 47, e.g. en-US; en-US is the fallback every kind has. */
  locale: string;
  description: string | null;
  /** Email subject or push title; null for SMS. */
  subject: string | null;
  /** Email: HTML. SMS and push: plain text. */
  body: string;
  variables: string[];
}

export interface RenderedMessage {
  subject: string | null;
  /** Email only: the HTML body with every value HTML-escaped. */
  html: string | null;
  /** Email: the plain-text part generated from the HTML; SMS and push: the body. */
  text: string;
}
