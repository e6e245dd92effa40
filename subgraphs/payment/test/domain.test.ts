import { brandOf, cardExpired, cardInput, displayName, luhnValid } from '../src/domain/card';
import { Decimal, fitsCurrency, minorUnits, positiveAmount } from '../src/domain/money';
import {
  assertCanCapture, assertCanRefund, assertCanVoid, authorizationLapsed, capturableAmount, refundableAmount, requestHash, statusAfterLapse, statusAfterRefund,
  type AuthorizeRequest, type PaymentState,
} from '../src/domain/payment';
import { signatureHeader, signPayload, verifySignature } from '@shop/platform';
import { TEST_CARDS } from '../src/provider/test-cards';

/** The payment rules as plain functions, without a database or GraphQL. */
const d = (v: string) => new Decimal(v);
const state = (over: Partial<Record<keyof PaymentState, unknown>> = {}): PaymentState => ({
  status: 'authorized',
  amount: d('100'),
  authorizedAmount: d('100'),
  capturedAmount: d('0'),
  refundedAmount: d('0'),
  authorizationExpiresAt: new Date(Date.now() + 60_000),
  ...(over as Partial<PaymentState>),
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('cards', () => {
  it('accepts every documented test card under the Luhn check and refuses a changed digit', () => {
    for (const number of Object.values(TEST_CARDS)) expect(luhnValid(number)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it('tells the brand from the number', () => {
    expect(['4242424242424242', '5555555555554444', '2223003122003222', '378282246310005', '6011111111111117', '3056930009020004', '3566002020360505', '6200000000000005'].map(brandOf))
      .toEqual(['visa', 'mastercard', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay']);
  });

  it('treats a card as valid through the last day of its expiry month', () => {
    const may15 = new Date(Date.UTC(2030, 4, 15));
    expect(cardExpired(5, 2030, may15)).toBe(false);
    expect(cardExpired(4, 2030, may15)).toBe(true);
    expect(cardExpired(1, 2031, may15)).toBe(false);
  });

  it('shows a card as brand and last four only', () => {
    expect(displayName('visa', '4242')).toBe('Visa •••• 4242');
    expect(displayName('amex', '0005')).toBe('American Express •••• 0005');
    expect(displayName('unknown', '1234')).toBe('Card •••• 1234');
  });

  it('never echoes the card number in a validation message', () => {
    const result = cardInput(() => new Date()).safeParse({ number: '4242424242424241', expMonth: 1, expYear: 2000, cvc: 'x' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error)).not.toContain('4242424242424241');
  });
});

describe('money', () => {
  it.each([['12', '12'], ['12.5', '12.5'], ['0.01', '0.01'], ['1000000.00', '1000000']])('accepts %s', (input, expected) => {
    const r = positiveAmount.safeParse(input);
    expect(r.success && r.data.toString()).toBe(expected);
  });

  it.each(['0', '0.00', '-1', '1000000.01', '1.234', '1e2', ' ', 'NaN', 'Infinity', '١٢'])('refuses %p', (input) => {
    expect(positiveAmount.safeParse(input).success).toBe(false);
  });

  it('knows which currencies have no minor unit', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('EUR')]).toEqual([2, 0, 2]);
    expect(fitsCurrency(d('100'), 'JPY')).toBe(true);
    expect(fitsCurrency(d('100.5'), 'JPY')).toBe(false);
  });
});

describe('payment rules', () => {
  it('captures the remainder when no amount is asked for, and never more than remains', () => {
    expect(assertCanCapture(state({ capturedAmount: d('30'), status: 'captured' }), null).toString()).toBe('70');
    expect(codeOf(() => assertCanCapture(state({ capturedAmount: d('30'), status: 'captured' }), d('70.01')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanCapture(state({ capturedAmount: d('100'), status: 'captured' }), null))).toBe('CONFLICT');
  });

  it.each(['pending', 'voided', 'failed', 'expired', 'refunded', 'partially_refunded'])('refuses to capture a %s payment', (status) => {
    expect(codeOf(() => assertCanCapture(state({ status }), d('1')))).toBe('CONFLICT');
  });

  it('voids only an authorization with nothing captured', () => {
    expect(codeOf(() => assertCanVoid(state()))).toBe('ok');
    expect(codeOf(() => assertCanVoid(state({ status: 'captured', capturedAmount: d('1') })))).toBe('CONFLICT');
    expect(codeOf(() => assertCanVoid(state({ status: 'voided' })))).toBe('CONFLICT');
  });

  it('refunds at most what was captured and not yet refunded', () => {
    const p = state({ status: 'partially_refunded', capturedAmount: d('60'), refundedAmount: d('20') });
    expect(refundableAmount(p).toString()).toBe('40');
    expect(codeOf(() => assertCanRefund(p, d('40')))).toBe('ok');
    expect(codeOf(() => assertCanRefund(p, d('40.01')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanRefund(state(), d('1')))).toBe('CONFLICT');
  });

  it('calls a payment refunded when the refunds reach the captured amount', () => {
    expect(statusAfterRefund(d('50'), d('20'))).toBe('partially_refunded');
    expect(statusAfterRefund(d('50'), d('50'))).toBe('refunded');
  });

  it('lets an authorization lapse at its expiry, keeping a partly captured payment captured', () => {
    const now = new Date();
    const lapsed = state({ authorizationExpiresAt: new Date(now.getTime() - 1) });
    expect(authorizationLapsed(lapsed, now)).toBe(true);
    expect(authorizationLapsed(state(), now)).toBe(false);
    expect(statusAfterLapse(lapsed)).toBe('expired');
    expect(statusAfterLapse({ ...lapsed, status: 'captured', capturedAmount: d('10') })).toBe('captured');
    expect(capturableAmount({ ...lapsed, status: 'voided' }).toString()).toBe('0');
  });

  it('fingerprints a request by what it asks for, not by how the amount is written', () => {
    const base: AuthorizeRequest = { orderId: 'o', customerId: null, amount: d('10'), currency: 'USD', paymentMethodId: null, cardSummary: 'visa:4242:12/2030' };
    expect(requestHash({ ...base, amount: d('10.00') })).toBe(requestHash(base));
    expect(requestHash({ ...base, amount: d('10.01') })).not.toBe(requestHash(base));
    expect(requestHash({ ...base, cardSummary: 'visa:4243:12/2030' })).not.toBe(requestHash(base));
  });
});

describe('webhook signatures', () => {
  const secret = 's'.repeat(40);
  const body = Buffer.from('{"id":"evt_1"}');
  const now = 1_800_000_000;

  it('verifies a signature over the timestamp and the exact body', () => {
    expect(verifySignature(signatureHeader(secret, now, body), body, secret, now)).toEqual({ ok: true, timestamp: now });
  });

  it('accepts any of several v1 signatures, as during a secret rotation', () => {
    const header = `t=${now},v1=${signPayload('o'.repeat(40), now, body)},v1=${signPayload(secret, now, body)}`;
    expect(verifySignature(header, body, secret, now).ok).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'sha256=abc'],
    ['malformed', `t=${now}`],
    ['mismatch', signatureHeader('x'.repeat(40), now, body)],
    ['mismatch', signatureHeader(secret, now - 1, body).replace(`t=${now - 1}`, `t=${now}`)],
  ])('reports %s for %p', (problem, header) => {
    expect(verifySignature(header, body, secret, now)).toEqual({ ok: false, problem });
  });

  it('refuses a timestamp more than 300 seconds away, either way', () => {
    expect(verifySignature(signatureHeader(secret, now - 300, body), body, secret, now).ok).toBe(true);
    expect(verifySignature(signatureHeader(secret, now - 301, body), body, secret, now)).toEqual({ ok: false, problem: 'stale' });
    expect(verifySignature(signatureHeader(secret, now + 301, body), body, secret, now)).toEqual({ ok: false, problem: 'stale' });
  });

  it('refuses a body changed by one byte', () => {
    expect(verifySignature(signatureHeader(secret, now, body), Buffer.from('{"id":"evt_2"}'), secret, now)).toEqual({ ok: false, problem: 'mismatch' });
  });
});
