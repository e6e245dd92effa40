import { adjustmentNumber, assertCanApprove, assertCanReject, draftLines, linesMovedSinceDraft } from '../src/domain/adjustments';
import { planOrderOperation, reservationRefusal, type LineState } from '../src/domain/reservations';
import { alertFor, apply, movement, MOVEMENT_TYPES, variantAvailability } from '../src/domain/stock';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? String(error);
  }
  return 'no error';
};

const line = (over: Partial<LineState> = {}): LineState => ({ variantId: 'v1', requested: 2, itemId: 'i1', available: 5, held: null, ...over });

describe('stock movements', () => {
  it('moves units between available, reserved and committed without creating or losing any but restock, sale and adjustment', () => {
    const start = { available: 10, reserved: 0, committed: 0 };
    const reserved = apply(start, movement('reservation', 3));
    expect(reserved).toEqual({ available: 7, reserved: 3, committed: 0 });
    const committed = apply(reserved, movement('commit', 3));
    expect(committed).toEqual({ available: 7, reserved: 0, committed: 3 });
    expect(apply(committed, movement('sale', 3))).toEqual({ available: 7, reserved: 0, committed: 0 });
    expect(apply(reserved, movement('release', 3))).toEqual(start);
    expect(apply(reserved, movement('expiry', 3))).toEqual(start);
    expect(apply(start, movement('adjustment', -4))).toEqual({ available: 6, reserved: 0, committed: 0 });
    expect(apply({ available: 5, reserved: 0, committed: 5 }, movement('return', 5))).toEqual({ available: 10, reserved: 0, committed: 0 });
    for (const type of ['reservation', 'release', 'commit', 'expiry', 'return'] as const) {
      const m = movement(type, 5);
      expect(m.available + m.reserved + m.committed).toBe(0);
    }
    expect(MOVEMENT_TYPES).toHaveLength(8);
  });
});

describe('low-stock alerts', () => {
  it('raises low_stock when sellable stock falls from above the threshold to it or below', () => {
    expect(alertFor(11, 10, 10)).toBe('low_stock');
    expect(alertFor(15, 3, 10)).toBe('low_stock');
  });

  it('raises out_of_stock on reaching zero, even from above the threshold', () => {
    expect(alertFor(1, 0, 10)).toBe('out_of_stock');
    expect(alertFor(50, 0, 10)).toBe('out_of_stock');
  });

  it('raises nothing without a crossing: already low, rising, unchanged, or no threshold', () => {
    expect(alertFor(9, 8, 10)).toBeNull();
    expect(alertFor(5, 20, 10)).toBeNull();
    expect(alertFor(0, 0, 10)).toBeNull();
    expect(alertFor(50, 5, null)).toBeNull();
    expect(alertFor(5, 0, null)).toBe('out_of_stock');
  });
});

describe('availability', () => {
  it('is out of stock with nothing available, low at or below the threshold, and empty without an item', () => {
    expect(variantAvailability({ quantityAvailable: 0, lowStockThreshold: 10 })).toEqual({ inStock: false, quantityAvailable: 0, lowStock: true });
    expect(variantAvailability({ quantityAvailable: 10, lowStockThreshold: 10 })).toEqual({ inStock: true, quantityAvailable: 10, lowStock: true });
    expect(variantAvailability({ quantityAvailable: 11, lowStockThreshold: 10 })).toEqual({ inStock: true, quantityAvailable: 11, lowStock: false });
    expect(variantAvailability({ quantityAvailable: 3, lowStockThreshold: null }).lowStock).toBe(false);
    expect(variantAvailability(null)).toEqual({ inStock: false, quantityAvailable: 0, lowStock: false });
  });

  it('shows an item the catalog archived (variant or product) as out of stock, whatever is on the shelf', () => {
    const shelf = { quantityAvailable: 40, lowStockThreshold: 10 };
    expect(variantAvailability({ ...shelf, variantArchived: true, productArchived: false })).toEqual({ inStock: false, quantityAvailable: 0, lowStock: false });
    expect(variantAvailability({ ...shelf, variantArchived: false, productArchived: true }).inStock).toBe(false);
    expect(variantAvailability({ ...shelf, variantArchived: false, productArchived: false }).inStock).toBe(true);
  });

});

