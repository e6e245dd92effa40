import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// The provider's side of the signature: the platform's verifier, the one every shop webhook uses.
import { createLogger, verifySignature } from '@shop/platform';
import { logChannel } from '../src/channels/log';
import { SendFailed } from '../src/channels/port';
import { webhookShortMessageChannel } from '../src/channels/webhook-short-message';

interface Received {
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const SECRET = 'whsec_test_notifications';

/** A provider on a local port; `answer` decides the reply to each request. */
async function startProvider(answer: (req: Received, res: ServerResponse) => void) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // a request the provider never answered must not keep the server open
    });
  return { url, received, close };
}

async function failure(promise: Promise<unknown>): Promise<SendFailed> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SendFailed) return error;
    throw error;
  }
  throw new Error('the send succeeded');
}

const sms = { notificationId: '0b8a0f4e-2f4e-4f0a-9d55-5f1c7b0e9a11', to: '+4915112345678', text: 'Your order ORD-1 has shipped.' };

describe('webhookShortMessageChannel', () => {
  it('posts the message as signed JSON the provider can verify, and keeps the provider id', async () => {
    const provider = await startProvider((_req, res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"prov-42"}'));
    const channel = webhookShortMessageChannel({ url: provider.url, secret: SECRET, provider: 'webhook-sms' });
    const result = await channel.send(sms);
    await provider.close();

    expect(result).toEqual({ provider: 'webhook-sms', providerMessageId: 'prov-42' });
    const [request] = provider.received;
    const check = verifySignature(request.headers['shop-signature'] as string, request.body, SECRET, Math.floor(Date.now() / 1000));
    expect(check.ok).toBe(true);
    expect(verifySignature(request.headers['shop-signature'] as string, request.body, 'another secret', Date.now() / 1000).ok).toBe(false);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(sms.notificationId);
    const body = JSON.parse(request.body.toString('utf8'));
    expect(body).toEqual({ id: sms.notificationId, channel: 'sms', to: sms.to, text: sms.text, sentAt: expect.any(String) });
  });

  it('sends the title of a push message', async () => {
    const provider = await startProvider((_req, res) => res.writeHead(200).end());
    const channel = webhookShortMessageChannel({ url: provider.url, secret: SECRET, provider: 'webhook-push' });
    const result = await channel.send({ ...sms, to: 'customer-1', title: 'On its way' });
    await provider.close();
    expect(result).toEqual({ provider: 'webhook-push', providerMessageId: null });
    expect(JSON.parse(provider.received[0].body.toString('utf8'))).toMatchObject({ channel: 'push', to: 'customer-1', title: 'On its way' });
  });

  it('treats a 400 as permanent and a 503 or 429 as retryable', async () => {
    const statuses = [400, 503, 429];
    const provider = await startProvider((_req, res) => res.writeHead(statuses.shift()!).end('{"error":"invalid number"}'));
    const channel = webhookShortMessageChannel({ url: provider.url, secret: SECRET, provider: 'webhook-sms' });
    const badRequest = await failure(channel.send(sms));
    const unavailable = await failure(channel.send(sms));
    const rateLimited = await failure(channel.send(sms));
    await provider.close();
    expect(badRequest.permanent).toBe(true);
    expect(badRequest.message).toBe('webhook-sms: HTTP 400 {"error":"invalid number"}');
    expect(unavailable.permanent).toBe(false);
    expect(rateLimited.permanent).toBe(false);
  });

  it('gives up on a provider that does not answer in time, as retryable', async () => {
    const provider = await startProvider(() => undefined);
    const channel = webhookShortMessageChannel({ url: provider.url, secret: SECRET, provider: 'webhook-sms', timeoutMs: 200 });
    const timedOut = await failure(channel.send(sms));
    expect(timedOut.permanent).toBe(false);
    expect(timedOut.message).toBe('webhook-sms: no answer within 200 ms');
    await provider.close();
  });

  it('treats a provider that is not there as retryable', async () => {
    const provider = await startProvider((_req, res) => res.end());
    await provider.close();
    const channel = webhookShortMessageChannel({ url: provider.url, secret: SECRET, provider: 'webhook-sms', timeoutMs: 2_000 });
    expect((await failure(channel.send(sms))).permanent).toBe(false);
  });
});

describe('logChannel', () => {
  it('logs the message instead of sending it, and never fails', async () => {
    const lines: string[] = [];
    const log = createLogger('notification-test');
    const info = jest.spyOn(log, 'info').mockImplementation(((obj: unknown, msg: string) => {
      lines.push(`${msg} ${JSON.stringify(obj)}`);
    }) as never);
    const email = logChannel(log, 'email');
    const result = await email.send({ notificationId: 'n-1', to: 'ada@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' });
    await logChannel(log, 'sms').send(sms);
    expect(result).toEqual({ provider: 'log', providerMessageId: null });
    expect(info).toHaveBeenCalledTimes(2);
    expect(lines[0]).toContain('"to":"ada@example.com"');
    expect(lines[0]).toContain('"title":"Hi"');
    expect(lines[1]).toContain('"channel":"sms"');
  });
});
