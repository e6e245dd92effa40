import { assertAdmin, notFound, parseId, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import type { ProductAttribute, ProductAttributeValue } from '../generated/prisma/client';
import { explainWriteError } from './db-errors';
import { attributeValueInput, createAttributeInput } from './inputs';

export function listAttributes(ctx: CatalogContext, filterableOnly: boolean): Promise<ProductAttribute[]> {
  return ctx.db.productAttribute.findMany({
    where: filterableOnly ? { isFilterable: true } : {},
    orderBy: [{ displayOrder: 'asc' }, { name: 'asc' }],
  });
}

export async function createProductAttribute(ctx: CatalogContext, raw: unknown): Promise<ProductAttribute> {
  assertAdmin(ctx.viewer);
  const input = parseInput(createAttributeInput, raw);
  try {
    return await ctx.db.productAttribute.create({
      data: {
        name: input.name,
        displayName: input.displayName,
        attributeType: input.type,
        isFilterable: input.filterable ?? false,
        isSearchable: input.searchable ?? false,
        displayOrder: input.displayOrder ?? 0,
        values: input.values?.length
          ? { create: input.values.map((v) => ({ value: v.value, displayValue: v.displayValue, displayOrder: v.displayOrder ?? 0 })) }
          : undefined,
      },
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function addProductAttributeValue(ctx: CatalogContext, attributeId: string, raw: unknown): Promise<ProductAttributeValue> {
  assertAdmin(ctx.viewer);
  const id = parseId(attributeId, 'attributeId');
  const input = parseInput(attributeValueInput, raw);
  if (!(await ctx.db.productAttribute.findUnique({ where: { id }, select: { id: true } }))) throw notFound('Attribute');
  try {
    return await ctx.db.productAttributeValue.create({
      data: { attributeId: id, value: input.value, displayValue: input.displayValue, displayOrder: input.displayOrder ?? 0 },
    });
  } catch (error) {
    explainWriteError(error);
  }
}
