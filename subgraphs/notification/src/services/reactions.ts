import type { EventEnvelope } from '@shop/platform';
import type { NotificationTx } from '../db';
import type { CartAbandoned, CustomerContact, OrderChanged, OrderPlaced, PaymentFailed, ProductFacts, StockCrossed, VariantFacts } from '../events/contracts';
import { addressRecipientId, validEmail } from '../domain/recipients';
import { orderValues, paymentReason, type OrderLine } from '../domain/values';
import type { Contact, OrderSummary } from '../generated/prisma/client';
import { queueMessages, type QueueDeps, type Recipient } from './queue';

/**
 * What each consumed event does, inside the event's transaction (its processed_events row commits with it): the
 * read models (contacts, order summaries) and the messages it makes.
 */
const recipientOf = (contact: Contact, email = contact.email): Recipient => ({
  id: contact.customerId,
  customerId: contact.customerId,
  email: validEmail(email),
  phone: contact.phone,
  locale: contact.language,
  firstName: contact.firstName,
  lastName: contact.lastName,
});

export async function contactChanged(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<CustomerContact>): Promise<void> {
  const c = event.data;
  const before = await tx.contact.findUnique({ where: { customerId: c.customerId } });
  const email = c.email.trim().toLowerCase();
  const fields = {
    email,
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    phone: c.phone ?? null,
    language: c.language ?? before?.language ?? null,
    status: c.status ?? before?.status ?? 'active',
    updatedAt: deps.settings.now(),
  };
  // A new address may be a working one: a bounce of the old one no longer holds.
  const undeliverable = before && before.email === email ? before.emailUndeliverableAt : null;
  const contact = await tx.contact.upsert({
    where: { customerId: c.customerId },
    create: { customerId: c.customerId, ...fields },
    update: { ...fields, emailUndeliverableAt: undeliverable },
  });
  if (event.type === 'CustomerRegistered') {
    await queueMessages(tx, deps, { eventId: event.id, kind: 'welcome', recipient: recipientOf(contact), values: {} });
  }
}

export async function customerStatusChanged(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<{ customerId: string; status?: string | null }>): Promise<void> {
  const suspended = event.type === 'CustomerSuspended';
  const contact = await tx.contact.findUnique({ where: { customerId: event.data.customerId } });
  if (!contact) return deps.log.warn({ customerId: event.data.customerId }, 'status change of a customer not in the contact book');
  const updated = await tx.contact.update({ where: { customerId: contact.customerId }, data: { status: suspended ? 'suspended' : 'active', updatedAt: deps.settings.now() } });
  if (suspended) await queueMessages(tx, deps, { eventId: event.id, kind: 'account_suspended', recipient: recipientOf(updated), values: {} });
}

export async function orderPlaced(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<OrderPlaced>): Promise<void> {
  const o = event.data;
  const items: OrderLine[] = o.items.map((i) => ({
    sku: i.sku,
    name: [i.name ?? i.sku, i.variantName].filter(Boolean).join(' — '),
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    lineTotal: i.lineTotal ?? null,
  }));
  const summary = {
    orderNumber: o.orderNumber,
    customerId: o.customerId,
    email: o.email.trim().toLowerCase(),
    currency: o.currency,
    subtotal: o.subtotal,
    discount: o.discount,
    shipping: o.shipping,
    tax: o.tax,
    total: o.total,
    items: items as object[],
    placedAt: new Date(o.occurredAt),
  };
  await tx.orderSummary.upsert({ where: { orderId: o.orderId }, create: { orderId: o.orderId, ...summary }, update: summary });
}

/** The order's buyer: the account's contact (name, language, phone) when there is one, the order's email always. */
async function orderRecipient(tx: NotificationTx, summary: OrderSummary): Promise<Recipient> {
  const contact = summary.customerId ? await tx.contact.findUnique({ where: { customerId: summary.customerId } }) : null;
  if (contact) return recipientOf(contact, summary.email);
  return { id: summary.customerId ?? addressRecipientId(summary.email), customerId: summary.customerId, email: validEmail(summary.email), phone: null, locale: null, firstName: null, lastName: null };
}

const ORDER_MESSAGES: Record<string, string> = {
  OrderConfirmed: 'order_confirmation',
  OrderShipped: 'order_shipped',
  OrderDelivered: 'order_delivered',
  OrderCancelled: 'order_cancelled',
  OrderRefunded: 'refund_issued',
};

/**
 * The confirmation goes on OrderConfirmed, not OrderPlaced: a placed order is still waiting for stock and payment,
 * and a checkout refused there never becomes the shopper's order (they see the refusal at once). For the same
 * reason a cancellation is only written about when the order had been confirmed.
 */
