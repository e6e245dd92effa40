import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SendFailed, type EmailMessage } from '../src/channels/port';
import { smtpEmailChannel } from '../src/channels/smtp-email';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink';

const FROM = '"Northwind Goods" <orders@shop.example.com>';

function message(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    notificationId: '5a0f8e0e-4a43-4b8e-9a55-0d7c3c6a1f01',
    to: 'ada@example.com',
    subject: 'Your order ORD-1 is confirmed',
    html: '<p>Thank you, <strong>Ada</strong> &amp; co</p>',
    text: 'Thank you, Ada & co',
    ...overrides,
  };
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

describe('smtpEmailChannel against a real SMTP server', () => {
  const sinks: SmtpSink[] = [];
  const sink = async (options?: Parameters<typeof startSmtpSink>[0]) => {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  };
  afterAll(() => Promise.all(sinks.map((s) => s.close())));

  it('delivers the HTML and text parts with the X-Notification-Id header and returns the Message-ID', async () => {
    const server = await sink();
    const channel = smtpEmailChannel({ url: server.url, from: FROM });
    const result = await channel.send(message({ headers: { 'List-Unsubscribe': '<https://shop.example.com/u?t=1>' } }));
    await channel.close();

    expect(result).toEqual({ provider: 'smtp', providerMessageId: '<5a0f8e0e-4a43-4b8e-9a55-0d7c3c6a1f01@shop.example.com>' });
    const [received] = server.messages();
    expect(received.to).toEqual(['ada@example.com']);
    expect(received.envelope).toEqual({ from: 'orders@shop.example.com', to: ['ada@example.com'] });
    expect(received.subject).toBe('Your order ORD-1 is confirmed');
    expect(received.html).toContain('<strong>Ada</strong> &amp; co');
    expect(received.text.trim()).toBe('Thank you, Ada & co');
    expect(received.headers['x-notification-id']).toBe('5a0f8e0e-4a43-4b8e-9a55-0d7c3c6a1f01');
    expect(received.headers['list-unsubscribe']).toBe('<https://shop.example.com/u?t=1>');
    expect(received.messageId).toBe(result.providerMessageId);
  });

  it('signs in with the credentials in the URL', async () => {
    const server = await sink({ auth: { user: 'shop', pass: 'p@ss word' } });
    expect(server.url).toMatch(/^smtp:\/\/shop:p%40ss%20word@127\.0\.0\.1:\d+$/);
    const channel = smtpEmailChannel({ url: server.url, from: FROM });
    await channel.send(message());
    await channel.close();
    expect(server.messages()).toHaveLength(1);

    const wrong = smtpEmailChannel({ url: server.url.replace('shop:', 'intruder:'), from: FROM });
    const refused = await failure(wrong.send(message()));
    await wrong.close();
    expect(refused.permanent).toBe(false); // the shop's set-up is wrong, not the message: retried once fixed
    expect(server.messages()).toHaveLength(1);
  });

  it('reports 451 (try again later) as retryable, then delivers on the third attempt', async () => {
    const server = await sink({ refuseFirst: 2 });
    const channel = smtpEmailChannel({ url: server.url, from: FROM });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const refused = await failure(channel.send(message()));
      expect(refused.permanent).toBe(false);
      expect(refused.message).toContain('451');
    }
    await channel.send(message());
    await channel.close();
    expect(server.attempts).toBe(3);
    const times = server.attemptTimes().map((t) => t.getTime());
    expect(times).toHaveLength(3);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(server.messages()).toHaveLength(1);
  });

  it('reports 550 (mailbox unavailable) as permanent', async () => {
    const server = await sink({ refuseAlways: true, refuseCode: 550 });
    const channel = smtpEmailChannel({ url: server.url, from: FROM });
    const refused = await failure(channel.send(message()));
    await channel.close();
    expect(refused.permanent).toBe(true);
    expect(refused.message).toContain('550');
    expect(server.messages()).toHaveLength(0);
  });

  it('reports a server that is not there as retryable', async () => {
    const closed = await sink();
    const url = closed.url;
    await closed.close();
    const channel = smtpEmailChannel({ url, from: FROM, timeoutMs: 2_000 });
    const refused = await failure(channel.send(message()));
    await channel.close();
    expect(refused.permanent).toBe(false);
  });

  it('gives up on a server that never answers within the timeout, as retryable', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const channel = smtpEmailChannel({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
    const started = Date.now();
    const refused = await failure(channel.send(message()));
    await channel.close();
    silent.close();
    expect(refused.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets the sink wait for a message that arrives later', async () => {
    const server = await sink();
    const channel = smtpEmailChannel({ url: server.url, from: FROM });
    const arrival = server.waitFor((m) => m.subject === 'Later');
    await channel.send(message({ subject: 'Earlier' }));
    await channel.send(message({ subject: 'Later' }));
    await channel.close();
    expect((await arrival).subject).toBe('Later');
    await expect(server.waitFor((m) => m.subject === 'Never', 100)).rejects.toThrow('No matching message');
  });
});
