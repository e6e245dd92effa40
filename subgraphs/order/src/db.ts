import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type OrderDb = PrismaClient;
export type OrderTx = Prisma.TransactionClient;
/** Either the client or a transaction's client: repository functions work inside or outside a transaction. */
export type OrderDbOrTx = OrderDb | OrderTx;
export { Prisma };

export type OrderDbOptions = ContextDbOptions;

/** Opens the order database; `inTransaction` is the one helper that starts its transactions (all-or-nothing writes). */
export const { createDb: createOrderDb, inTransaction } = contextDatabase<OrderDb, OrderTx>(PrismaClient);
