import { ShopError } from '@shop/platform';
import { abandonedSnapshot, isNewAbandonment } from '../src/domain/abandonment';
import {
  addLine, assertInStock, assertLineQuantity, assertSellable, changeLineQuantity, clearLines, DEFAULT_LIMITS, mergeLines, priceCart, removeLine,
  type CartLineData, type VariantInfo,
} from '../src/domain/cart';
import { assertMayMerge, isSessionId, newSessionId, readSessionHeader } from '../src/domain/session';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const variant = (id: string, overrides: Partial<VariantInfo> = {}): VariantInfo => ({
  id, productId: 'p', sku: `SKU-${id}`, productName: 'Mug', variantName: 'Blue', price: '9.90', currency: 'USD', isActive: true, productStatus: 'ACTIVE', ...overrides,
});
const line = (variantId: string, quantity: number, price = '9.90'): CartLineData => ({
  variantId, sku: `SKU-${variantId}`, quantity, price, addedAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
});
const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return error instanceof ShopError ? error.code : 'ERROR';
  }
};

describe('line quantities', () => {
  it.each([1, 50, 99])('accepts %i', (q) => expect(codeOf(() => assertLineQuantity(q, DEFAULT_LIMITS))).toBe('ok'));
  it.each([0, -1, 100, 1.5, Number.NaN, 2 ** 31])('refuses %d', (q) => expect(codeOf(() => assertLineQuantity(q, DEFAULT_LIMITS))).toBe('BAD_USER_INPUT'));
  it('follows a configured maximum', () => {
    expect(codeOf(() => assertLineQuantity(6, { ...DEFAULT_LIMITS, maxLineQuantity: 5 }))).toBe('BAD_USER_INPUT');
  });
});

describe('what can go into a cart', () => {
  it('refuses a variant the catalog does not sell: unknown (NOT_FOUND), inactive or of a product not active (BAD_USER_INPUT)', () => {
    expect(codeOf(() => assertSellable('v', null))).toBe('NOT_FOUND');
    expect(codeOf(() => assertSellable('v', variant('v', { isActive: false })))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertSellable('v', variant('v', { productStatus: 'ARCHIVED' })))).toBe('BAD_USER_INPUT');
    expect(assertSellable('v', variant('v')).id).toBe('v');
  });

  it('refuses more than is in stock with OUT_OF_STOCK carrying what is available', () => {
    expect(codeOf(() => assertInStock('v', 3, 3))).toBe('ok');
    const error = (() => {
      try {
        assertInStock('v', 4, 3);
      } catch (thrown) {
        return thrown as ShopError;
      }
    })();
    expect(error?.extensions).toEqual({ code: 'OUT_OF_STOCK', variantId: 'v', requested: 4, available: 3 });
  });
});

describe('adding a line', () => {
  it('starts a line at the current price, or adds to the line the cart has (which keeps its price)', () => {
    const first = addLine([], { variant: variant('a', { price: '5' }), quantity: 2, available: 10, now: NOW }, DEFAULT_LIMITS);
    expect(first).toEqual([{ variantId: 'a', sku: 'SKU-a', quantity: 2, price: '5.00', addedAt: NOW.toISOString(), updatedAt: NOW.toISOString() }]);
    const more = addLine(first, { variant: variant('a', { price: '6.00' }), quantity: 3, available: 10, now: NOW }, DEFAULT_LIMITS);
    expect(more).toEqual([{ ...first[0], quantity: 5 }]);
  });

  it('counts what the line already holds against the per-line maximum and the stock', () => {
    const cart = [line('a', 98)];
    expect(codeOf(() => addLine(cart, { variant: variant('a'), quantity: 2, available: 500, now: NOW }, DEFAULT_LIMITS))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => addLine([line('a', 3)], { variant: variant('a'), quantity: 2, available: 4, now: NOW }, DEFAULT_LIMITS))).toBe('OUT_OF_STOCK');
  });

  it('refuses a new line past the line cap, but not more of a line already there', () => {
    const limits = { ...DEFAULT_LIMITS, maxLines: 2 };
    const full = [line('a', 1), line('b', 1)];
    expect(codeOf(() => addLine(full, { variant: variant('c'), quantity: 1, available: 9, now: NOW }, limits))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => addLine(full, { variant: variant('a'), quantity: 1, available: 9, now: NOW }, limits))).toBe('ok');
  });
});

describe('changing, removing and clearing', () => {
  it('changes a line it holds within stock, NOT_FOUND for one it does not', () => {
    expect(changeLineQuantity([line('a', 1)], 'a', 4, 4, NOW, DEFAULT_LIMITS)[0].quantity).toBe(4);
    expect(codeOf(() => changeLineQuantity([line('a', 1)], 'b', 1, 9, NOW, DEFAULT_LIMITS))).toBe('NOT_FOUND');
    expect(codeOf(() => changeLineQuantity([line('a', 1)], 'a', 5, 4, NOW, DEFAULT_LIMITS))).toBe('OUT_OF_STOCK');
  });

  it('returns the same lines when nothing changes, so nothing is written', () => {
    const items = [line('a', 2)];
    expect(changeLineQuantity(items, 'a', 2, 0, NOW, DEFAULT_LIMITS)).toBe(items);
    expect(removeLine(items, 'b')).toBe(items);
    const empty: CartLineData[] = [];
    expect(clearLines(empty)).toBe(empty);
    expect(removeLine(items, 'a')).toEqual([]);
  });
});

