import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { InventoryContext } from '../context';
import {
  enums, InventoryItem, InventoryTransaction, LowStockAlert, ReconciliationMismatch, ReorderSuggestion, StockAdjustment, StockAdjustmentLine,
  StockReservation,
} from './admin';
import { Product, ProductVariant } from './entities';
import { Mutation } from './Mutation';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = {
  Query,
  Mutation,
  Product,
  ProductVariant,
  InventoryItem,
  InventoryTransaction,
  StockReservation,
  StockAdjustment,
  StockAdjustmentLine,
  LowStockAlert,
  ReorderSuggestion,
  ReconciliationMismatch,
  ...enums,
};

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<InventoryContext>;
