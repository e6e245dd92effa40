import { assertCustomer, badUserInput, notFound, parseId, parseInput } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction, type CustomerTx } from '../db';
import { addressInput } from '../domain/customer';
import type { CustomerAddress } from '../generated/prisma/client';
import { explainWriteError } from './errors';

const MAX_ADDRESSES = 50;

/**
 * Address writes of one customer queue on their customer row, so "one default per type" (also a partial unique
 * index) never races, and the address count cannot be exceeded by parallel requests.
 */
async function withCustomerLock<T>(ctx: CustomerContext, work: (tx: CustomerTx, customerId: string) => Promise<T>): Promise<T> {
  const customerId = assertCustomer(ctx.viewer);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customers WHERE id = ${customerId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('Your customer profile');
      return work(tx, customerId);
    });
  } catch (error) {
    explainWriteError(error);
  }
}

async function ownAddress(tx: CustomerTx, customerId: string, id: string): Promise<CustomerAddress> {
  const address = await tx.customerAddress.findUnique({ where: { id: parseId(id) } });
  // Someone else's address is "not found": its existence is not ours to reveal.
  if (!address || address.customerId !== customerId) throw notFound('That address');
  return address;
}

async function clearDefault(tx: CustomerTx, customerId: string, addressType: string): Promise<void> {
  await tx.customerAddress.updateMany({ where: { customerId, addressType, isDefault: true }, data: { isDefault: false } });
}

export function addAddress(ctx: CustomerContext, input: unknown): Promise<CustomerAddress> {
  const { type, isDefault, ...fields } = parseInput(addressInput, input);
  return withCustomerLock(ctx, async (tx, customerId) => {
    if ((await tx.customerAddress.count({ where: { customerId } })) >= MAX_ADDRESSES) {
      throw badUserInput(`An account can keep at most ${MAX_ADDRESSES} addresses; delete one first.`);
    }
    if (isDefault) await clearDefault(tx, customerId, type);
    return tx.customerAddress.create({ data: { ...fields, customerId, addressType: type, isDefault } });
  });
}

export function updateAddress(ctx: CustomerContext, id: string, input: unknown): Promise<CustomerAddress> {
  const { type, isDefault, ...fields } = parseInput(addressInput, input);
  return withCustomerLock(ctx, async (tx, customerId) => {
    const address = await ownAddress(tx, customerId, id);
    if (isDefault) await clearDefault(tx, customerId, type);
    return tx.customerAddress.update({ where: { id: address.id }, data: { ...fields, addressType: type, isDefault } });
  });
}

export function setDefaultAddress(ctx: CustomerContext, id: string): Promise<CustomerAddress> {
  return withCustomerLock(ctx, async (tx, customerId) => {
    const address = await ownAddress(tx, customerId, id);
    await clearDefault(tx, customerId, address.addressType);
    return tx.customerAddress.update({ where: { id: address.id }, data: { isDefault: true } });
  });
}

export function deleteAddress(ctx: CustomerContext, id: string): Promise<boolean> {
  return withCustomerLock(ctx, async (tx, customerId) => {
    const address = await ownAddress(tx, customerId, id);
    await tx.customerAddress.delete({ where: { id: address.id } });
    return true;
  });
}
