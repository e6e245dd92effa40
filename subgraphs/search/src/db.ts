import { contextDatabase, type ContextDbOptions } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type SearchDb = PrismaClient;
export type SearchTx = Prisma.TransactionClient;
export { Prisma };

export type SearchDbOptions = ContextDbOptions;

/** Opens the search database; `inTransaction` is the one helper that starts its transactions. */
export const { createDb: createSearchDb, inTransaction } = contextDatabase<SearchDb, SearchTx>(PrismaClient);
