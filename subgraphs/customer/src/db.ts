import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CustomerDb = PrismaClient;
export type CustomerTx = Prisma.TransactionClient;
export { Prisma };

export type CustomerDbOptions = ContextDbOptions;

/** Opens the customer database; `inTransaction` is the one helper that starts its transactions (all-or-nothing writes). */
export const { createDb: createCustomerDb, inTransaction } = contextDatabase<CustomerDb, CustomerTx>(PrismaClient);
