import { randomUUID } from 'node:crypto';
import { createLogger } from '@shop/platform';
import { logChannel, smtpEmailChannel, type EmailMessage } from '../src/channels';
import { sendDueMessages } from '../src/index';
import { customerRegistered, FAST_SENDING, startHarness, until, type Harness } from './harness';

/**
 * Two replicas of the subgraph on one database and one stream: two consumers of the customer events and two
 * sending workers claiming due messages with SKIP LOCKED. Every welcome is sent exactly once.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ subgraph: { sending: { pollMs: 10, batchSize: 5, backoffBaseMs: 50, backoffMaxMs: 400, sendTimeoutMs: 5_000 } } });
  await h.replica();
});
afterAll(async () => {
  await h?.stop();
});

describe('two notification workers', () => {
  it('send each of 40 messages once', async () => {
    const customers = Array.from({ length: 40 }, () => randomUUID());
    const tag = randomUUID().slice(0, 8);
    for (const id of customers) await h.publish(customerRegistered(id, `w${tag}-${id.slice(0, 8)}@example.com`));
    await until(() => h.db.notification.count({ where: { notificationType: 'welcome', status: 'sent', recipientId: { in: customers } } }), (n) => n === 40, 'all 40 welcomes sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const received = h.sink.messages().filter((m) => m.to.some((to) => to.startsWith(`w${tag}-`)));
    expect(received).toHaveLength(40);
    expect(new Set(received.map((m) => m.to[0])).size).toBe(40);
    expect(await h.db.notificationAttempt.count({ where: { notification: { recipientId: { in: customers } } } })).toBe(40);
  });
});

describe('two sending passes racing on the same due messages', () => {
  let raced: Harness;
  beforeAll(async () => {
    raced = await startHarness({ subgraph: { sending: false } });
  });
  afterAll(async () => {
    await raced?.stop();
  });

  it('split them between the workers (SKIP LOCKED): each sent once, by one of them', async () => {
    const tag = randomUUID().slice(0, 8);
    const now = new Date();
    await raced.db.notification.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        recipientId: randomUUID(), recipientEmail: `race${tag}-${i}@example.com`, notificationType: 'welcome', channel: 'email',
        subject: `Race ${i}`, content: `<p>Race ${i}</p>`, textContent: `Race ${i}`, nextRetryAt: now, createdAt: now,
      })),
    });
    const email = smtpEmailChannel({ url: raced.sink.url, from: 'shop@example.com' });
    const sentBy = new Map<string, string>();
    // Each worker's channel answers after a pause, as a real relay does, so the two passes overlap.
    const log = createLogger('race', 'silent');
    const worker = (name: string) => ({
      db: raced.db,
      log,
      now: () => new Date(),
      channels: {
        sms: logChannel(log, 'sms'),
        push: logChannel(log, 'push'),
        email: { provider: 'smtp', close: async () => {}, send: async (m: EmailMessage) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          sentBy.set(m.notificationId, sentBy.has(m.notificationId) ? 'twice' : name);
          return email.send(m);
        } },
      },
    });
    const drain = async (name: string) => {
      let handled = 0;
      for (let n; (n = await sendDueMessages(worker(name), { ...FAST_SENDING, batchSize: 4 })) > 0;) handled += n;
      return handled;
    };
    const [a, b] = await Promise.all([drain('a'), drain('b')]);
    await email.close();
    expect(a + b).toBe(30);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect([...sentBy.values()].filter((v) => v === 'twice')).toEqual([]);
    expect(raced.sink.messages().filter((m) => m.to[0].startsWith(`race${tag}-`))).toHaveLength(30);
    expect(await raced.db.notification.count({ where: { status: 'sent', recipientEmail: { startsWith: `race${tag}-` } } })).toBe(30);
  });
});
