import { randomUUID } from 'node:crypto';
import { connectFrom } from '@shop/gateway/testing';
import { Agent, fetch } from 'undici';
import { passwordHashing } from '../src/auth/passwords';
import { codeOf, PASSWORD, startCustomerHarness, type CustomerHarness } from './harness';

/**
 * Identity under abuse, through the real gateway against real PostgreSQL and Redis. Each client is a real
 * connection from its own loopback address (127.x.y.z), which the gateway reads from its socket, signs, and the
 * customer subgraph honours — the way a production client's address travels.
 */
let h: CustomerHarness;
// A first wait of a minute, so "simultaneous" stays simultaneous on a loaded machine (the default is 1 s).
const LIMITS = { perPair: 5, firstDelaySeconds: 60, perEmail: 10, emailSlowedSeconds: 60, perAddress: 10, registrationsPerAddress: 20 };
beforeAll(async () => {
  h = await startCustomerHarness(LIMITS);
});
afterAll(() => h?.stop());

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken customer { id } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
const WRONG = 'not the password at all';

/** One address per client; each test uses its own 127.<test>.x.y range so no counter is shared by accident. */
let nextNetwork = 10;
const addresses = () => {
  const network = nextNetwork++;
  return (n: number) => `127.${network}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
const newEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;
const signUp = (from: string, email = newEmail('new')) =>
  h.gateway.from(from).query(REGISTER, { input: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' } });
const logIn = (from: string, email: string, password: string) => h.gateway.from(from).query(LOGIN, { email, password });
const outcomeOf = (r: { errors?: { extensions: { code: string; reason?: string } }[] }) =>
  r.errors ? [r.errors[0].extensions.code, r.errors[0].extensions.reason].filter(Boolean).join(' ') : 'ok';
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((all, code) => ({ ...all, [code]: (all[code] ?? 0) + 1 }), {});

describe('registration bursts', () => {
  it('makes at most 20 accounts of 100 simultaneous sign-ups from one address and refuses the rest as RATE_LIMITED, and nothing else', async () => {
    const at = addresses()(0);
    const before = await h.db.customer.count();
    const outcomes = (await Promise.all(Array.from({ length: 100 }, () => signUp(at)))).map(outcomeOf);
    // The 20 admitted become accounts, unless the hashing line is so long they are told to come back (BUSY),
    // which gives their place back: then a few more than 20 are admitted, and never more than 20 accounts made.
    const outcome = tally(outcomes);
    expect(outcome.ok).toBeLessThanOrEqual(20);
    expect(Object.keys(outcome).filter((code) => !['ok', 'RATE_LIMITED BUSY', 'RATE_LIMITED REGISTRATIONS'].includes(code))).toEqual([]);
    expect(outcome.ok).toBeGreaterThan(0);
    expect(outcome['RATE_LIMITED REGISTRATIONS']).toBeGreaterThan(0);
    expect(await h.db.customer.count()).toBe(before + (outcome.ok ?? 0));
  }, 120_000);

  it('answers 100 simultaneous sign-ups from 100 addresses with accounts or RATE_LIMITED only, and keeps serving others meanwhile', async () => {
    const from = addresses();
    const before = await h.db.customer.count();
    const shopper = (await signUp(from(100))).data.register;
    const burst = Promise.all(Array.from({ length: 100 }, (_, i) => signUp(from(i))));
    // A signed-in shopper's ordinary query in the middle of the burst: asked once passwords are waiting to be
    // hashed, answered while some still are.
    while (passwordHashing.waiting < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    const during = await h.gateway.from(from(101)).query('{ me { id } }', {}, { authorization: `Bearer ${shopper.accessToken}` });
    expect(passwordHashing.running).toBeGreaterThan(0);
    const outcome = tally((await burst).map(outcomeOf));
    expect(Object.keys(outcome).filter((code) => code !== 'ok' && code !== 'RATE_LIMITED BUSY')).toEqual([]);
    // Two hashes at a time, and a wait in line of at most 10 s: many get in, the rest are told to come back.
    expect(outcome.ok).toBeGreaterThanOrEqual(10);
    expect(await h.db.customer.count()).toBe(before + 1 + outcome.ok);
    expect(during.errors).toBeUndefined();
    expect(during.data.me.id).toBe(shopper.customer.id);
  }, 120_000);

  it('makes one account of 10 simultaneous sign-ups with one email; the other 9 are CONFLICT', async () => {
    const from = addresses();
    const email = newEmail('twice');
    const codes = (await Promise.all(Array.from({ length: 10 }, (_, i) => signUp(from(i), email)))).map(codeOf);
    expect(tally(codes)).toEqual({ ok: 1, CONFLICT: 9 });
    expect(await h.db.customer.count({ where: { email } })).toBe(1);
  }, 60_000);
});

describe('wrong passwords', () => {
  it('checks only 6 of 20 simultaneous guesses from one address; the other 14 are RATE_LIMITED with a wait', async () => {
    const from = addresses();
    const email = newEmail('guessed');
    await signUp(from(0), email);
    const results = await Promise.all(Array.from({ length: 20 }, () => logIn(from(1), email, WRONG)));
    expect(tally(results.map(codeOf))).toEqual({ UNAUTHENTICATED: 6, RATE_LIMITED: 14 });
    const limited = results.find((r) => codeOf(r) === 'RATE_LIMITED')!;
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('lets a correct password from that address reset its count of failures', async () => {
    const from = addresses();
    const email = newEmail('typo');
    await signUp(from(0), email);
    const first = [];
    for (let i = 0; i < 5; i++) first.push(codeOf(await logIn(from(1), email, WRONG)));
    expect(codeOf(await logIn(from(1), email, PASSWORD))).toBe('ok');
    const again = [];
    for (let i = 0; i < 5; i++) again.push(codeOf(await logIn(from(1), email, WRONG)));
    expect([...first, ...again]).toEqual(Array(10).fill('UNAUTHENTICATED'));
  });

  it('does not stop the owner at their usual address while guesses from 40 other addresses fail', async () => {
    const from = addresses();
    const email = newEmail('owner');
    await signUp(from(0), email);
    expect(codeOf(await logIn(from(0), email, PASSWORD))).toBe('ok'); // the owner's usual place
    // The attacker: a burst from one address, then one guess from each of 40 more.
    await Promise.all(Array.from({ length: 10 }, () => logIn(from(1), email, WRONG)));
    const spread = (await Promise.all(Array.from({ length: 40 }, (_, i) => logIn(from(i + 2), email, WRONG)))).map(codeOf);
    // 10 failures across addresses are allowed, then the email is slowed to one guess a minute, not locked.
    expect(spread.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30);
    expect(spread.every((c) => c === 'UNAUTHENTICATED' || c === 'RATE_LIMITED')).toBe(true);
    expect(codeOf(await logIn(from(0), email, PASSWORD))).toBe('ok');
    // From an address the owner never used, the slowed email answers with a short wait, not a lockout.
    const elsewhere = await logIn(from(99), email, PASSWORD);
    expect(codeOf(elsewhere)).toBe('RATE_LIMITED');
    expect(elsewhere.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.emailSlowedSeconds);
  }, 60_000);

  it('throttles an address failing for many accounts, but its own customers still sign in from it', async () => {
    const from = addresses();
    const office = from(0);
    const colleague = newEmail('colleague');
    await signUp(from(1), colleague);
    expect(codeOf(await logIn(office, colleague, PASSWORD))).toBe('ok');
    const codes = [];
    for (let i = 0; i < 15; i++) codes.push(codeOf(await logIn(office, newEmail('sprayed'), WRONG)));
    expect(codes).toEqual([...Array(10).fill('UNAUTHENTICATED'), ...Array(5).fill('RATE_LIMITED')]);
    expect(codeOf(await logIn(office, colleague, PASSWORD))).toBe('ok');
    // Other addresses are not affected by the office's failures.
    const stranger = newEmail('stranger');
    await signUp(from(2), stranger);
    expect(codeOf(await logIn(from(3), stranger, PASSWORD))).toBe('ok');
  }, 60_000);
});

describe('headers only the gateway may set', () => {
  /** A caller that reaches the customer subgraph directly, from `socket`, with whatever headers it likes. */
  const direct = (socket: string) => {
    const agent = new Agent({ connect: connectFrom(socket) });
    return async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
      try {
        const response = await fetch(h.customer.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
          dispatcher: agent,
        });
        return (await response.json()) as { errors?: { extensions: { code: string } }[] };
      } finally {
        await agent.close();
      }
    };
  };

  it('counts a direct caller by its socket address, whatever x-client-address and signature it invents', async () => {
    const from = addresses();
    const codes = [];
    for (let i = 0; i < 12; i++) {
      const forged = { 'x-client-address': `10.0.${i}.1`, 'x-gateway-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'A'.repeat(43)}` };
      codes.push(codeOf(await direct(from(0))(LOGIN, { email: newEmail('sprayed'), password: WRONG }, forged)));
    }
    expect(codes).toEqual([...Array(10).fill('UNAUTHENTICATED'), ...Array(2).fill('RATE_LIMITED')]);
  });

  it('honours the address through the gateway: 12 addresses each get their own count', async () => {
    const from = addresses();
    const codes = [];
    for (let i = 0; i < 12; i++) {
      // A client's own x-client-address is overwritten by the gateway with what its socket says.
      codes.push(codeOf(await h.gateway.from(from(i)).query(LOGIN, { email: newEmail('sprayed'), password: WRONG }, { 'x-client-address': '10.9.9.9' })));
    }
    expect(codes).toEqual(Array(12).fill('UNAUTHENTICATED'));
    // …and an address that spent its count is limited through the gateway too, whatever header it sends.
    for (let i = 0; i < 10; i++) await h.gateway.from(from(20)).query(LOGIN, { email: newEmail('sprayed'), password: WRONG });
    const spent = await h.gateway.from(from(20)).query(LOGIN, { email: newEmail('sprayed'), password: WRONG }, { 'x-client-address': from(21) });
    expect(codeOf(spent)).toBe('RATE_LIMITED');
  });
});
