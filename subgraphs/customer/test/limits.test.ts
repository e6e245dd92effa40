import { randomUUID } from 'node:crypto';
import { createHashingQueue } from '../src/auth/hashing-queue';
import { createAccountLimits, DEFAULT_ACCOUNT_LIMITS, networkOf } from '../src/auth/rate-limits';

/** The rules of the account limits in memory, on a fake clock; abuse.test.ts shows them through the gateway. */
const refusal = (attempt: Promise<unknown>) =>
  attempt.then(
    () => ({ code: 'admitted', reason: '', retryAfterSeconds: 0 }),
    (error: { extensions: { code: string; reason: string; retryAfterSeconds: number } }) => error.extensions,
  );

describe('the wait after wrong passwords from one place', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts after the fifth failure at 1 s and doubles with each further one, up to 15 minutes', async () => {
    const limits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, namespace: randomUUID() });
    const attempt = () => limits.admitSignIn('owner@example.com', '203.0.113.7'); // each admitted attempt then fails
    for (let i = 0; i < 5; i++) await attempt();
    const waits = [];
    for (let i = 0; i < 12; i++) {
      await attempt();
      const refused = await refusal(attempt());
      expect(refused.reason).toBe('SIGN_IN_ATTEMPTS');
      waits.push(refused.retryAfterSeconds);
      jest.advanceTimersByTime(refused.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('starts again from nothing after a correct password', async () => {
    const limits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, namespace: randomUUID() });
    const attempt = () => limits.admitSignIn('owner@example.com', '203.0.113.7');
    for (let i = 0; i < 6; i++) await attempt();
    expect((await refusal(attempt())).code).toBe('RATE_LIMITED');
    jest.advanceTimersByTime(1000);
    await (await attempt()).succeeded();
    for (let i = 0; i < 5; i++) await attempt();
    expect((await refusal(attempt())).code).toBe('admitted');
  });
});

describe('sign-ups per network', () => {
  it('admits the configured number per hour and then answers RATE_LIMITED with the wait', async () => {
    const limits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, registrationsPerAddress: 3, namespace: randomUUID() });
    for (let i = 0; i < 3; i++) await limits.admitRegistration('198.51.100.1');
    const refused = await refusal(limits.admitRegistration('198.51.100.1'));
    expect(refused).toEqual({ code: 'RATE_LIMITED', reason: 'REGISTRATIONS', retryAfterSeconds: 3600 });
    expect((await refusal(limits.admitRegistration('198.51.100.2'))).code).toBe('admitted');
  });

  it('does not count a sign-up the shop was too busy to finish', async () => {
    const limits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, registrationsPerAddress: 1, namespace: randomUUID() });
    await limits.admitRegistration('198.51.100.3');
    await limits.registrationWithdrawn('198.51.100.3');
    expect((await refusal(limits.admitRegistration('198.51.100.3'))).code).toBe('admitted');
  });
});

describe('the network a client address is counted by', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });
});

describe('the line for password hashing', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, work: () => opened };
  };

  it('runs at most the given number at once and the rest in turn', async () => {
    const queue = createHashingQueue({ concurrency: 2, maxWaiting: 10, maxWaitMs: 60_000 });
    const gates = Array.from({ length: 5 }, gate);
    const runs = gates.map((g) => queue.run(g.work));
    await Promise.resolve();
    expect([queue.running, queue.waiting]).toEqual([2, 3]);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('tells a caller beyond the line, or one that waited too long, to come back: RATE_LIMITED', async () => {
    jest.useFakeTimers();
    try {
      const queue = createHashingQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 10_000 });
      const busy = gate();
      const first = queue.run(busy.work);
      const second = refusal(queue.run(async () => 'hashed'));
      expect(await refusal(queue.run(async () => 'hashed'))).toEqual({ code: 'RATE_LIMITED', reason: 'BUSY', retryAfterSeconds: 5 });
      jest.advanceTimersByTime(10_000);
      expect((await second).code).toBe('RATE_LIMITED');
      expect(queue.waiting).toBe(0);
      busy.open();
      await first;
      expect(await queue.run(async () => 'hashed')).toBe('hashed');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('an attempt that could not be checked', () => {
  it('counts for nothing once withdrawn', async () => {
    const limits = createAccountLimits({ ...DEFAULT_ACCOUNT_LIMITS, namespace: randomUUID() });
    const attempt = () => limits.admitSignIn('owner@example.com', '203.0.113.9');
    for (let i = 0; i < 20; i++) await (await attempt()).withdrawn();
    for (let i = 0; i < 5; i++) await attempt();
    expect((await refusal(attempt())).code).toBe('admitted');
    expect((await refusal(attempt())).code).toBe('RATE_LIMITED');
  });
});
