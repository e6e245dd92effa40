-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "access_key_hash" CHAR(64);
