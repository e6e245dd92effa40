import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@shop/platform';
import { ProviderDeclined } from '../src/provider/port';
import { feeFor, TestCardProvider } from '../src/provider/test-card-provider';
import { TEST_CARDS } from '../src/provider/test-cards';
import { Decimal } from '../src/domain/money';

/** The built-in provider on its own: what the embedded default and every payment test rely on. */
const CARD = { number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2040, cvc: '123' };
const providers: TestCardProvider[] = [];
const provider = (options: ConstructorParameters<typeof TestCardProvider>[0] = {}) => {
  const p = new TestCardProvider(options);
  providers.push(p);
  return p;
};
afterAll(() => Promise.all(providers.map((p) => p.close())));

async function authorize(p: TestCardProvider, number: string = TEST_CARDS.succeeds, amount = '100.00') {
  const { token } = await p.tokenizeCard({ ...CARD, number });
  return p.authorize({ reference: crypto.randomUUID(), token, amount, currency: 'USD', idempotencyKey: crypto.randomUUID() });
}
const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: ProviderDeclined) => e.reason);

describe('the test card provider', () => {
  it('returns a token with brand, last four and expiry, and keeps no card number', async () => {
    const p = provider();
    const token = await p.tokenizeCard(CARD);
    expect(token).toMatchObject({ brand: 'visa', lastFour: '4242', expMonth: 12, expYear: 2040 });
    expect(token.token).not.toContain('4242424242');
    expect(JSON.stringify(p)).not.toContain(TEST_CARDS.succeeds);
  });

  it('declines each decline card with its reason', async () => {
    const p = provider();
    expect(await reasonOf(authorize(p, TEST_CARDS.declined))).toBe('card_declined');
    expect(await reasonOf(authorize(p, TEST_CARDS.insufficientFunds))).toBe('insufficient_funds');
    expect(await reasonOf(authorize(p, TEST_CARDS.processingError))).toBe('processing_error');
  });

  it('authorizes the timeout card at once but answers only after the slow delay', async () => {
    const p = provider({ slowAnswerMs: 300 });
    const { token } = await p.tokenizeCard({ ...CARD, number: TEST_CARDS.timesOut });
    const started = Date.now();
    const answer = p.authorize({ reference: 'ref-slow', token, amount: '5.00', currency: 'USD', idempotencyKey: 'k-slow' });
    expect(p.authorizationsFor('ref-slow')).toHaveLength(1);
    await answer;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await p.voidIfAuthorized('ref-slow')).toHaveLength(1);
    expect(p.authorizationsFor('ref-slow')[0].voided).toBe(true);
  });

  it('captures in parts up to the authorization, charging 2.9 % + 0.30 per capture', async () => {
    const p = provider();
    const auth = await authorize(p);
    expect(await p.capture({ authorizationId: auth.authorizationId, amount: '60.00', idempotencyKey: 'c1' })).toMatchObject({ amount: '60.00', fee: '2.04' });
    expect(await reasonOf(p.capture({ authorizationId: auth.authorizationId, amount: '40.01', idempotencyKey: 'c2' }))).toBe('processing_error');
    expect(await reasonOf(p.capture({ authorizationId: auth.authorizationId, amount: '40.00', idempotencyKey: 'c3' }))).toBe('ok');
    expect(feeFor(new Decimal('0.01')).toFixed(2)).toBe('0.30');
  });

  it('answers a repeated idempotency key with the first answer and does not capture twice', async () => {
    const p = provider();
    const auth = await authorize(p);
    const first = await p.capture({ authorizationId: auth.authorizationId, amount: '10.00', idempotencyKey: 'same' });
    const again = await p.capture({ authorizationId: auth.authorizationId, amount: '10.00', idempotencyKey: 'same' });
    expect(again).toEqual(first);
  });

  it('voids only an uncaptured authorization, and a void twice is harmless', async () => {
    const p = provider();
    const open = await authorize(p);
    await p.void(open.authorizationId);
    await p.void(open.authorizationId);
    expect(await reasonOf(p.capture({ authorizationId: open.authorizationId, amount: '1.00', idempotencyKey: 'after-void' }))).toBe('processing_error');
    const taken = await authorize(p);
    await p.capture({ authorizationId: taken.authorizationId, amount: '1.00', idempotencyKey: 'part' });
    expect(await reasonOf(p.void(taken.authorizationId))).toBe('processing_error');
  });

  it('refunds at most what was captured', async () => {
    const p = provider();
    const auth = await authorize(p);
    await p.capture({ authorizationId: auth.authorizationId, amount: '30.00', idempotencyKey: 'cap' });
    expect(await reasonOf(p.refund({ authorizationId: auth.authorizationId, amount: '20.00', idempotencyKey: 'r1' }))).toBe('ok');
    expect(await reasonOf(p.refund({ authorizationId: auth.authorizationId, amount: '10.01', idempotencyKey: 'r2' }))).toBe('processing_error');
  });

  it('refuses a capture after the authorization expired', async () => {
    const p = provider({ authorizationTtlMs: 50 });
    const auth = await authorize(p);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await reasonOf(p.capture({ authorizationId: auth.authorizationId, amount: '1.00', idempotencyKey: 'late' }))).toBe('authorization_expired');
  });

  it('refuses a token it did not issue', async () => {
    const p = provider();
    expect(await reasonOf(p.authorize({ reference: 'r', token: 'pm_somewhere_else', amount: '1.00', currency: 'USD', idempotencyKey: 'x' }))).toBe('processing_error');
  });

  it('delivers signed webhooks asynchronously and retries until the endpoint answers 2xx', async () => {
    const secret = 'w'.repeat(40);
    const received: { type: string; attempt: number; verified: boolean }[] = [];
    let attempts = 0;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        attempts += 1;
        const body = Buffer.concat(chunks);
        const check = verifySignature(req.headers['shop-signature'] as string, body, secret, Math.floor(Date.now() / 1000));
        received.push({ type: JSON.parse(body.toString()).type, attempt: attempts, verified: check.ok });
        res.statusCode = attempts === 1 ? 500 : 200; // the first delivery fails
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const p = provider({ webhooks: { url, secret }, delivery: { delayMs: 1, retryBaseMs: 20 } });
      await authorize(p);
      expect(received).toEqual([]); // nothing is sent before the call returns
      await p.webhooks.drain();
      expect(received).toEqual([
        { type: 'payment.authorized', attempt: 1, verified: true },
        { type: 'payment.authorized', attempt: 2, verified: true },
      ]);
      expect(p.webhooks.delivered.map((e) => e.type)).toEqual(['payment.authorized']);
    } finally {
      server.close();
    }
  });
});
