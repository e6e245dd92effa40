import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { placeOrder } from '../src/services/place-order';
import { asService, codeOf, eventsOf, line, orderInput, PLACE, seedOrder, startOrderHarness, type OrderHarness } from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

describe('placing an order', () => {
  it('prices the lines, charges shipping below 100.00 and tax by country, and says so in Money strings', async () => {
    const customerId = randomUUID();
    const input = orderInput(customerId, { lines: [line({ unitPrice: '19.99', quantity: 3 }), line({ unitPrice: '5.50', quantity: 1 })] });
    const r = await h.gateway.query(PLACE, { input }, asService);
    expect(r.errors).toBeUndefined();
    const order = r.data.placeOrder;
    // 59.97 + 5.50 = 65.47; shipping 5.99 (below 100.00); US tax 8.25% of 65.47 = 5.401… → 5.40
    expect(order).toMatchObject({
      status: 'PENDING',
      version: 1,
      subtotal: { amount: '65.47', currency: 'USD' },
      discountTotal: { amount: '0.00' },
      shippingTotal: { amount: '5.99' },
      taxTotal: { amount: '5.40' },
      total: { amount: '76.86' },
    });
    expect(order.number).toMatch(/^SO-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(order.items.map((i: { lineTotal: { amount: string } }) => i.lineTotal.amount).sort()).toEqual(['5.50', '59.97']);
    // The rows as written, exact to the cent, with the line's (here empty) snapshot.
    const rows = await h.db.orderItem.findMany({ where: { orderId: order.id }, orderBy: { totalPrice: 'asc' } });
    expect(rows.map((r) => [r.unitPrice.toFixed(2), r.quantity, r.totalPrice.toFixed(2), r.productData])).toEqual([['5.50', 1, '5.50', {}], ['19.99', 3, '59.97', {}]]);
  });

  it('ships free from 100.00 and taxes by the destination country', async () => {
    const input = orderInput(randomUUID(), { lines: [line({ unitPrice: '50.00', quantity: 2 })], shippingAddress: { ...orderInput(null).shippingAddress, countryCode: 'de' } });
    const order = (await h.gateway.query(PLACE, { input }, asService)).data.placeOrder;
    expect([order.shippingTotal.amount, order.taxTotal.amount, order.total.amount]).toEqual(['0.00', '19.00', '119.00']);
    expect(order.shippingAddress.countryCode).toBe('DE');
  });

  it('keeps a snapshot of each item and the addresses as they were, whatever the catalog does later', async () => {
    const input = orderInput(randomUUID(), {
      lines: [{ ...line({ productName: 'Rain jacket', variantName: 'L / Green', sku: 'RJ-L-GRN', unitPrice: '89.00' }), imageUrl: 'https://img.test/rj.jpg', attributes: [{ name: 'size', value: 'L' }] }],
      billingAddress: { ...orderInput(null).shippingAddress, city: 'Chicago' },
    });
    const order = (await h.gateway.query(PLACE, { input }, asService)).data.placeOrder;
    expect(order.items[0]).toMatchObject({
      productName: 'Rain jacket', variantName: 'L / Green', sku: 'RJ-L-GRN', quantity: 1, unitPrice: { amount: '89.00' },
      imageUrl: 'https://img.test/rj.jpg', attributes: [{ name: 'size', value: 'L' }],
    });
    expect([order.shippingAddress.city, order.billingAddress.city]).toEqual(['Springfield', 'Chicago']);
    const row = await h.db.orderItem.findFirstOrThrow({ where: { order: { orderNumber: order.number } } });
    expect(row.productData).toEqual({ imageUrl: 'https://img.test/rj.jpg', attributes: { size: 'L' } });
  });

  it('takes guest orders: no customer, just an email', async () => {
    const order = (await h.gateway.query(PLACE, { input: orderInput(null, { email: 'Guest@Example.com' }) }, asService)).data.placeOrder;
    expect(order.email).toBe('guest@example.com');
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).customerId).toBeNull();
  });

  it('writes the first status history row and an OrderPlaced event in the same transaction', async () => {
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId);
    const history = await h.db.orderStatusHistory.findMany({ where: { orderId: order.id } });
    expect(history).toEqual([expect.objectContaining({ previousStatus: null, newStatus: 'pending', changedBy: customerId })]);
    const [event, ...more] = await eventsOf(h, order.id);
    expect(more).toEqual([]);
    // processed/published_at are the relay's, which runs in this harness and may already have published it.
    expect(event).toMatchObject({ aggregateType: 'Order', eventType: 'OrderPlaced', version: 1n });
    expect(event.eventData).toMatchObject({ schema: 1, orderNumber: order.orderNumber, customerId, total: order.totalAmount.toFixed(2), items: [expect.objectContaining({ quantity: 1, unitPrice: '20.00' })] });
  });

  it('is idempotent on the order id the saga chose: a retry returns the first order and writes nothing new', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const input = orderInput(customerId, { orderId });
    const [first, second] = await Promise.all([h.gateway.query(PLACE, { input }, asService), h.gateway.query(PLACE, { input }, asService)]);
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    expect(second.data.placeOrder.number).toBe(first.data.placeOrder.number);
    expect(await h.db.order.count({ where: { customerId } })).toBe(1);
    expect(await h.db.domainEvent.count({ where: { aggregateId: orderId } })).toBe(1);
    const someoneElse = await h.gateway.query(PLACE, { input: { ...input, customerId: randomUUID() } }, asService);
    expect(codeOf(someoneElse)).toBe('CONFLICT');
  });

  it('draws another order number when the first one drawn is taken', async () => {
    const taken = await seedOrder(h, randomUUID());
    const numbers = [taken.orderNumber, taken.orderNumber, 'SO-2611-ABCDEF'];
    const ctx = { ...h.serviceContext(), orderNumbers: () => numbers.shift()! };
    const order = await placeOrder(ctx, orderInput(randomUUID()));
    expect(order.orderNumber).toBe('SO-2611-ABCDEF');
    expect(numbers).toEqual([]);
  });
});

