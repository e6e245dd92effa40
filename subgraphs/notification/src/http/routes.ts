import express from 'express';
import { SIGNATURE_HEADER, type Logger } from '@shop/platform';
import { readUnsubscribeToken } from '../domain/unsubscribe';
import type { WebhookAnswer } from '../services/delivery-events';

export const DELIVERY_WEBHOOK_PATH = '/webhooks/email-events';
export const UNSUBSCRIBE_PATH = '/unsubscribe';

/**
 * POST /webhooks/email-events: the provider's delivery events. The raw body is kept as bytes (express.raw): the
 * signature is over exactly the bytes the provider sent.
 */
export function mountDeliveryWebhook(app: express.Express, log: Logger, receive: (rawBody: Buffer, signature: string | undefined) => Promise<WebhookAnswer>): void {
  app.post(
    DELIVERY_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: '64kb' }),
    async (req: express.Request, res: express.Response) => {
      try {
        const answer = await receive(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.get(SIGNATURE_HEADER));
        res.status(answer.status).json(answer.body);
      } catch (error) {
        log.error({ err: error }, 'delivery event could not be recorded; the provider will deliver it again');
        res.status(500).json({ error: 'not processed; deliver again later' });
      }
    },
    (error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status && error.status >= 400 && error.status < 500 ? error.status : 400).json({ error: 'unreadable request' });
    },
  );
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto;"><h1>${title}</h1>${body}</body></html>`;

/**
 * The unsubscribe link of marketing email, without signing in. GET shows a button (link scanners that open every
 * link in a mail must not unsubscribe anyone); POST — the button, or the mail client's one-click
 * List-Unsubscribe-Post (RFC 8058) — turns marketing email off. A bad token is 400 and changes nothing.
 */
export function mountUnsubscribe(app: express.Express, log: Logger, secret: string, unsubscribe: (customerId: string) => Promise<void>): void {
  const tokenOf = (req: express.Request) => (typeof req.query.token === 'string' ? req.query.token : '');
  const refuse = (res: express.Response) =>
    res.status(400).type('html').send(page('This link does not work', '<p>The unsubscribe link is incomplete or was changed. Use the link from the email.</p>'));
  app.get(UNSUBSCRIBE_PATH, (req, res) => {
    const token = tokenOf(req);
    if (!readUnsubscribeToken(secret, token)) return void refuse(res);
    const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
    res.type('html').send(page('Unsubscribe', `<p>Stop marketing email (abandoned-cart reminders, offers)? Order and account messages still arrive.</p>
<form method="post" action="${action}"><button type="submit">Unsubscribe</button></form>`));
  });
  app.post(UNSUBSCRIBE_PATH, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const read = readUnsubscribeToken(secret, tokenOf(req));
    if (!read) return void refuse(res);
    try {
      await unsubscribe(read.customerId);
      res.type('html').send(page('You are unsubscribed', '<p>You will get no more marketing email from us. Order and account messages still arrive.</p>'));
    } catch (error) {
      log.error({ err: error }, 'unsubscribe failed');
      res.status(500).type('html').send(page('Please try again', '<p>That did not work just now; please try the link again in a minute.</p>'));
    }
  });
}
