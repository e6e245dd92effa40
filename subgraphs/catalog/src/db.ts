import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type CatalogDb = PrismaClient;
export type CatalogTx = Prisma.TransactionClient;
export { Prisma };

export type CatalogDbOptions = ContextDbOptions;

/** Opens the catalog database; `inTransaction` is the one helper that starts its transactions (all-or-nothing writes). */
export const { createDb: createCatalogDb, inTransaction } = contextDatabase<CatalogDb, CatalogTx>(PrismaClient);