describe('reservation rules', () => {
  it('lets a reservation go ahead when every line is coverable or already held as asked', () => {
    expect(reservationRefusal([line(), line({ variantId: 'v2', held: { quantity: 2, status: 'active' }, available: 0 })])).toBeNull();
    expect(reservationRefusal([line({ requested: 5, available: 5 })])).toBeNull();
  });

  it('refuses with OUT_OF_STOCK naming each short line with what is available', () => {
    const refusal = reservationRefusal([line({ variantId: 'a', requested: 3, available: 1 }), line({ variantId: 'b' }), line({ variantId: 'c', requested: 9, available: 0 })]);
    expect(refusal?.extensions).toEqual({
      code: 'OUT_OF_STOCK',
      lines: [{ variantId: 'a', requested: 3, available: 1 }, { variantId: 'c', requested: 9, available: 0 }],
    });
  });

  it('refuses unknown variants with NOT_FOUND before anything else', () => {
    expect(reservationRefusal([line({ variantId: 'x', itemId: null, available: null }), line({ available: 0 })])?.extensions).toEqual({ code: 'NOT_FOUND', variantIds: ['x'] });
  });

  it('refuses a new line on an archived variant with OUT_OF_STOCK, reason NOT_SELLABLE, but returns one the order already holds', () => {
    const refusal = reservationRefusal([line({ variantId: 'gone', sellable: false, available: 50 }), line({ variantId: 'ok', sellable: true })]);
    expect(refusal?.extensions).toEqual({ code: 'OUT_OF_STOCK', reason: 'NOT_SELLABLE', variantIds: ['gone'] });
    expect(reservationRefusal([line({ sellable: false, held: { quantity: 2, status: 'active' } })])).toBeNull();
  });

  it('refuses a repeated call that asks another quantity than the order holds', () => {
    expect(reservationRefusal([line({ held: { quantity: 1, status: 'active' } })])?.extensions.code).toBe('CONFLICT');
  });

  it('commits active reservations, leaves committed ones, and refuses the whole order if one expired', () => {
    const plan = planOrderOperation('commit', 'o', [{ status: 'active' as const }, { status: 'committed' as const }]);
    expect(plan.change).toEqual([{ status: 'active' }]);
    expect(plan.transition).toEqual({ from: 'active', to: 'committed', ledger: 'commit' });
    expect(code(() => planOrderOperation('commit', 'o', [{ status: 'active' }, { status: 'expired' }]))).toBe('CONFLICT');
  });

  it('treats releasing twice as harmless but refuses to release committed stock', () => {
    expect(planOrderOperation('release', 'o', [{ status: 'released' }, { status: 'expired' }]).change).toEqual([]);
    expect(code(() => planOrderOperation('release', 'o', [{ status: 'committed' }]))).toBe('CONFLICT');
  });

  it('fulfils committed reservations only', () => {
    expect(planOrderOperation('fulfil', 'o', [{ status: 'committed' }, { status: 'fulfilled' }]).change).toHaveLength(1);
    expect(code(() => planOrderOperation('fulfil', 'o', [{ status: 'active' }]))).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for an order without reservations', () => {
    expect(code(() => planOrderOperation('commit', 'o', []))).toBe('NOT_FOUND');
  });
});

describe('stock adjustment rules', () => {
  const adjustment = { status: 'pending', createdBy: 'alice', adjustmentNumber: 'ADJ-1' };

  it('records the books and the difference for each counted line', () => {
    const lines = draftLines([{ variantId: 'v', adjustedQuantity: 7 }], new Map([['v', { id: 'i', quantityAvailable: 10 }]]));
    expect(lines).toEqual([{ itemId: 'i', variantId: 'v', currentQuantity: 10, adjustedQuantity: 7, quantityDifference: -3 }]);
  });

  it('needs another admin to approve, and a pending adjustment to decide', () => {
    expect(code(() => assertCanApprove(adjustment, 'alice'))).toBe('FORBIDDEN');
    expect(code(() => assertCanApprove(adjustment, 'bob'))).toBe('no error');
    expect(code(() => assertCanApprove({ ...adjustment, status: 'approved' }, 'bob'))).toBe('CONFLICT');
    expect(code(() => assertCanReject(adjustment))).toBe('no error');
    expect(code(() => assertCanReject({ ...adjustment, status: 'rejected' }))).toBe('CONFLICT');
  });

  it('finds the lines whose stock moved since the draft', () => {
    const lines = draftLines(
      [{ variantId: 'v1', adjustedQuantity: 1 }, { variantId: 'v2', adjustedQuantity: 1 }],
      new Map([['v1', { id: 'i1', quantityAvailable: 5 }], ['v2', { id: 'i2', quantityAvailable: 6 }]]),
    );
    expect(linesMovedSinceDraft(lines, new Map([['i1', 5], ['i2', 4]]))).toEqual([{ variantId: 'v2', drafted: 6, current: 4 }]);
  });

  it('numbers adjustments by day', () => {
    expect(adjustmentNumber(new Date('2026-11-25T10:00:00Z'), 'a1b2c3d4')).toBe('ADJ-20261125-A1B2C3');
  });
});
