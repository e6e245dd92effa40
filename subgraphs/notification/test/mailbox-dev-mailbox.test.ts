import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import nodemailer from 'nodemailer';
import { createLogger } from '@shop/platform';
import { startDevMailbox, type DevMailbox } from '../src/mailbox';
import { startSmtpReceiver } from '../src/mailbox/smtp-receiver';

const log = createLogger('dev-mailbox-test', 'silent');

async function sendMail(smtpUrl: string, subject: string, html = '<p>Hello <b>Ada</b></p>') {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from: 'shop@example.com', to: 'ada@example.com', subject, html, text: 'Hello Ada', headers: { 'X-Notification-Id': 'n-1' } });
  } finally {
    transport.close();
  }
}

/** A GET with a chosen Host header, as a page on another site would send after rebinding its DNS name to 127.0.0.1. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject).end();
  });
}

describe('dev mailbox', () => {
  let mailbox: DevMailbox;
  beforeAll(async () => {
    mailbox = await startDevMailbox({ smtpPort: 0, httpPort: 0, host: '127.0.0.1', log, keep: 3 });
  });
  afterAll(() => mailbox.stop());

  it('receives mail over SMTP and lists it on its page and as JSON, newest first', async () => {
    await sendMail(mailbox.smtpUrl, 'Your order ORD-1 is confirmed');
    await sendMail(mailbox.smtpUrl, 'Your order ORD-1 is on its way');

    const list = await fetch(`${mailbox.url}/messages`);
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const messages = (await list.json()) as any[];
    expect(messages.map((m) => m.subject)).toEqual(['Your order ORD-1 is on its way', 'Your order ORD-1 is confirmed']);
    expect(messages[0]).toEqual({ id: expect.any(String), receivedAt: expect.any(String), from: 'shop@example.com', to: ['ada@example.com'], subject: 'Your order ORD-1 is on its way' });

    const page = await (await fetch(`${mailbox.url}/`)).text();
    expect(page).toContain('ada@example.com');
    expect(page).toContain(`<a href="/view/${messages[0].id}">Your order ORD-1 is on its way</a>`);
  });

  it('shows one message: its HTML in a sandboxed frame with a strict policy, its text part and headers', async () => {
    await sendMail(mailbox.smtpUrl, 'Framed <i>subject</i>', '<p>Hi</p><script>parent.document.title="owned"</script>');
    const [latest] = mailbox.messages();

    const view = await fetch(`${mailbox.url}/view/${latest.id}`);
    const html = await view.text();
    expect(view.status).toBe(200);
    expect(view.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<h1>Framed &lt;i&gt;subject&lt;/i&gt;</h1>');
    expect(html).toContain(`<iframe sandbox="" referrerpolicy="no-referrer" src="/view/${latest.id}/html"`);
    expect(html).toContain('<pre>Hello Ada</pre>');
    expect(html).toContain('<th>x-notification-id</th><td>n-1</td>');

    const body = await fetch(`${mailbox.url}/view/${latest.id}/html`);
    expect(body.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none';/);
    expect(await body.text()).toContain('<p>Hi</p>');

    const json = await (await fetch(`${mailbox.url}/messages/${latest.id}`)).json();
    expect(json).toMatchObject({ subject: 'Framed <i>subject</i>', text: 'Hello Ada', headers: { 'x-notification-id': 'n-1' } });
  });

  it('keeps only the latest messages and answers 404 for one it dropped', async () => {
    await sendMail(mailbox.smtpUrl, 'Fourth');
    const kept = mailbox.messages();
    expect(kept).toHaveLength(3);
    expect(kept[0].subject).toBe('Fourth');
    expect((await fetch(`${mailbox.url}/view/1`)).status).toBe(404);
    expect((await fetch(`${mailbox.url}/messages/1`)).status).toBe(404);
  });

  it('answers only requests addressed to localhost', async () => {
    expect(await getWithHost(`${mailbox.url}/messages`, 'evil.example.com')).toBe(403);
    expect(await getWithHost(`${mailbox.url}/messages`, `localhost:${new URL(mailbox.url).port}`)).toBe(200);
  });

  it('refuses to be cleared by another site\'s form', async () => {
    for (const origin of ['https://evil.example.com', 'null']) {
      const res = await fetch(`${mailbox.url}/clear`, { method: 'POST', headers: { origin }, redirect: 'manual' });
      expect(res.status).toBe(403);
    }
    expect(mailbox.messages().length).toBeGreaterThan(0);
    const own = await fetch(`${mailbox.url}/clear`, { method: 'POST', headers: { origin: mailbox.url }, redirect: 'manual' });
    expect(own.status).toBe(303);
    expect(mailbox.messages()).toEqual([]);
  });

  it('is cleared with DELETE /messages', async () => {
    await sendMail(mailbox.smtpUrl, 'Fifth');
    expect((await fetch(`${mailbox.url}/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${mailbox.url}/messages`)).json()).toEqual([]);
  });
});

describe('SMTP receiver', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

  // Needs an address other than loopback on this machine; the test says so when there is none.
  (external ? it : it.skip)('refuses clients that are not on this machine unless allowed', async () => {
    const receiver = await startSmtpReceiver({ host: '0.0.0.0', port: 0, onMessage: () => undefined });
    try {
      await expect(sendMail(`smtp://${external}:${receiver.port}`, 'From afar')).rejects.toMatchObject({ responseCode: 554 });
      await sendMail(`smtp://127.0.0.1:${receiver.port}`, 'From here');
    } finally {
      await receiver.close();
    }
  });
});
