import { contextDatabase } from '@shop/platform';
import { PrismaClient, Prisma } from './generated/prisma/client';

export type NotificationDb = PrismaClient;
export type NotificationTx = Prisma.TransactionClient;
export { Prisma };

/** Opens the notification database; `inTransaction` is the one helper that starts its transactions. */
export const { createDb: createNotificationDb, inTransaction } = contextDatabase<NotificationDb, NotificationTx>(PrismaClient);