describe('loyalty points at checkout', () => {
  it('spends the points through the customer context as a discount of 0.01 each', async () => {
    const customerId = randomUUID();
    h.loyalty.balances.set(customerId, 1_000);
    const input = orderInput(customerId, { lines: [line({ unitPrice: '40.00' })], loyaltyPoints: 500 });
    const order = (await h.gateway.query(PLACE, { input }, asService)).data.placeOrder;
    expect(order.discounts).toEqual([{ type: 'LOYALTY', code: null, name: '500 loyalty points', amount: { amount: '5.00' } }]);
    expect([order.subtotal.amount, order.discountTotal.amount, order.loyaltyPointsRedeemed]).toEqual(['40.00', '5.00', 500]);
    expect(h.loyalty.balances.get(customerId)).toBe(500);
  });

  it('refuses more points than the customer has, and places nothing', async () => {
    const customerId = randomUUID();
    h.loyalty.balances.set(customerId, 100);
    const r = await h.gateway.query(PLACE, { input: orderInput(customerId, { loyaltyPoints: 500 }) }, asService);
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await h.db.order.count({ where: { customerId } })).toBe(0);
  });

  it('refuses points worth more than the goods instead of wasting them', async () => {
    const customerId = randomUUID();
    h.loyalty.balances.set(customerId, 10_000);
    const r = await h.gateway.query(PLACE, { input: orderInput(customerId, { loyaltyPoints: 5_000 }) }, asService);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields[0].field).toBe('loyaltyPoints');
    expect(h.loyalty.balances.get(customerId)).toBe(10_000);
  });

  it('gives the points back when the order cannot be written after they were spent', async () => {
    const customerId = randomUUID();
    h.loyalty.balances.set(customerId, 1_000);
    const ctx = { ...h.serviceContext(), orderNumbers: () => 'not a valid number because it is far too long for the column' };
    await expect(placeOrder(ctx, orderInput(customerId, { loyaltyPoints: 300 }))).rejects.toThrow();
    expect(h.loyalty.balances.get(customerId)).toBe(1_000);
    expect(await h.db.order.count({ where: { customerId } })).toBe(0);
  });

  it('refuses points for a guest', async () => {
    const r = await h.gateway.query(PLACE, { input: orderInput(null, { loyaltyPoints: 10 }) }, asService);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });
});

describe('the database keeps the totals honest', () => {
  let sql: Client;
  beforeAll(async () => {
    sql = new Client({ connectionString: h.database.url });
    await sql.connect();
  });
  afterAll(() => sql?.end());

  const insert = (subtotal: string, discount: string, shipping: string, tax: string, total: string) =>
    sql.query(
      `INSERT INTO orders (order_number, email, subtotal, discount_amount, shipping_amount, tax_amount, total_amount, shipping_address, billing_address)
       VALUES ($1, 'x@example.com', $2, $3, $4, $5, $6, '{}', '{}')`,
      [`SO-0000-${randomUUID().slice(0, 6).toUpperCase()}`, subtotal, discount, shipping, tax, total],
    );

  it('refuses a row whose total is not subtotal − discount + shipping + tax', async () => {
    await expect(insert('100.00', '10.00', '5.00', '8.00', '104.00')).rejects.toThrow(/orders_total_check/);
    await expect(insert('100.00', '10.00', '5.00', '8.00', '103.00')).resolves.toBeDefined();
  });

  it('refuses negative amounts and a discount above the subtotal', async () => {
    await expect(insert('-1.00', '0', '0', '0', '-1.00')).rejects.toThrow(/orders_amounts_check/);
    await expect(insert('10.00', '20.00', '5.00', '0', '-5.00')).rejects.toThrow(/check/);
  });

  it('refuses an item whose total is not unit price × quantity, and a quantity of 0', async () => {
    const order = await seedOrder(h, randomUUID());
    const item = (quantity: number, total: string) =>
      sql.query(`INSERT INTO order_items (order_id, product_variant_id, sku, product_name, quantity, unit_price, total_price) VALUES ($1, $2, 'S', 'P', $3, '10.00', $4)`, [
        order.id, randomUUID(), quantity, total,
      ]);
    await expect(item(2, '25.00')).rejects.toThrow(/order_items_price_check/);
    await expect(item(0, '0.00')).rejects.toThrow(/order_items_quantity_check/);
  });

  it('refuses a status outside the lifecycle', async () => {
    const order = await seedOrder(h, randomUUID());
    await expect(sql.query(`UPDATE orders SET status = 'lost' WHERE id = $1`, [order.id])).rejects.toThrow(/orders_status_check/);
  });
});
