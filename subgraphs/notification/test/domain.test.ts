import { channelsFor, DEFAULT_PREFERENCES } from '../src/domain/categories';
import { addressRecipientId, smsNumber, validEmail } from '../src/domain/recipients';
import { afterFailure, retryDelayMs } from '../src/domain/retry';
import { readUnsubscribeToken, unsubscribeToken } from '../src/domain/unsubscribe';
import { lineTotal, orderValues, paymentReason } from '../src/domain/values';

const reach = { email: true, phone: true, account: true };
const off = { ...DEFAULT_PREFERENCES, emailEnabled: false, smsEnabled: false, pushEnabled: false, orderUpdates: false, marketingEmails: false, securityAlerts: false };

describe('which channels a message goes out on', () => {
  it('always emails transactional and security messages, whatever the switches say', () => {
    for (const kind of ['order_confirmation', 'payment_failed', 'order_cancelled', 'refund_issued', 'welcome', 'account_suspended']) {
      expect(channelsFor(kind, off, reach)).toEqual(['email']);
    }
  });

  it('follows the switches for order updates and marketing', () => {
    expect(channelsFor('order_shipped', off, reach)).toEqual([]);
    expect(channelsFor('order_shipped', DEFAULT_PREFERENCES, reach)).toEqual(['email', 'push']);
    expect(channelsFor('order_shipped', { ...DEFAULT_PREFERENCES, smsEnabled: true }, reach)).toEqual(['email', 'sms', 'push']);
    expect(channelsFor('order_shipped', { ...DEFAULT_PREFERENCES, emailEnabled: false }, reach)).toEqual(['push']);
    expect(channelsFor('abandoned_cart', DEFAULT_PREFERENCES, reach)).toEqual(['email']);
    expect(channelsFor('abandoned_cart', { ...DEFAULT_PREFERENCES, marketingEmails: false }, reach)).toEqual([]);
  });

  it('uses only what the recipient can be reached by, and sends staff alerts by email only', () => {
    expect(channelsFor('order_shipped', { ...DEFAULT_PREFERENCES, smsEnabled: true }, { email: true, phone: false, account: false })).toEqual(['email']);
    expect(channelsFor('order_confirmation', DEFAULT_PREFERENCES, { email: false, phone: false, account: true })).toEqual(['push']);
    expect(channelsFor('low_stock', off, reach)).toEqual(['email']);
  });
});

describe('retries', () => {
  it('backs off exponentially from the base, with ±20 % jitter, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(1, 1000, 60_000, 0)).toBe(800);
    expect(retryDelayMs(1, 1000, 60_000, 0.999999)).toBe(1200);
    expect(retryDelayMs(20, 1000, 60_000, 0.5)).toBe(60_000);
  });

  it('fails a message after max_retries attempts, or at once when the failure is permanent', () => {
    expect(afterFailure(0, 3, false)).toEqual({ retryCount: 1, final: false });
    expect(afterFailure(1, 3, false)).toEqual({ retryCount: 2, final: false });
    expect(afterFailure(2, 3, false)).toEqual({ retryCount: 3, final: true });
    expect(afterFailure(0, 3, true)).toEqual({ retryCount: 1, final: true });
  });
});

describe('unsubscribe tokens', () => {
  const customerId = '4f0c2b3a-1d2e-4f5a-8b9c-0d1e2f3a4b5c';
  it('name the customer when signed with the secret, and nothing when changed or signed with another', () => {
    const token = unsubscribeToken('s'.repeat(40), customerId);
    expect(readUnsubscribeToken('s'.repeat(40), token)).toEqual({ customerId, category: 'marketing' });
    expect(readUnsubscribeToken('t'.repeat(40), token)).toBeNull();
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: '00000000-0000-4000-8000-000000000000', k: 'marketing' })).toString('base64url');
    expect(readUnsubscribeToken('s'.repeat(40), `${forged}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken('s'.repeat(40), `${payload}.`)).toBeNull();
    expect(readUnsubscribeToken('s'.repeat(40), 'garbage')).toBeNull();
  });
});

describe('recipients', () => {
  it('gives an address without an account the same UUID whatever its case', () => {
    const id = addressRecipientId('Stock@Example.com');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(addressRecipientId(' stock@example.com ')).toBe(id);
    expect(addressRecipientId('other@example.com')).not.toBe(id);
  });

  it('keeps only E.164 phone numbers for SMS and valid email addresses', () => {
    expect(smsNumber('+1 (415) 555-0123')).toBe('+14155550123');
    expect(smsNumber('0415 555 0123')).toBeNull();
    expect(smsNumber('+1')).toBeNull();
    expect(validEmail('Ada@Example.com')).toBe('ada@example.com');
    expect(validEmail('ada@')).toBeNull();
  });
});

describe('order values', () => {
  it('computes a missing line total exactly and formats the total with two places', () => {
    expect(lineTotal(3, '19.99')).toBe('59.97');
    expect(lineTotal(7, '0.1')).toBe('0.70');
    const values = orderValues(
      { orderNumber: 'ORD 1', currency: 'USD', total: { toFixed: () => '59.97' }, items: [{ sku: 'A', name: 'A', quantity: 3, unitPrice: '19.99', lineTotal: null }] },
      'https://shop.example.com/',
    );
    expect(values).toMatchObject({ number: 'ORD 1', total: '59.97', url: 'https://shop.example.com/account/orders/ORD%201', lines: [{ lineTotal: '59.97' }] });
  });

  it('tells the shopper a readable payment reason, never a raw code', () => {
    expect(paymentReason('insufficient_funds')).toBe('The card has insufficient funds.');
    expect(paymentReason('weird_provider_code')).toBe('The payment could not be completed.');
  });
});
