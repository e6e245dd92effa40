import { randomUUID } from 'node:crypto';
import { customerRegistered, startHarness, until, type Harness } from './harness';

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
