import { assertAdmin, notFound, parseId, parseInput } from '@shop/platform';
import { isStaff, type CatalogContext } from '../context';
import { inTransaction } from '../db';
import { slugify } from '../domain/product';
import { brandChanged } from '../events/published';
import type { Brand } from '../generated/prisma/client';
import { explainWriteError } from './db-errors';
import { createBrandInput, updateBrandInput } from './inputs';

export function listBrands(ctx: CatalogContext): Promise<Brand[]> {
  return ctx.db.brand.findMany({ where: isStaff(ctx) ? {} : { isActive: true }, orderBy: { name: 'asc' } });
}

export function getBrand(ctx: CatalogContext, slug: string): Promise<Brand | null> {
  return ctx.db.brand.findFirst({ where: { slug, ...(isStaff(ctx) ? {} : { isActive: true }) } });
}

export async function createBrand(ctx: CatalogContext, raw: unknown): Promise<Brand> {
  assertAdmin(ctx.viewer);
  const input = parseInput(createBrandInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const brand = await tx.brand.create({ data: { ...input, slug: input.slug ?? slugify(input.name), isActive: input.isActive ?? true } });
      await brandChanged(tx, brand, true);
      return brand;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function updateBrand(ctx: CatalogContext, id: string, raw: unknown): Promise<Brand> {
  assertAdmin(ctx.viewer);
  const brandId = parseId(id);
  const input = parseInput(updateBrandInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const { count } = await tx.brand.updateMany({
        where: { id: brandId },
        data: { ...input, slug: input.slug ?? undefined, isActive: input.isActive ?? undefined },
      });
      if (count === 0) throw notFound('Brand');
      const brand = (await tx.brand.findUnique({ where: { id: brandId } })) as Brand;
      await brandChanged(tx, brand, false);
      return brand;
    });
  } catch (error) {
    explainWriteError(error);
  }
}
