import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type PaymentDb = PrismaClient;
export type PaymentTx = Prisma.TransactionClient;
export { Prisma };

export type PaymentDbOptions = ContextDbOptions;

/**
 * Opens the payment database; `inTransaction` is the one helper that starts its transactions (all-or-nothing
 * writes). Its third argument is the longest provider call made inside (a payment's row stays locked across it),
 * so the transaction outlives it.
 */
export const { createDb: createPaymentDb, inTransaction } = contextDatabase<PaymentDb, PaymentTx>(PrismaClient);
