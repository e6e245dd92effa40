import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CartDb = PrismaClient;
export type CartTx = Prisma.TransactionClient;
export { Prisma };

export type CartDbOptions = ContextDbOptions;

/** Opens the cart database; `inTransaction` is the one helper that starts its transactions (all-or-nothing writes). */
export const { createDb: createCartDb, inTransaction } = contextDatabase<CartDb, CartTx>(PrismaClient);
