import { randomUUID } from 'node:crypto';
import { smtpEmailChannel } from '../src/channels';
import { startSmtpSink } from '../src/testing/smtp-sink';
import { asAdmin, customerRegistered, startHarness, until, type Harness } from './harness';

/** Retries against a real SMTP server that refuses (451, try again later), and staff's resend. */
const attemptsOf = (h: Harness, notificationId: string) => h.db.notificationAttempt.findMany({ where: { notificationId }, orderBy: { attemptedAt: 'asc' } });
const welcomeOf = (h: Harness, customerId: string) => h.db.notification.findFirst({ where: { recipientId: customerId, notificationType: 'welcome', channel: 'email' } });

describe('an SMTP server that refuses the first two attempts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sink: { refuseFirst: 2 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('gets the message on the third attempt, after two recorded failures spaced by the backoff', async () => {
    const customerId = randomUUID();
    const email = `retry-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email));
    await h.sink.waitFor((m) => m.to.includes(email), 15_000);
    const row = await until(() => welcomeOf(h, customerId), (r) => r?.status === 'sent', 'the welcome to be sent');
    expect(row).toMatchObject({ retryCount: 2, maxRetries: 3 });
    const attempts = await attemptsOf(h, row!.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(attempts[0].error).toMatch(/451/);
    // backoff base 50 ms ±20 %: the second try comes at least 40 ms after the first, the third at least 80 ms after the second
    expect(attempts[1].attemptedAt.getTime() - attempts[0].attemptedAt.getTime()).toBeGreaterThanOrEqual(40);
    expect(attempts[2].attemptedAt.getTime() - attempts[1].attemptedAt.getTime()).toBeGreaterThanOrEqual(80);
    expect(h.sink.attempts).toBe(3);
    const { data } = await h.gql(`query($id: ID!) { notification(id: $id) { status retryCount attempts { outcome attemptedAt error } } }`, { id: row!.id }, asAdmin);
    expect(data.notification.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(data.notification.attempts.map((a: { attemptedAt: string }) => a.attemptedAt)).toEqual(attempts.map((a) => a.attemptedAt.toISOString()));
  });
});

describe('an SMTP server that always refuses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sink: { refuseAlways: true } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('fails the message after max_retries attempts, lists it for staff, and a resend goes out once the server takes mail', async () => {
    const customerId = randomUUID();
    const email = `never-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email));
    const row = await until(() => welcomeOf(h, customerId), (r) => r?.status === 'failed', 'the welcome to fail');
    expect(row).toMatchObject({ retryCount: 3, nextRetryAt: null });
    expect(row!.failureReason).toMatch(/451/);
    expect((await attemptsOf(h, row!.id)).map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);

    const failed = await h.gql(`{ notifications(filter: { status: FAILED, type: "welcome" }) { totalCount edges { node { id status failureReason retryCount } } } }`, {}, asAdmin);
    expect(failed.errors).toBeUndefined();
    expect(failed.data.notifications.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(row!.id);

    // The mail server is fixed: this service's replacement sends through one that takes mail.
    const good = await startSmtpSink();
    try {
      await h.service.stop();
      const fixed = await h.replica({ channels: { email: smtpEmailChannel({ url: good.url, from: 'shop@example.com' }) } });
      const resent = await h.gql(`mutation($id: ID!) { resendNotification(id: $id) { status retryCount failureReason } }`, { id: row!.id }, asAdmin, fixed.url);
      expect(resent).toEqual({ data: { resendNotification: { status: 'PENDING', retryCount: 0, failureReason: null } } });
      await good.waitFor((m) => m.to.includes(email), 15_000);
      await until(() => welcomeOf(h, customerId), (r) => r?.status === 'sent', 'the resent welcome to be sent');
    } finally {
      await good.close();
    }
  });
});

describe('an SMTP server that refuses the mailbox for good (550)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sink: { refuseAlways: true, refuseCode: 550 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('fails the message after the first attempt: retrying cannot help', async () => {
    const customerId = randomUUID();
    await h.publish(customerRegistered(customerId, `gone-${customerId.slice(0, 8)}@example.com`));
    const row = await until(() => welcomeOf(h, customerId), (r) => r?.status === 'failed', 'the welcome to fail');
    expect(row).toMatchObject({ retryCount: 1 });
    expect(row!.failureReason).toMatch(/550/);
    expect(await attemptsOf(h, row!.id)).toHaveLength(1);
  });
});