export async function orderChanged(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<OrderChanged>): Promise<void> {
  const kind = ORDER_MESSAGES[event.type];
  const o = event.data;
  if (!kind || (event.type === 'OrderCancelled' && o.wasConfirmed === false)) return;
  const summary = await tx.orderSummary.findUnique({ where: { orderId: o.orderId } });
  if (!summary) throw new Error(`order ${o.orderNumber} has no summary yet (its OrderPlaced was not applied)`);
  await queueMessages(tx, deps, {
    eventId: event.id,
    kind,
    recipient: await orderRecipient(tx, summary),
    values: {
      order: { ...orderValues(summary, deps.settings.shopUrl), carrier: o.carrier ?? '', trackingNumber: o.trackingNumber ?? '', trackingUrl: '' },
      ...(kind === 'refund_issued' ? { refund: { amount: o.amount ?? o.total } } : {}),
    },
    about: { orderId: o.orderId, orderNumber: o.orderNumber },
  });
}

/** A payment of an order failed; its OrderPlaced comes on another stream and may not be applied yet: then retried. */
export async function paymentFailed(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<PaymentFailed>): Promise<void> {
  const p = event.data;
  const summary = await tx.orderSummary.findUnique({ where: { orderId: p.orderId } });
  if (!summary) throw new Error(`payment ${p.paymentId} failed for order ${p.orderId}, which has no summary yet`);
  await queueMessages(tx, deps, {
    eventId: event.id,
    kind: 'payment_failed',
    recipient: await orderRecipient(tx, summary),
    values: { order: orderValues(summary, deps.settings.shopUrl), payment: { reason: paymentReason(p.reason) } },
    about: { orderId: p.orderId, orderNumber: summary.orderNumber, paymentId: p.paymentId },
  });
}

export async function cartAbandoned(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<CartAbandoned>): Promise<void> {
  const { cart } = event.data;
  const contact = await tx.contact.findUnique({ where: { customerId: cart.customerId } });
  if (!contact) return deps.log.warn({ customerId: cart.customerId }, 'abandoned cart of a customer not in the contact book: no recovery email');
  if (contact.status === 'suspended') return; // a suspended account cannot buy: no reminder to
  const names = await catalogNames(tx, cart.items.map((i) => i.variantId));
  const lines = cart.items.map((i) => ({ sku: i.sku, name: names.get(i.variantId)?.name ?? i.sku, quantity: i.quantity, unitPrice: i.unitPrice }));
  await queueMessages(tx, deps, {
    eventId: event.id,
    kind: 'abandoned_cart',
    recipient: recipientOf(contact),
    values: { cart: { lines, url: `${deps.settings.shopUrl.replace(/\/$/, '')}/cart` } },
    about: { cartId: cart.cartId, abandonedCartId: event.data.abandonedCartId },
  });
}

/** StockLow and OutOfStock: one email to each staff address. */
export async function stockCrossed(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<StockCrossed>): Promise<void> {
  const s = event.data;
  const kind = event.type === 'OutOfStock' ? 'out_of_stock' : 'low_stock';
  const sku = s.sku ?? (await catalogNames(tx, [s.variantId])).get(s.variantId)?.sku ?? s.variantId;
  for (const address of deps.settings.staffEmails) {
    await queueMessages(tx, deps, {
      eventId: event.id,
      kind,
      recipient: { id: addressRecipientId(address), customerId: null, email: address, phone: null, locale: null, firstName: null, lastName: null },
      values: { stock: { sku, available: s.available, threshold: s.lowStockThreshold ?? 0 } },
      about: { itemId: s.itemId, variantId: s.variantId },
    });
  }
}

export async function productNamed(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<ProductFacts>): Promise<void> {
  const { productId, name } = event.data;
  const updatedAt = deps.settings.now();
  await tx.catalogProduct.upsert({ where: { productId }, create: { productId, name, updatedAt }, update: { name, updatedAt } });
}

export async function variantNamed(tx: NotificationTx, deps: QueueDeps, event: EventEnvelope<VariantFacts>): Promise<void> {
  const { variantId, productId, sku } = event.data;
  const updatedAt = deps.settings.now();
  await tx.catalogVariant.upsert({ where: { variantId }, create: { variantId, productId, sku, updatedAt }, update: { productId, sku, updatedAt } });
}

/** What the catalog's events told us of these variants: SKU and product name (absent for variants not heard of). */
async function catalogNames(tx: NotificationTx, variantIds: string[]): Promise<Map<string, { sku: string; name: string | null }>> {
  const variants = await tx.catalogVariant.findMany({ where: { variantId: { in: variantIds } } });
  const products = await tx.catalogProduct.findMany({ where: { productId: { in: [...new Set(variants.map((v) => v.productId))] } } });
  const names = new Map(products.map((p) => [p.productId, p.name]));
  return new Map(variants.map((v) => [v.variantId, { sku: v.sku, name: names.get(v.productId) ?? null }]));
}