describe('merging a guest cart into a customer cart', () => {
  const facts = (available: Record<string, number>, unsold: string[] = []) => ({
    variants: new Map(Object.keys(available).map((id) => [id, unsold.includes(id) ? null : variant(id)])),
    available: new Map(Object.entries(available)),
    now: NOW,
  });

  it('sums quantities, capped at the per-line maximum and the stock', () => {
    const merged = mergeLines([line('a', 60), line('b', 1)], [line('a', 60), line('b', 5), line('c', 2, '1.00')], facts({ a: 500, b: 3, c: 9 }), DEFAULT_LIMITS);
    expect(merged.map((l) => [l.variantId, l.quantity, l.price])).toEqual([['a', 99, '9.90'], ['b', 3, '9.90'], ['c', 2, '1.00']]);
  });

  it("never shrinks the customer's own line, and leaves behind lines out of stock or no longer sold", () => {
    const merged = mergeLines([line('a', 4)], [line('a', 1), line('b', 1), line('c', 1)], facts({ a: 2, b: 0, c: 5 }, ['c']), DEFAULT_LIMITS);
    expect(merged.map((l) => [l.variantId, l.quantity])).toEqual([['a', 4]]);
  });

  it('stops at the line cap', () => {
    const merged = mergeLines([line('a', 1)], [line('b', 1), line('c', 1)], facts({ a: 9, b: 9, c: 9 }), { ...DEFAULT_LIMITS, maxLines: 2 });
    expect(merged.map((l) => l.variantId)).toEqual(['a', 'b']);
  });
});

describe('pricing', () => {
  it('totals at current prices in decimal, flags changed prices, and leaves out lines no longer sold', () => {
    const variants = new Map([
      ['a', variant('a', { price: '0.10' })],
      ['b', variant('b', { price: '0.20' })],
      ['c', variant('c', { isActive: false })],
    ]);
    const priced = priceCart([line('a', 3, '0.10'), line('b', 1, '0.25'), line('c', 1)], variants, 'EUR');
    expect(priced.subtotal.toFixed(2)).toBe('0.50');
    expect(priced.itemCount).toBe(4);
    expect(priced.currency).toBe('USD');
    expect(priced.lines.map((l) => [l.line.variantId, l.priceChanged, l.lineTotal.toFixed(2)])).toEqual([['a', false, '0.30'], ['b', true, '0.20']]);
  });

  it('gives an empty cart the configured currency', () => {
    expect(priceCart([], new Map(), 'EUR')).toMatchObject({ itemCount: 0, currency: 'EUR', lines: [] });
  });
});

describe('cart sessions', () => {
  it('are 32 random bytes, base64url, never the same twice', () => {
    const ids = new Set(Array.from({ length: 1_000 }, newSessionId));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(isSessionId(id)).toBe(true);
  });

  it('reads the x-cart-session header as none, a well-formed id, or malformed', () => {
    expect(readSessionHeader(undefined)).toEqual({ kind: 'none' });
    const id = newSessionId();
    expect(readSessionHeader(id)).toEqual({ kind: 'valid', id });
    expect(readSessionHeader('x'.repeat(10_000))).toEqual({ kind: 'malformed' });
    expect(readSessionHeader([id, id])).toEqual({ kind: 'malformed' });
  });

  it('may be merged by whoever holds a guest session, but not once another customer took it', () => {
    expect(codeOf(() => assertMayMerge(null, 'me'))).toBe('ok');
    expect(codeOf(() => assertMayMerge({ customerId: null }, 'me'))).toBe('ok');
    expect(codeOf(() => assertMayMerge({ mergedInto: 'me' }, 'me'))).toBe('ok');
    expect(codeOf(() => assertMayMerge({ mergedInto: 'you' }, 'me'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayMerge({ customerId: 'you' }, 'me'))).toBe('FORBIDDEN');
  });
});

describe('abandonment', () => {
  const HOUR = 3_600_000;
  const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR);

  it('is a cart with something in it, idle for the configured time, not yet recorded for this idle period', () => {
    expect(isNewAbandonment({ updatedAt: at(2), abandonedAt: null, itemCount: 1 }, NOW, HOUR)).toBe(true);
    expect(isNewAbandonment({ updatedAt: at(0.5), abandonedAt: null, itemCount: 1 }, NOW, HOUR)).toBe(false);
    expect(isNewAbandonment({ updatedAt: at(2), abandonedAt: null, itemCount: 0 }, NOW, HOUR)).toBe(false);
    expect(isNewAbandonment({ updatedAt: at(3), abandonedAt: at(2), itemCount: 1 }, NOW, HOUR)).toBe(false);
    expect(isNewAbandonment({ updatedAt: at(2), abandonedAt: at(5), itemCount: 1 }, NOW, HOUR)).toBe(true);
  });

  it('keeps a snapshot of the lines with their totals at the prices added', () => {
    const snapshot = abandonedSnapshot({ id: 'c', customerId: 'u', updatedAt: at(2) }, [line('a', 2, '1.25')]);
    expect(snapshot).toEqual({
      cartId: 'c', customerId: 'u', lastChangedAt: at(2).toISOString(), totals: { subtotal: '2.50', itemCount: 2 },
      items: [{ variantId: 'a', sku: 'SKU-a', quantity: 2, unitPrice: '1.25', addedAt: '2026-11-01T00:00:00.000Z' }],
    });
  });
});
