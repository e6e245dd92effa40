import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { CatalogContext } from '../context';
import { Category } from './Category';
import { Brand, enums, ProductAttribute, ProductAttributeValue, ProductImage, Review } from './misc';
import { Mutation } from './Mutation';
import { Product } from './Product';
import { ProductVariant } from './ProductVariant';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = {
  Query,
  Mutation,
  Product,
  ProductVariant,
  Category,
  Brand,
  ProductImage,
  ProductAttribute,
  ProductAttributeValue,
  Review,
  ...enums,
};

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<CatalogContext>;
