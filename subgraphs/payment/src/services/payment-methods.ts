import { badUserInput, conflict, notFound, parseId, parseInput, shopError, uniqueViolation } from '@shop/platform';
import { assertShopper } from './callers';
import type { PaymentContext } from '../context';
import { inTransaction, type PaymentTx } from '../db';
import { displayName } from '../domain/card';
import { addMethodInput } from '../domain/inputs';
import type { PaymentMethod } from '../generated/prisma/client';
import { callProvider, declineOf } from './payment-rows';

const MAX_METHODS = 20;

/** The signed-in customer's active methods, the default first. */
export function myPaymentMethods(ctx: PaymentContext): Promise<PaymentMethod[]> {
  const customerId = assertShopper(ctx.viewer);
  return ctx.db.paymentMethod.findMany({
    where: { customerId, isActive: true },
    orderBy: [{ isDefault: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
  });
}

/**
 * Saves a card: the number and CVC go to the provider, which answers with a token; we keep the token, brand,
 * last four and expiry. The first card becomes the default.
 */
export async function addPaymentMethod(ctx: PaymentContext, raw: { card: unknown; makeDefault?: boolean | null }): Promise<PaymentMethod> {
  const customerId = assertShopper(ctx.viewer);
  const { card, makeDefault } = parseInput(addMethodInput(ctx.settings.now), raw);
  let token;
  try {
    token = await callProvider(ctx, 'tokenizeCard', ctx.provider.tokenizeCard(card));
  } catch (error) {
    const decline = declineOf(ctx, error);
    throw shopError('PAYMENT_DECLINED', decline.message, { reason: decline.reason });
  }
  return withCustomerMethods(ctx, customerId, async (tx) => {
    if ((await tx.paymentMethod.count({ where: { customerId, isActive: true } })) >= MAX_METHODS) {
      throw badUserInput(`You can keep at most ${MAX_METHODS} payment methods; remove one first.`);
    }
    const hasDefault = (await tx.paymentMethod.count({ where: { customerId, isActive: true, isDefault: true } })) > 0;
    const isDefault = makeDefault || !hasDefault;
    if (isDefault) await clearDefault(tx, customerId);
    return tx.paymentMethod.create({
      data: {
        customerId,
        methodType: 'card',
        provider: ctx.provider.name,
        externalId: token.token,
        isDefault,
        displayName: displayName(token.brand, token.lastFour),
        cardBrand: token.brand,
        cardLastFour: token.lastFour,
        cardExpiryMonth: token.expMonth,
        cardExpiryYear: token.expYear,
      },
    });
  });
}

/** Removing keeps the row (payments refer to it) but nobody can pay with it again; the newest other card becomes the default. */
export function removePaymentMethod(ctx: PaymentContext, id: string): Promise<boolean> {
  const customerId = assertShopper(ctx.viewer);
  const methodId = parseId(id);
  return withCustomerMethods(ctx, customerId, async (tx) => {
    const method = await ownMethod(tx, customerId, methodId);
    await tx.paymentMethod.update({ where: { id: method.id }, data: { isActive: false, isDefault: false, updatedAt: new Date() } });
    if (method.isDefault) {
      const next = await tx.paymentMethod.findFirst({ where: { customerId, isActive: true }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
      if (next) await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true, updatedAt: new Date() } });
    }
    return true;
  });
}

export function setDefaultPaymentMethod(ctx: PaymentContext, id: string): Promise<PaymentMethod> {
  const customerId = assertShopper(ctx.viewer);
  const methodId = parseId(id);
  return withCustomerMethods(ctx, customerId, async (tx) => {
    const method = await ownMethod(tx, customerId, methodId);
    await clearDefault(tx, customerId);
    return tx.paymentMethod.update({ where: { id: method.id }, data: { isDefault: true, updatedAt: new Date() } });
  });
}

async function ownMethod(tx: PaymentTx, customerId: string, id: string): Promise<PaymentMethod> {
  const method = await tx.paymentMethod.findUnique({ where: { id } });
  // Someone else's method is "not found": its existence is not ours to reveal.
  if (!method || method.customerId !== customerId || method.isActive === false) throw notFound('That payment method');
  return method;
}

async function clearDefault(tx: PaymentTx, customerId: string): Promise<void> {
  await tx.paymentMethod.updateMany({ where: { customerId, isDefault: true }, data: { isDefault: false, updatedAt: new Date() } });
}

/**
 * A customer's method writes queue on an advisory lock named after the customer (there is no customer row in
 * this database to lock), so "one default" never races; the partial unique index backs it up.
 */
async function withCustomerMethods<T>(ctx: PaymentContext, customerId: string, work: (tx: PaymentTx) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payment_methods:' || ${customerId}))`;
      return work(tx);
    });
  } catch (error) {
    if (uniqueViolation(error)) throw conflict('Another default payment method was set at the same time; try again.');
    throw error;
  }
}
