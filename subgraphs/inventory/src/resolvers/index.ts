import {
  enums, InventoryItem, InventoryTransaction, LowStockAlert, ReconciliationMismatch, ReorderSuggestion, StockAdjustment, StockAdjustmentLine,
  StockReservation,
} from './admin';
import { Product, ProductVariant } from './entities';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers = {
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
