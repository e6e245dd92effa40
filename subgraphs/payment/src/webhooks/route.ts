import express from 'express';
import { SIGNATURE_HEADER, type Logger } from '@shop/platform';
import type { WebhookAnswer } from './receive';

export const webhookPath = (provider: string) => `/webhooks/${provider}`;

/**
 * POST /webhooks/<provider>: the raw body is kept as bytes (express.raw), because the signature is over exactly
 * the bytes the provider sent; parsing first and re-serialising would not verify.
 */
export function mountWebhookRoute(
  app: express.Express,
  provider: string,
  log: Logger,
  receive: (rawBody: Buffer, signature: string | undefined) => Promise<WebhookAnswer>,
): void {
  app.post(
    webhookPath(provider),
    express.raw({ type: () => true, limit: '256kb' }),
    async (req: express.Request, res: express.Response) => {
      try {
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const answer = await receive(rawBody, req.get(SIGNATURE_HEADER));
        if (answer.status === 503) res.setHeader('retry-after', '5');
        res.status(answer.status).json(answer.body);
      } catch (error) {
        log.error({ err: error }, 'webhook could not be processed; the provider will deliver it again');
        res.status(500).json({ error: 'not processed; deliver again later' });
      }
    },
    // Oversized or unreadable bodies: a short JSON answer, never an HTML page with a stack.
    (error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status && error.status >= 400 && error.status < 500 ? error.status : 400).json({ error: 'unreadable request' });
    },
  );
}
