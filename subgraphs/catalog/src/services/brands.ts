import { assertAdmin, notFound, parseId, parseInput } from '@shop/platform';
import { isStaff, type CatalogContext } from '../context';
import { slugify } from '../domain/product';
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
    return await ctx.db.brand.create({ data: { ...input, slug: input.slug ?? slugify(input.name), isActive: input.isActive ?? true } });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function updateBrand(ctx: CatalogContext, id: string, raw: unknown): Promise<Brand> {
  assertAdmin(ctx.viewer);
  const brandId = parseId(id);
  const input = parseInput(updateBrandInput, raw);
  try {
    const { count } = await ctx.db.brand.updateMany({
      where: { id: brandId },
      data: { ...input, slug: input.slug ?? undefined, isActive: input.isActive ?? undefined },
    });
    if (count === 0) throw notFound('Brand');
    return (await ctx.db.brand.findUnique({ where: { id: brandId } })) as Brand;
  } catch (error) {
    explainWriteError(error);
  }
}


