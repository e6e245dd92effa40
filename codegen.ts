import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types for every subgraph, from its schema.graphql (`npm run codegen`; CI runs `codegen:check`).
 * Mappers name what each resolver really returns for a type — its Prisma row or domain object — so a resolver
 * that answers the wrong shape fails `npm run typecheck`. Federation mode adds `__resolveReference` to every `@key`
 * entity; the schemas' other directives (@link, @shareable, @listSize, the shop's auth ones) need no definitions
 * here, as codegen builds the schema without validating directive use.
 */
interface SubgraphTypes {
  /** The subgraph's context type, relative to its src/resolvers. */
  context: string;
  /** GraphQL type → 'module#Export' (relative to src/resolvers) or a type literal. */
  mappers?: Record<string, string>;
  /** GraphQL enum → its internal values, where the subgraph maps them with enum resolvers. */
  enumValues?: Record<string, Record<string, string>>;
}

/** An entity another subgraph owns, resolved here from its key alone. */
const reference = '{ id: string }';

/** GraphQL type → Prisma model of the subgraph's own client, for the types resolved from a row. */
const rows = (models: Record<string, string>) =>
  Object.fromEntries(Object.entries(models).map(([type, model]) => [type, `../generated/prisma/client#${model}`]));

/** Enum values kept in lower case in the database and served through enum resolvers. */
const lowerCase = (...names: string[]) => Object.fromEntries(names.map((name) => [name, name.toLowerCase()]));

const subgraphs: Record<string, SubgraphTypes> = {
  cart: {
    context: '../context#CartContext',
    mappers: { Cart: '../services/views#OwnedCart', CartLine: '../domain/cart#PricedLine', ProductVariant: reference, Customer: reference },
  },
  catalog: {
    context: '../context#CatalogContext',
    mappers: rows({
      Product: 'Product',
      ProductVariant: 'ProductVariant',
      Category: 'Category',
      Brand: 'Brand',
      ProductImage: 'ProductImage',
      ProductAttribute: 'ProductAttribute',
      ProductAttributeValue: 'ProductAttributeValue',
      Review: 'ProductReview',
    }),
    enumValues: {
      ProductType: lowerCase('SIMPLE', 'CONFIGURABLE', 'BUNDLE'),
      ProductStatus: lowerCase('DRAFT', 'ACTIVE', 'INACTIVE', 'ARCHIVED'),
      AttributeType: lowerCase('TEXT', 'NUMBER', 'BOOLEAN', 'SELECT'),
      ProductRelationType: lowerCase('CROSS_SELL', 'UP_SELL', 'RELATED'),
    },
  },
  customer: {
    context: '../context#CustomerContext',
    mappers: rows({
      Customer: 'Customer',
      Address: 'CustomerAddress',
      Preferences: 'CustomerPreferences',
      Loyalty: 'CustomerLoyalty',
      LoyaltyTransaction: 'LoyaltyTransaction',
    }),
  },
  inventory: {
    context: '../context#InventoryContext',
    mappers: {
      ...rows({
        InventoryItem: 'InventoryItem',
        InventoryTransaction: 'InventoryTransaction',
        StockAdjustment: 'StockAdjustment',
        StockAdjustmentLine: 'StockAdjustmentItem',
        LowStockAlert: 'LowStockAlert',
        ReorderSuggestion: 'InventoryItem',
      }),
      StockReservation: '../services/reservations#Reservation',
      ReconciliationMismatch: '../services/ledger#Mismatch',
      Product: reference,
      ProductVariant: reference,
    },
    enumValues: {
      InventoryTransactionType: lowerCase('RESTOCK', 'SALE', 'ADJUSTMENT', 'RESERVATION', 'RELEASE', 'COMMIT', 'EXPIRY', 'RETURN'),
      StockReservationStatus: lowerCase('ACTIVE', 'COMMITTED', 'RELEASED', 'EXPIRED', 'FULFILLED'),
      StockAdjustmentStatus: lowerCase('PENDING', 'APPROVED', 'REJECTED'),
      LowStockAlertType: lowerCase('LOW_STOCK', 'OUT_OF_STOCK'),
    },
  },
  notification: {
    context: '../context#NotificationContext',
    mappers: {
      ...rows({ Notification: 'Notification', NotificationAttempt: 'NotificationAttempt', EmailEvent: 'EmailEvent', NotificationTemplate: 'NotificationTemplate' }),
      Customer: reference,
    },
  },
  order: {
    context: '../context#OrderContext',
    mappers: {
      ...rows({ OrderItem: 'OrderItem', OrderDiscount: 'OrderDiscount', OrderStatusChange: 'OrderStatusHistory', DiscountCode: 'DiscountCode' }),
      Order: '../services/guest-access#OrderWithAccessKey',
      OrderUpdate: '../domain/order-updates#OrderUpdate',
      Customer: reference,
      ProductVariant: reference,
    },
  },
  payment: {
    context: '../context#PaymentContext',
    mappers: rows({ Payment: 'Payment', PaymentEvent: 'PaymentEvent', PaymentMethod: 'PaymentMethod', Refund: 'Refund' }),
  },
  search: {
    context: '../context#SearchContext',
    mappers: { Product: reference },
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    Object.entries(subgraphs).map(([name, types]) => [
      `subgraphs/${name}/src/resolvers/types.generated.ts`,
      {
        schema: `subgraphs/${name}/schema.graphql`,
        plugins: [{ add: { content: '/* eslint-disable */\n// Generated by `npm run codegen` from schema.graphql; do not edit.' } }, 'typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useIndexSignature: false,
          enumsAsTypes: true,
          useTypeImports: true,
          contextType: types.context,
          // An enum with internal values maps to its own generated type (codegen leaves those `null` otherwise).
          mappers: { ...types.mappers, ...Object.fromEntries(Object.keys(types.enumValues ?? {}).map((name) => [name, name])) },
          enumValues: types.enumValues ?? {},
          mapperTypeSuffix: 'Row',
          inputMaybeValue: 'T | null | undefined',
        },
      },
    ]),
  ),
};

export default config;
