import { Category } from './Category';
import { Brand, enums, ProductAttribute, ProductAttributeValue, ProductImage, Review } from './misc';
import { Mutation } from './Mutation';
import { Product } from './Product';
import { ProductVariant } from './ProductVariant';
import { Query } from './Query';

export const resolvers = {
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
