/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddressType =
  | 'BILLING'
  | 'BOTH'
  | 'SHIPPING';

export type AdjustmentLineInput = {
  /** The sellable quantity counted (0..1,000,000). */
  adjustedQuantity: number;
  variantId: string;
};

export type AttributeType =
  | 'BOOLEAN'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

export type AttributeValueInput = {
  displayOrder?: number | null | undefined;
  displayValue: string;
  value: string;
};

export type CreateBrandInput = {
  description?: string | null | undefined;
  isActive?: boolean | null | undefined;
  logoUrl?: string | null | undefined;
  name: string;
  slug?: string | null | undefined;
  websiteUrl?: string | null | undefined;
};

export type CreateCategoryInput = {
  description?: string | null | undefined;
  displayOrder?: number | null | undefined;
  isActive?: boolean | null | undefined;
  name: string;
  parentId?: string | null | undefined;
  seo?: SeoInput | null | undefined;
  slug?: string | null | undefined;
};

export type CreateProductAttributeInput = {
  displayName: string;
  displayOrder?: number | null | undefined;
  filterable?: boolean | null | undefined;
  name: string;
  searchable?: boolean | null | undefined;
  type: AttributeType;
  values?: Array<AttributeValueInput> | null | undefined;
};

export type CreateProductInput = {
  brandId?: string | null | undefined;
  categoryId: string;
  description?: string | null | undefined;
  dimensions?: DimensionsInput | null | undefined;
  name: string;
  productType?: ProductType | null | undefined;
  seo?: SeoInput | null | undefined;
  shortDescription?: string | null | undefined;
  sku: string;
  /** Derived from the name when omitted. */
  slug?: string | null | undefined;
  status?: ProductStatus | null | undefined;
  variants?: Array<VariantInput> | null | undefined;
  weight?: string | null | undefined;
};

export type CustomerFilter = {
  /** Part of the email address. */
  email?: string | null | undefined;
  /** Part of the first or last name. */
  name?: string | null | undefined;
  status?: CustomerStatus | null | undefined;
  tier?: LoyaltyTier | null | undefined;
};

export type CustomerStatus =
  | 'ACTIVE'
  | 'INACTIVE'
  | 'SUSPENDED';

export type DimensionsInput = {
  height?: string | null | undefined;
  length?: string | null | undefined;
  width?: string | null | undefined;
};

export type DiscountCodeInput = {
  /** 3 to 50 letters, digits, dashes or underscores; case does not matter. */
  code: string;
  endsAt?: string | null | undefined;
  kind: DiscountKind;
  minOrderAmount?: string | null | undefined;
  name: string;
  /** A day or an ISO 8601 instant. */
  startsAt?: string | null | undefined;
  usageLimit?: number | null | undefined;
  /** Percent (0 < value ≤ 100) or an amount. */
  value: string;
};

export type DiscountKind =
  | 'FIXED'
  | 'PERCENTAGE';

export type DiscountType =
  | 'COUPON'
  | 'LOYALTY'
  | 'PROMOTION';

export type DraftStockAdjustmentInput = {
  lines: Array<AdjustmentLineInput>;
  notes?: string | null | undefined;
  reason: string;
};

export type EnsureInventoryItemInput = {
  /** Defaults: threshold 10, reorder point 20, reorder quantity 100. */
  lowStockThreshold?: number | null | undefined;
  productId: string;
  reorderPoint?: number | null | undefined;
  reorderQuantity?: number | null | undefined;
  sku: string;
  variantId: string;
};

export type EventReplayOutcome =
  | 'ALREADY_APPLIED'
  | 'APPLIED'
  | 'FAILED';

/** An omitted setting stays as it is; null clears it (no low-stock alerts, no reorder suggestions). */
export type InventorySettingsInput = {
  lowStockThreshold?: number | null | undefined;
  reorderPoint?: number | null | undefined;
  reorderQuantity?: number | null | undefined;
};

export type InventoryTransactionType =
  | 'ADJUSTMENT'
  | 'COMMIT'
  | 'EXPIRY'
  | 'RELEASE'
  | 'RESERVATION'
  | 'RESTOCK'
  /** Committed stock of a confirmed order cancelled before shipment, back on sale. */
  | 'RETURN'
  | 'SALE';

export type LowStockAlertType =
  | 'LOW_STOCK'
  | 'OUT_OF_STOCK';

export type LoyaltyTier =
  | 'PREMIUM'
  | 'REGULAR'
  | 'VIP';

export type NotificationChannel =
  | 'EMAIL'
  | 'PUSH'
  | 'SMS';

export type NotificationFilter = {
  channel?: NotificationChannel | null | undefined;
  /** Created at or after (a day like 2026-11-30 or an ISO instant). */
  createdFrom?: string | null | undefined;
  /** Created before. */
  createdTo?: string | null | undefined;
  /** Exact address, any case. */
  recipientEmail?: string | null | undefined;
  recipientId?: string | null | undefined;
  status?: NotificationStatus | null | undefined;
  type?: string | null | undefined;
};

export type NotificationStatus =
  | 'BOUNCED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'SENT';

export type NotificationTemplateInput = {
  body: string;
  channel: NotificationChannel;
  description?: string | null | undefined;
  isActive?: boolean | null | undefined;
  /** BCP 47, e.g. en-US (the default) or de-DE. */
  locale?: string | null | undefined;
  name: string;
  subject?: string | null | undefined;
  variables: Array<string>;
};

export type OrderFilter = {
  customerId?: string | null | undefined;
  /** Part of the email address. */
  email?: string | null | undefined;
  /** Part of the order number. */
  number?: string | null | undefined;
  /** A day (YYYY-MM-DD) or an ISO 8601 instant; inclusive. */
  placedFrom?: string | null | undefined;
  /** A day (the whole day counts) or an ISO 8601 instant; inclusive. */
  placedTo?: string | null | undefined;
  /** Any of these statuses. */
  status?: Array<OrderStatus> | null | undefined;
};

export type OrderSource =
  | 'ADMIN'
  | 'MOBILE'
  | 'WEB';

export type OrderStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'DELIVERED'
  | 'PENDING'
  | 'PROCESSING'
  | 'REFUNDED'
  | 'SHIPPED';

export type OrderUpdateKind =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'DELIVERED'
  | 'PLACED'
  | 'PROCESSING_STARTED'
  | 'REFUNDED'
  | 'SHIPPED';

export type PaymentStatus =
  | 'AUTHORIZED'
  /** Some or all of the authorization was captured. */
  | 'CAPTURED'
  /** The authorization lapsed before anything was captured. */
  | 'EXPIRED'
  /** Declined, or the provider did not answer in time: see failureCode. */
  | 'FAILED'
  | 'PARTIALLY_REFUNDED'
  /** The provider has not answered yet. */
  | 'PENDING'
  | 'REFUNDED'
  | 'VOIDED';

export type ProductImageInput = {
  altText?: string | null | undefined;
  displayOrder?: number | null | undefined;
  isPrimary?: boolean | null | undefined;
  url: string;
  variantId?: string | null | undefined;
};

export type ProductRelationInput = {
  displayOrder?: number | null | undefined;
  productId: string;
  relatedProductId: string;
  type: ProductRelationType;
};

export type ProductRelationType =
  | 'CROSS_SELL'
  | 'RELATED'
  | 'UP_SELL';

export type ProductStatus =
  | 'ACTIVE'
  | 'ARCHIVED'
  | 'DRAFT'
  | 'INACTIVE';

export type ProductType =
  | 'BUNDLE'
  | 'CONFIGURABLE'
  | 'SIMPLE';

export type RefundStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING';

export type RestockInput = {
  /** 1..1,000,000 */
  quantity: number;
  reason?: string | null | undefined;
  variantId: string;
};

export type SeoInput = {
  description?: string | null | undefined;
  keywords?: string | null | undefined;
  title?: string | null | undefined;
};

export type StockAdjustmentStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type TestNotificationInput = {
  channel: NotificationChannel;
  locale?: string | null | undefined;
  /** The kind whose active template is sent. */
  name: string;
  /** An email address (email) or an E.164 number (sms). */
  to: string;
};

export type UpdateBrandInput = {
  description?: string | null | undefined;
  isActive?: boolean | null | undefined;
  logoUrl?: string | null | undefined;
  name?: string | null | undefined;
  slug?: string | null | undefined;
  websiteUrl?: string | null | undefined;
};

export type UpdateCategoryInput = {
  description?: string | null | undefined;
  displayOrder?: number | null | undefined;
  isActive?: boolean | null | undefined;
  name?: string | null | undefined;
  /** Set to move the category; null makes it a root. */
  parentId?: string | null | undefined;
  seo?: SeoInput | null | undefined;
  slug?: string | null | undefined;
};

export type UpdateProductInput = {
  brandId?: string | null | undefined;
  categoryId?: string | null | undefined;
  description?: string | null | undefined;
  dimensions?: DimensionsInput | null | undefined;
  name?: string | null | undefined;
  productType?: ProductType | null | undefined;
  seo?: SeoInput | null | undefined;
  shortDescription?: string | null | undefined;
  sku?: string | null | undefined;
  slug?: string | null | undefined;
  status?: ProductStatus | null | undefined;
  weight?: string | null | undefined;
};

export type UpdateVariantInput = {
  attributes?: Array<VariantAttributeInput> | null | undefined;
  barcode?: string | null | undefined;
  compareAtPrice?: string | null | undefined;
  costPrice?: string | null | undefined;
  isActive?: boolean | null | undefined;
  isDefault?: boolean | null | undefined;
  name?: string | null | undefined;
  price?: string | null | undefined;
  sku?: string | null | undefined;
  weight?: string | null | undefined;
};

export type VariantAttributeInput = {
  name: string;
  value: string;
};

export type VariantInput = {
  attributes?: Array<VariantAttributeInput> | null | undefined;
  barcode?: string | null | undefined;
  compareAtPrice?: string | null | undefined;
  costPrice?: string | null | undefined;
  isDefault?: boolean | null | undefined;
  name?: string | null | undefined;
  /** Decimal string, e.g. "19.90". */
  price: string;
  sku: string;
  weight?: string | null | undefined;
};

export type CategoryTreeQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoryTreeQuery = { categories: Array<{ id: string, name: string, slug: string, isActive: boolean, displayOrder: number, children: Array<{ id: string, name: string, slug: string, isActive: boolean, displayOrder: number, children: Array<{ id: string, name: string, slug: string, isActive: boolean, displayOrder: number }> }> }> };

export type CreateCategoryMutationVariables = Exact<{
  input: CreateCategoryInput;
}>;


export type CreateCategoryMutation = { createCategory: { id: string } };

export type UpdateCategoryMutationVariables = Exact<{
  id: string;
  input: UpdateCategoryInput;
}>;


export type UpdateCategoryMutation = { updateCategory: { id: string, name: string, isActive: boolean } };

export type AdminBrandsQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminBrandsQuery = { brands: Array<{ id: string, name: string, slug: string, description: string | null, websiteUrl: string | null, isActive: boolean }> };

export type CreateBrandMutationVariables = Exact<{
  input: CreateBrandInput;
}>;


export type CreateBrandMutation = { createBrand: { id: string } };

export type UpdateBrandMutationVariables = Exact<{
  id: string;
  input: UpdateBrandInput;
}>;


export type UpdateBrandMutation = { updateBrand: { id: string, isActive: boolean } };

export type AdminAttributesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminAttributesQuery = { productAttributes: Array<{ id: string, name: string, displayName: string, type: AttributeType, filterable: boolean, searchable: boolean, values: Array<{ id: string, value: string, displayValue: string }> }> };

export type CreateAttributeMutationVariables = Exact<{
  input: CreateProductAttributeInput;
}>;


export type CreateAttributeMutation = { createProductAttribute: { id: string } };

export type AddAttributeValueMutationVariables = Exact<{
  attributeId: string;
  input: AttributeValueInput;
}>;


export type AddAttributeValueMutation = { addProductAttributeValue: { id: string } };

export type PendingReviewsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PendingReviewsQuery = { pendingReviews: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, rating: number, title: string | null, content: string | null, verifiedPurchase: boolean, createdAt: string | null, product: { id: string, name: string } } }> } };

export type ApproveReviewMutationVariables = Exact<{
  id: string;
}>;


export type ApproveReviewMutation = { approveReview: { id: string, approved: boolean } };

export type RejectReviewMutationVariables = Exact<{
  id: string;
}>;


export type RejectReviewMutation = { rejectReview: { id: string, approved: boolean } };

export type AdminCustomersQueryVariables = Exact<{
  filter?: CustomerFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminCustomersQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, email: string, firstName: string, lastName: string, status: CustomerStatus, tier: LoyaltyTier, createdAt: string } }> } };

export type AdminCustomerQueryVariables = Exact<{
  id: string;
}>;


export type AdminCustomerQuery = { customer: { id: string, email: string, firstName: string, lastName: string, phone: string | null, status: CustomerStatus, tier: LoyaltyTier, roles: Array<string>, createdAt: string, addresses: Array<{ id: string, type: AddressType, label: string | null, streetLine1: string, city: string, postalCode: string, countryCode: string, isDefault: boolean }>, loyalty: { pointsBalance: number, lifetimePoints: number, tier: LoyaltyTier, pointsToNextTier: number | null, transactions: Array<{ id: string, pointsChange: number, balanceAfter: number, kind: string, reason: string, createdAt: string }> }, orders: { edges: Array<{ node: { id: string, number: string, status: OrderStatus, placedAt: string, total: { amount: string, currency: string } } }> } | null, notifications: { edges: Array<{ node: { id: string, type: string, channel: NotificationChannel, status: NotificationStatus, subject: string | null, createdAt: string } }> } | null } | null };

export type SuspendCustomerMutationVariables = Exact<{
  id: string;
}>;


export type SuspendCustomerMutation = { suspendCustomer: { id: string, status: CustomerStatus } };

export type ReactivateCustomerMutationVariables = Exact<{
  id: string;
}>;


export type ReactivateCustomerMutation = { reactivateCustomer: { id: string, status: CustomerStatus } };

export type AdjustPointsMutationVariables = Exact<{
  customerId: string;
  points: number;
  reason: string;
}>;


export type AdjustPointsMutation = { adjustLoyaltyPoints: { pointsBalance: number } };

export type TodayOrdersQueryVariables = Exact<{
  from: string;
}>;


export type TodayOrdersQuery = { orders: { totalCount: number, edges: Array<{ node: { id: string, number: string, status: OrderStatus, email: string, placedAt: string, total: { amount: string, currency: string } } }> } };

export type DashboardLowStockQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardLowStockQuery = { lowStockAlerts: { edges: Array<{ node: { id: string, type: LowStockAlertType, currentQuantity: number, thresholdQuantity: number, createdAt: string | null, item: { sku: string, product: { id: string, name: string } } } }> } };

export type AcknowledgeAlertMutationVariables = Exact<{
  id: string;
}>;


export type AcknowledgeAlertMutation = { acknowledgeLowStockAlert: { id: string, acknowledged: boolean } };

export type OrderBoardSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OrderBoardSubscription = { orderEvents: { kind: OrderUpdateKind, number: string, status: OrderStatus, previousStatus: OrderStatus | null, version: number, occurredAt: string, carrier: string | null, trackingNumber: string | null, refundedAmount: { amount: string, currency: string } | null, order: { email: string, total: { amount: string, currency: string } } | null } };

export type AdminDiscountCodeQueryVariables = Exact<{
  code: string;
}>;


export type AdminDiscountCodeQuery = { discountCode: { code: string, name: string, kind: DiscountKind, value: string, minOrderAmount: string | null, startsAt: string | null, endsAt: string | null, usageLimit: number | null, timesUsed: number, isActive: boolean } | null };

export type CreateDiscountCodeMutationVariables = Exact<{
  input: DiscountCodeInput;
}>;


export type CreateDiscountCodeMutation = { createDiscountCode: { code: string, name: string, isActive: boolean } };

export type DeactivateDiscountCodeMutationVariables = Exact<{
  code: string;
}>;


export type DeactivateDiscountCodeMutation = { deactivateDiscountCode: { code: string, isActive: boolean } };

export type NotificationTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationTemplatesQuery = { notificationTemplates: Array<{ id: string, name: string, channel: NotificationChannel, locale: string, description: string | null, subject: string | null, body: string, variables: Array<string>, isActive: boolean, updatedAt: string | null }> };

export type PreviewTemplateQueryVariables = Exact<{
  input: NotificationTemplateInput;
}>;


export type PreviewTemplateQuery = { previewNotificationTemplate: { subject: string | null, html: string | null, text: string } };

export type SaveTemplateMutationVariables = Exact<{
  input: NotificationTemplateInput;
}>;


export type SaveTemplateMutation = { saveNotificationTemplate: { id: string, updatedAt: string | null } };

export type SendTestNotificationMutationVariables = Exact<{
  input: TestNotificationInput;
}>;


export type SendTestNotificationMutation = { sendTestNotification: { id: string, status: NotificationStatus } };

export type AdminNotificationsQueryVariables = Exact<{
  filter?: NotificationFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminNotificationsQuery = { notifications: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: string, channel: NotificationChannel, status: NotificationStatus, recipientEmail: string | null, recipientPhone: string | null, subject: string | null, createdAt: string, failureReason: string | null, retryCount: number, maxRetries: number } }> } };

export type NotificationDetailQueryVariables = Exact<{
  id: string;
}>;


export type NotificationDetailQuery = { notification: { id: string, subject: string | null, textContent: string | null, sentAt: string | null, deliveredAt: string | null, nextRetryAt: string | null, attempts: Array<{ attemptedAt: string, outcome: string, error: string | null }>, emailEvents: Array<{ type: string, provider: string, createdAt: string }> } | null };

export type ResendNotificationMutationVariables = Exact<{
  id: string;
}>;


export type ResendNotificationMutation = { resendNotification: { id: string, status: NotificationStatus } };

export type AdminOrdersQueryVariables = Exact<{
  filter?: OrderFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminOrdersQuery = { orders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, status: OrderStatus, email: string, placedAt: string, total: { amount: string, currency: string }, items: Array<{ quantity: number }> } }> } };

export type AdminOrderQueryVariables = Exact<{
  number: string;
}>;


export type AdminOrderQuery = { order: { id: string, number: string, status: OrderStatus, email: string, version: number, placedAt: string, updatedAt: string, source: OrderSource, notes: string | null, loyaltyPointsRedeemed: number, shippingMethod: string | null, shippingCarrier: string | null, trackingNumber: string | null, estimatedDeliveryDate: string | null, actualDeliveryDate: string | null, customer: { id: string, firstName: string, lastName: string } | null, items: Array<{ id: string, sku: string, productName: string, variantName: string | null, quantity: number, unitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string } }>, discounts: Array<{ type: DiscountType, code: string | null, name: string, amount: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, discountTotal: { amount: string, currency: string }, shippingTotal: { amount: string, currency: string }, taxTotal: { amount: string, currency: string }, total: { amount: string, currency: string }, refundedTotal: { amount: string, currency: string }, shippingAddress: { firstName: string, lastName: string, company: string | null, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string | null, postalCode: string, countryCode: string, phone: string | null }, statusHistory: Array<{ previousStatus: OrderStatus | null, status: OrderStatus, notes: string | null, changedBy: string | null, at: string }> } | null };

export type AdminOrderPaymentsQueryVariables = Exact<{
  orderId: string;
}>;


export type AdminOrderPaymentsQuery = { orderPayments: Array<{ id: string, status: PaymentStatus, createdAt: string, failureCode: string | null, failureMessage: string | null, amount: { amount: string, currency: string }, capturedAmount: { amount: string, currency: string }, refundedAmount: { amount: string, currency: string }, refundableAmount: { amount: string, currency: string }, paymentMethod: { displayName: string | null } | null, events: Array<{ id: string, type: string, reason: string | null, source: string | null, createdAt: string, amount: { amount: string, currency: string } | null }>, refunds: Array<{ id: string, reason: string | null, status: RefundStatus, createdAt: string, amount: { amount: string, currency: string } }> }> };

export type MoveOrderMutationVariables = Exact<{
  id: string;
  status: OrderStatus;
  expectedVersion: number;
  carrier?: string | null | undefined;
  trackingNumber?: string | null | undefined;
  estimatedDeliveryDate?: string | null | undefined;
  notes?: string | null | undefined;
  idempotencyKey?: string | null | undefined;
}>;


export type MoveOrderMutation = { moveOrder: { id: string, status: OrderStatus, version: number } };

export type RefundOrderMutationVariables = Exact<{
  id: string;
  amount?: string | null | undefined;
  reason: string;
  expectedVersion?: number | null | undefined;
  idempotencyKey?: string | null | undefined;
}>;


export type RefundOrderMutation = { refundOrder: { id: string, status: OrderStatus, version: number, refundedTotal: { amount: string, currency: string } } };

export type FollowOrderSubscriptionVariables = Exact<{
  number: string;
  after?: number | null | undefined;
}>;


export type FollowOrderSubscription = { orderUpdated: { kind: OrderUpdateKind, status: OrderStatus, version: number } };

export type AdminProductQueryVariables = Exact<{
  id: string;
}>;


export type AdminProductQuery = { product: { id: string, name: string, slug: string, sku: string, status: ProductStatus, version: number, description: string | null, shortDescription: string | null, productType: ProductType, updatedAt: string | null, category: { id: string, name: string }, brand: { id: string, name: string } | null, images: Array<{ id: string, url: string, altText: string | null, isPrimary: boolean, displayOrder: number, variant: { id: string, sku: string } | null }>, crossSells: Array<{ id: string, name: string, slug: string }>, upSells: Array<{ id: string, name: string, slug: string }>, relatedProducts: Array<{ id: string, name: string, slug: string }>, variants: Array<{ id: string, sku: string, name: string | null, isActive: boolean, isDefault: boolean, price: { amount: string, currency: string }, compareAtPrice: { amount: string, currency: string } | null, attributes: Array<{ name: string, value: string }> }> } | null };

export type UpdateProductMutationVariables = Exact<{
  id: string;
  expectedVersion: number;
  input: UpdateProductInput;
}>;


export type UpdateProductMutation = { updateProduct: { id: string, version: number, name: string, status: ProductStatus } };

export type ArchiveProductMutationVariables = Exact<{
  id: string;
  expectedVersion: number;
}>;


export type ArchiveProductMutation = { archiveProduct: { id: string, status: ProductStatus, version: number } };

export type AddVariantMutationVariables = Exact<{
  productId: string;
  expectedVersion: number;
  input: VariantInput;
}>;


export type AddVariantMutation = { addVariant: { id: string, sku: string } };

export type UpdateVariantMutationVariables = Exact<{
  id: string;
  expectedVersion: number;
  input: UpdateVariantInput;
}>;


export type UpdateVariantMutation = { updateVariant: { id: string, isActive: boolean, price: { amount: string, currency: string } } };

export type AddImageMutationVariables = Exact<{
  productId: string;
  input: ProductImageInput;
}>;


export type AddImageMutation = { addProductImage: { id: string } };

export type RemoveImageMutationVariables = Exact<{
  id: string;
}>;


export type RemoveImageMutation = { removeProductImage: boolean };

export type ProductBySlugQueryVariables = Exact<{
  slug: string;
}>;


export type ProductBySlugQuery = { product: { id: string, name: string } | null };

export type SetRelationMutationVariables = Exact<{
  input: ProductRelationInput;
}>;


export type SetRelationMutation = { setProductRelation: { id: string } };

export type RemoveRelationMutationVariables = Exact<{
  input: ProductRelationInput;
}>;


export type RemoveRelationMutation = { removeProductRelation: { id: string } };

export type VariantStockQueryVariables = Exact<{
  variantId: string;
}>;


export type VariantStockQuery = { inventoryItem: { id: string, quantityAvailable: number, quantityReserved: number, quantityCommitted: number, lowStockThreshold: number | null, reorderPoint: number | null, reorderQuantity: number | null, lastRestockedAt: string | null, sellable: boolean, ledger: { edges: Array<{ node: { id: string, type: InventoryTransactionType, quantityChange: number, reason: string | null, createdAt: string | null } }> } } | null };

export type KeepStockMutationVariables = Exact<{
  input: EnsureInventoryItemInput;
}>;


export type KeepStockMutation = { ensureInventoryItem: { id: string } };

export type RestockVariantMutationVariables = Exact<{
  input: RestockInput;
}>;


export type RestockVariantMutation = { restockInventory: { id: string, quantityAvailable: number } };

export type DraftVariantCountMutationVariables = Exact<{
  input: DraftStockAdjustmentInput;
}>;


export type DraftVariantCountMutation = { draftStockAdjustment: { id: string, adjustmentNumber: string } };

export type StockSettingsMutationVariables = Exact<{
  variantId: string;
  input: InventorySettingsInput;
}>;


export type StockSettingsMutation = { updateInventorySettings: { id: string, lowStockThreshold: number | null, reorderPoint: number | null, reorderQuantity: number | null } };

export type AdminProductsQueryVariables = Exact<{
  status?: ProductStatus | null | undefined;
  category?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type AdminProductsQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, sku: string, status: ProductStatus, version: number, category: { name: string }, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string }, max: { amount: string, currency: string } } | null, availability: { totalAvailable: number } } }> } };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { createProduct: { id: string, name: string, sku: string, variants: Array<{ id: string, sku: string }> } };

export type EnsureStockMutationVariables = Exact<{
  input: EnsureInventoryItemInput;
}>;


export type EnsureStockMutation = { ensureInventoryItem: { id: string, quantityAvailable: number } };

export type RestockMutationVariables = Exact<{
  input: RestockInput;
}>;


export type RestockMutation = { restockInventory: { id: string, quantityAvailable: number, lastRestockedAt: string | null, version: number } };

export type StockAlertsQueryVariables = Exact<{
  all: boolean;
  after?: string | null | undefined;
}>;


export type StockAlertsQuery = { lowStockAlerts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, type: LowStockAlertType, currentQuantity: number, thresholdQuantity: number, acknowledged: boolean, createdAt: string | null, item: { sku: string, product: { id: string, name: string } } } }> } };

export type AckStockAlertMutationVariables = Exact<{
  id: string;
}>;


export type AckStockAlertMutation = { acknowledgeLowStockAlert: { id: string, acknowledged: boolean } };

export type ReorderSuggestionsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ReorderSuggestionsQuery = { reorderSuggestions: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { quantityAvailable: number, reorderPoint: number, reorderQuantity: number, item: { sku: string, product: { id: string, name: string } } } }> } };

export type StockAdjustmentsQueryVariables = Exact<{
  status?: StockAdjustmentStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type StockAdjustmentsQuery = { stockAdjustments: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, adjustmentNumber: string, reason: string, notes: string | null, status: StockAdjustmentStatus, createdBy: string, approvedBy: string | null, approvedAt: string | null, rejectedAt: string | null, createdAt: string | null, lines: Array<{ currentQuantity: number, adjustedQuantity: number, difference: number, item: { sku: string, product: { id: string, name: string } } }> } }> } };

export type DraftAdjustmentMutationVariables = Exact<{
  input: DraftStockAdjustmentInput;
}>;


export type DraftAdjustmentMutation = { draftStockAdjustment: { id: string, adjustmentNumber: string } };

export type ApproveAdjustmentMutationVariables = Exact<{
  id: string;
}>;


export type ApproveAdjustmentMutation = { approveStockAdjustment: { id: string, status: StockAdjustmentStatus } };

export type RejectAdjustmentMutationVariables = Exact<{
  id: string;
}>;


export type RejectAdjustmentMutation = { rejectStockAdjustment: { id: string, status: StockAdjustmentStatus } };

export type ReconciliationQueryVariables = Exact<{ [key: string]: never; }>;


export type ReconciliationQuery = { inventoryReconciliation: Array<{ quantityAvailable: number, ledgerAvailable: number, quantityReserved: number, ledgerReserved: number, quantityCommitted: number, ledgerCommitted: number, reservationsActive: number, reservationsCommitted: number, item: { sku: string, product: { id: string, name: string } } }> };

export type DeadLettersQueryVariables = Exact<{ [key: string]: never; }>;


export type DeadLettersQuery = { cart: Array<{ id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string }>, customer: Array<{ id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string }>, inventory: Array<{ id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string }>, notification: Array<{ id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string }>, search: Array<{ id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string }> };

export type DeadLetterFragment = { id: string, eventId: string | null, source: string | null, type: string | null, aggregateType: string | null, aggregateId: string | null, version: number | null, error: string, attempts: number, failedAt: string, data: string };

export type ReplayCartMutationVariables = Exact<{
  id: string;
}>;


export type ReplayCartMutation = { result: { outcome: EventReplayOutcome, error: string | null } };

export type ReplayCustomerMutationVariables = Exact<{
  id: string;
}>;


export type ReplayCustomerMutation = { result: { outcome: EventReplayOutcome, error: string | null } };

export type ReplayInventoryMutationVariables = Exact<{
  id: string;
}>;


export type ReplayInventoryMutation = { result: { outcome: EventReplayOutcome, error: string | null } };

export type ReplayNotificationMutationVariables = Exact<{
  id: string;
}>;


export type ReplayNotificationMutation = { result: { outcome: EventReplayOutcome, error: string | null } };

export type ReplaySearchMutationVariables = Exact<{
  id: string;
}>;


export type ReplaySearchMutation = { result: { outcome: EventReplayOutcome, error: string | null } };

export type DiscardCartMutationVariables = Exact<{
  id: string;
}>;


export type DiscardCartMutation = { result: boolean };

export type DiscardCustomerMutationVariables = Exact<{
  id: string;
}>;


export type DiscardCustomerMutation = { result: boolean };

export type DiscardInventoryMutationVariables = Exact<{
  id: string;
}>;


export type DiscardInventoryMutation = { result: boolean };

export type DiscardNotificationMutationVariables = Exact<{
  id: string;
}>;


export type DiscardNotificationMutation = { result: boolean };

export type DiscardSearchMutationVariables = Exact<{
  id: string;
}>;


export type DiscardSearchMutation = { result: boolean };

export type RebuildSearchIndexMutationVariables = Exact<{
  fromCatalog?: boolean | null | undefined;
}>;


export type RebuildSearchIndexMutation = { rebuildSearchIndex: { indexed: number, index: string, backend: string, fromCatalog: boolean, tookMs: number } };

export type CatalogChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogChoicesQuery = { categories: Array<{ id: string, name: string, slug: string, children: Array<{ id: string, name: string, slug: string, children: Array<{ id: string, name: string, slug: string }> }> }>, brands: Array<{ id: string, name: string, slug: string, isActive: boolean }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DeadLetterFragmentDoc = new TypedDocumentString(`
    fragment DeadLetter on EventDeadLetter {
  id
  eventId
  source
  type
  aggregateType
  aggregateId
  version
  error
  attempts
  failedAt
  data
}
    `, {"fragmentName":"DeadLetter"}) as unknown as TypedDocumentString<DeadLetterFragment, unknown>;
export const CategoryTreeDocument = new TypedDocumentString(`
    query CategoryTree {
  categories {
    id
    name
    slug
    isActive
    displayOrder
    children {
      id
      name
      slug
      isActive
      displayOrder
      children {
        id
        name
        slug
        isActive
        displayOrder
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CategoryTreeQuery, CategoryTreeQueryVariables>;
export const CreateCategoryDocument = new TypedDocumentString(`
    mutation CreateCategory($input: CreateCategoryInput!) {
  createCategory(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateCategoryMutation, CreateCategoryMutationVariables>;
export const UpdateCategoryDocument = new TypedDocumentString(`
    mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) {
  updateCategory(id: $id, input: $input) {
    id
    name
    isActive
  }
}
    `) as unknown as TypedDocumentString<UpdateCategoryMutation, UpdateCategoryMutationVariables>;
export const AdminBrandsDocument = new TypedDocumentString(`
    query AdminBrands {
  brands {
    id
    name
    slug
    description
    websiteUrl
    isActive
  }
}
    `) as unknown as TypedDocumentString<AdminBrandsQuery, AdminBrandsQueryVariables>;
export const CreateBrandDocument = new TypedDocumentString(`
    mutation CreateBrand($input: CreateBrandInput!) {
  createBrand(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateBrandMutation, CreateBrandMutationVariables>;
export const UpdateBrandDocument = new TypedDocumentString(`
    mutation UpdateBrand($id: ID!, $input: UpdateBrandInput!) {
  updateBrand(id: $id, input: $input) {
    id
    isActive
  }
}
    `) as unknown as TypedDocumentString<UpdateBrandMutation, UpdateBrandMutationVariables>;
export const AdminAttributesDocument = new TypedDocumentString(`
    query AdminAttributes {
  productAttributes {
    id
    name
    displayName
    type
    filterable
    searchable
    values {
      id
      value
      displayValue
    }
  }
}
    `) as unknown as TypedDocumentString<AdminAttributesQuery, AdminAttributesQueryVariables>;
export const CreateAttributeDocument = new TypedDocumentString(`
    mutation CreateAttribute($input: CreateProductAttributeInput!) {
  createProductAttribute(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateAttributeMutation, CreateAttributeMutationVariables>;
export const AddAttributeValueDocument = new TypedDocumentString(`
    mutation AddAttributeValue($attributeId: ID!, $input: AttributeValueInput!) {
  addProductAttributeValue(attributeId: $attributeId, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddAttributeValueMutation, AddAttributeValueMutationVariables>;
export const PendingReviewsDocument = new TypedDocumentString(`
    query PendingReviews($after: String) {
  pendingReviews(first: 20, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        rating
        title
        content
        verifiedPurchase
        createdAt
        product {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PendingReviewsQuery, PendingReviewsQueryVariables>;
export const ApproveReviewDocument = new TypedDocumentString(`
    mutation ApproveReview($id: ID!) {
  approveReview(id: $id) {
    id
    approved
  }
}
    `) as unknown as TypedDocumentString<ApproveReviewMutation, ApproveReviewMutationVariables>;
export const RejectReviewDocument = new TypedDocumentString(`
    mutation RejectReview($id: ID!) {
  rejectReview(id: $id) {
    id
    approved
  }
}
    `) as unknown as TypedDocumentString<RejectReviewMutation, RejectReviewMutationVariables>;
export const AdminCustomersDocument = new TypedDocumentString(`
    query AdminCustomers($filter: CustomerFilter, $after: String) {
  customers(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        email
        firstName
        lastName
        status
        tier
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminCustomersQuery, AdminCustomersQueryVariables>;
export const AdminCustomerDocument = new TypedDocumentString(`
    query AdminCustomer($id: ID!) {
  customer(id: $id) {
    id
    email
    firstName
    lastName
    phone
    status
    tier
    roles
    createdAt
    addresses {
      id
      type
      label
      streetLine1
      city
      postalCode
      countryCode
      isDefault
    }
    loyalty {
      pointsBalance
      lifetimePoints
      tier
      pointsToNextTier
      transactions(first: 20) {
        id
        pointsChange
        balanceAfter
        kind
        reason
        createdAt
      }
    }
    orders(first: 10) {
      edges {
        node {
          id
          number
          status
          placedAt
          total {
            amount
            currency
          }
        }
      }
    }
    notifications(first: 10) {
      edges {
        node {
          id
          type
          channel
          status
          subject
          createdAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminCustomerQuery, AdminCustomerQueryVariables>;
export const SuspendCustomerDocument = new TypedDocumentString(`
    mutation SuspendCustomer($id: ID!) {
  suspendCustomer(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SuspendCustomerMutation, SuspendCustomerMutationVariables>;
export const ReactivateCustomerDocument = new TypedDocumentString(`
    mutation ReactivateCustomer($id: ID!) {
  reactivateCustomer(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReactivateCustomerMutation, ReactivateCustomerMutationVariables>;
export const AdjustPointsDocument = new TypedDocumentString(`
    mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {
  adjustLoyaltyPoints(customerId: $customerId, points: $points, reason: $reason) {
    pointsBalance
  }
}
    `) as unknown as TypedDocumentString<AdjustPointsMutation, AdjustPointsMutationVariables>;
export const TodayOrdersDocument = new TypedDocumentString(`
    query TodayOrders($from: String!) {
  orders(filter: {placedFrom: $from}, first: 100) {
    totalCount
    edges {
      node {
        id
        number
        status
        email
        placedAt
        total {
          amount
          currency
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TodayOrdersQuery, TodayOrdersQueryVariables>;
export const DashboardLowStockDocument = new TypedDocumentString(`
    query DashboardLowStock {
  lowStockAlerts(first: 10) {
    edges {
      node {
        id
        type
        currentQuantity
        thresholdQuantity
        createdAt
        item {
          sku
          product {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardLowStockQuery, DashboardLowStockQueryVariables>;
export const AcknowledgeAlertDocument = new TypedDocumentString(`
    mutation AcknowledgeAlert($id: ID!) {
  acknowledgeLowStockAlert(id: $id) {
    id
    acknowledged
  }
}
    `) as unknown as TypedDocumentString<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const OrderBoardDocument = new TypedDocumentString(`
    subscription OrderBoard {
  orderEvents {
    kind
    number
    status
    previousStatus
    version
    occurredAt
    carrier
    trackingNumber
    refundedAmount {
      amount
      currency
    }
    order {
      email
      total {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OrderBoardSubscription, OrderBoardSubscriptionVariables>;
export const AdminDiscountCodeDocument = new TypedDocumentString(`
    query AdminDiscountCode($code: String!) {
  discountCode(code: $code) {
    code
    name
    kind
    value
    minOrderAmount
    startsAt
    endsAt
    usageLimit
    timesUsed
    isActive
  }
}
    `) as unknown as TypedDocumentString<AdminDiscountCodeQuery, AdminDiscountCodeQueryVariables>;
export const CreateDiscountCodeDocument = new TypedDocumentString(`
    mutation CreateDiscountCode($input: DiscountCodeInput!) {
  createDiscountCode(input: $input) {
    code
    name
    isActive
  }
}
    `) as unknown as TypedDocumentString<CreateDiscountCodeMutation, CreateDiscountCodeMutationVariables>;
export const DeactivateDiscountCodeDocument = new TypedDocumentString(`
    mutation DeactivateDiscountCode($code: String!) {
  deactivateDiscountCode(code: $code) {
    code
    isActive
  }
}
    `) as unknown as TypedDocumentString<DeactivateDiscountCodeMutation, DeactivateDiscountCodeMutationVariables>;
export const NotificationTemplatesDocument = new TypedDocumentString(`
    query NotificationTemplates {
  notificationTemplates {
    id
    name
    channel
    locale
    description
    subject
    body
    variables
    isActive
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<NotificationTemplatesQuery, NotificationTemplatesQueryVariables>;
export const PreviewTemplateDocument = new TypedDocumentString(`
    query PreviewTemplate($input: NotificationTemplateInput!) {
  previewNotificationTemplate(input: $input) {
    subject
    html
    text
  }
}
    `) as unknown as TypedDocumentString<PreviewTemplateQuery, PreviewTemplateQueryVariables>;
export const SaveTemplateDocument = new TypedDocumentString(`
    mutation SaveTemplate($input: NotificationTemplateInput!) {
  saveNotificationTemplate(input: $input) {
    id
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<SaveTemplateMutation, SaveTemplateMutationVariables>;
export const SendTestNotificationDocument = new TypedDocumentString(`
    mutation SendTestNotification($input: TestNotificationInput!) {
  sendTestNotification(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SendTestNotificationMutation, SendTestNotificationMutationVariables>;
export const AdminNotificationsDocument = new TypedDocumentString(`
    query AdminNotifications($filter: NotificationFilter, $after: String) {
  notifications(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        type
        channel
        status
        recipientEmail
        recipientPhone
        subject
        createdAt
        failureReason
        retryCount
        maxRetries
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminNotificationsQuery, AdminNotificationsQueryVariables>;
export const NotificationDetailDocument = new TypedDocumentString(`
    query NotificationDetail($id: ID!) {
  notification(id: $id) {
    id
    subject
    textContent
    sentAt
    deliveredAt
    nextRetryAt
    attempts {
      attemptedAt
      outcome
      error
    }
    emailEvents {
      type
      provider
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<NotificationDetailQuery, NotificationDetailQueryVariables>;
export const ResendNotificationDocument = new TypedDocumentString(`
    mutation ResendNotification($id: ID!) {
  resendNotification(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ResendNotificationMutation, ResendNotificationMutationVariables>;
export const AdminOrdersDocument = new TypedDocumentString(`
    query AdminOrders($filter: OrderFilter, $after: String) {
  orders(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        number
        status
        email
        placedAt
        total {
          amount
          currency
        }
        items {
          quantity
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminOrdersQuery, AdminOrdersQueryVariables>;
export const AdminOrderDocument = new TypedDocumentString(`
    query AdminOrder($number: String!) {
  order(number: $number) {
    id
    number
    status
    email
    version
    placedAt
    updatedAt
    source
    notes
    customer {
      id
      firstName
      lastName
    }
    items {
      id
      sku
      productName
      variantName
      quantity
      unitPrice {
        amount
        currency
      }
      lineTotal {
        amount
        currency
      }
    }
    discounts {
      type
      code
      name
      amount {
        amount
        currency
      }
    }
    subtotal {
      amount
      currency
    }
    discountTotal {
      amount
      currency
    }
    shippingTotal {
      amount
      currency
    }
    taxTotal {
      amount
      currency
    }
    total {
      amount
      currency
    }
    refundedTotal {
      amount
      currency
    }
    loyaltyPointsRedeemed
    shippingAddress {
      firstName
      lastName
      company
      streetLine1
      streetLine2
      city
      stateProvince
      postalCode
      countryCode
      phone
    }
    shippingMethod
    shippingCarrier
    trackingNumber
    estimatedDeliveryDate
    actualDeliveryDate
    statusHistory {
      previousStatus
      status
      notes
      changedBy
      at
    }
  }
}
    `) as unknown as TypedDocumentString<AdminOrderQuery, AdminOrderQueryVariables>;
export const AdminOrderPaymentsDocument = new TypedDocumentString(`
    query AdminOrderPayments($orderId: ID!) {
  orderPayments(orderId: $orderId) {
    id
    status
    createdAt
    failureCode
    failureMessage
    amount {
      amount
      currency
    }
    capturedAmount {
      amount
      currency
    }
    refundedAmount {
      amount
      currency
    }
    refundableAmount {
      amount
      currency
    }
    paymentMethod {
      displayName
    }
    events {
      id
      type
      amount {
        amount
        currency
      }
      reason
      source
      createdAt
    }
    refunds {
      id
      amount {
        amount
        currency
      }
      reason
      status
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<AdminOrderPaymentsQuery, AdminOrderPaymentsQueryVariables>;
export const MoveOrderDocument = new TypedDocumentString(`
    mutation MoveOrder($id: ID!, $status: OrderStatus!, $expectedVersion: Int!, $carrier: String, $trackingNumber: String, $estimatedDeliveryDate: String, $notes: String, $idempotencyKey: String) {
  moveOrder(
    id: $id
    status: $status
    expectedVersion: $expectedVersion
    carrier: $carrier
    trackingNumber: $trackingNumber
    estimatedDeliveryDate: $estimatedDeliveryDate
    notes: $notes
    idempotencyKey: $idempotencyKey
  ) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<MoveOrderMutation, MoveOrderMutationVariables>;
export const RefundOrderDocument = new TypedDocumentString(`
    mutation RefundOrder($id: ID!, $amount: String, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {
  refundOrder(
    id: $id
    amount: $amount
    reason: $reason
    expectedVersion: $expectedVersion
    idempotencyKey: $idempotencyKey
  ) {
    id
    status
    version
    refundedTotal {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<RefundOrderMutation, RefundOrderMutationVariables>;
export const FollowOrderDocument = new TypedDocumentString(`
    subscription FollowOrder($number: String!, $after: Int) {
  orderUpdated(number: $number, afterVersion: $after) {
    kind
    status
    version
  }
}
    `) as unknown as TypedDocumentString<FollowOrderSubscription, FollowOrderSubscriptionVariables>;
export const AdminProductDocument = new TypedDocumentString(`
    query AdminProduct($id: ID!) {
  product(id: $id) {
    id
    name
    slug
    sku
    status
    version
    description
    shortDescription
    productType
    updatedAt
    category {
      id
      name
    }
    brand {
      id
      name
    }
    images {
      id
      url
      altText
      isPrimary
      displayOrder
      variant {
        id
        sku
      }
    }
    crossSells {
      id
      name
      slug
    }
    upSells {
      id
      name
      slug
    }
    relatedProducts {
      id
      name
      slug
    }
    variants(includeInactive: true) {
      id
      sku
      name
      isActive
      isDefault
      price {
        amount
        currency
      }
      compareAtPrice {
        amount
        currency
      }
      attributes {
        name
        value
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminProductQuery, AdminProductQueryVariables>;
export const UpdateProductDocument = new TypedDocumentString(`
    mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {
  updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {
    id
    version
    name
    status
  }
}
    `) as unknown as TypedDocumentString<UpdateProductMutation, UpdateProductMutationVariables>;
export const ArchiveProductDocument = new TypedDocumentString(`
    mutation ArchiveProduct($id: ID!, $expectedVersion: Int!) {
  archiveProduct(id: $id, expectedVersion: $expectedVersion) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<ArchiveProductMutation, ArchiveProductMutationVariables>;
export const AddVariantDocument = new TypedDocumentString(`
    mutation AddVariant($productId: ID!, $expectedVersion: Int!, $input: VariantInput!) {
  addVariant(
    productId: $productId
    expectedVersion: $expectedVersion
    input: $input
  ) {
    id
    sku
  }
}
    `) as unknown as TypedDocumentString<AddVariantMutation, AddVariantMutationVariables>;
export const UpdateVariantDocument = new TypedDocumentString(`
    mutation UpdateVariant($id: ID!, $expectedVersion: Int!, $input: UpdateVariantInput!) {
  updateVariant(id: $id, expectedVersion: $expectedVersion, input: $input) {
    id
    isActive
    price {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateVariantMutation, UpdateVariantMutationVariables>;
export const AddImageDocument = new TypedDocumentString(`
    mutation AddImage($productId: ID!, $input: ProductImageInput!) {
  addProductImage(productId: $productId, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddImageMutation, AddImageMutationVariables>;
export const RemoveImageDocument = new TypedDocumentString(`
    mutation RemoveImage($id: ID!) {
  removeProductImage(id: $id)
}
    `) as unknown as TypedDocumentString<RemoveImageMutation, RemoveImageMutationVariables>;
export const ProductBySlugDocument = new TypedDocumentString(`
    query ProductBySlug($slug: String!) {
  product(slug: $slug) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ProductBySlugQuery, ProductBySlugQueryVariables>;
export const SetRelationDocument = new TypedDocumentString(`
    mutation SetRelation($input: ProductRelationInput!) {
  setProductRelation(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetRelationMutation, SetRelationMutationVariables>;
export const RemoveRelationDocument = new TypedDocumentString(`
    mutation RemoveRelation($input: ProductRelationInput!) {
  removeProductRelation(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoveRelationMutation, RemoveRelationMutationVariables>;
export const VariantStockDocument = new TypedDocumentString(`
    query VariantStock($variantId: ID!) {
  inventoryItem(variantId: $variantId) {
    id
    quantityAvailable
    quantityReserved
    quantityCommitted
    lowStockThreshold
    reorderPoint
    reorderQuantity
    lastRestockedAt
    sellable
    ledger(first: 5) {
      edges {
        node {
          id
          type
          quantityChange
          reason
          createdAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VariantStockQuery, VariantStockQueryVariables>;
export const KeepStockDocument = new TypedDocumentString(`
    mutation KeepStock($input: EnsureInventoryItemInput!) {
  ensureInventoryItem(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<KeepStockMutation, KeepStockMutationVariables>;
export const RestockVariantDocument = new TypedDocumentString(`
    mutation RestockVariant($input: RestockInput!) {
  restockInventory(input: $input) {
    id
    quantityAvailable
  }
}
    `) as unknown as TypedDocumentString<RestockVariantMutation, RestockVariantMutationVariables>;
export const DraftVariantCountDocument = new TypedDocumentString(`
    mutation DraftVariantCount($input: DraftStockAdjustmentInput!) {
  draftStockAdjustment(input: $input) {
    id
    adjustmentNumber
  }
}
    `) as unknown as TypedDocumentString<DraftVariantCountMutation, DraftVariantCountMutationVariables>;
export const StockSettingsDocument = new TypedDocumentString(`
    mutation StockSettings($variantId: ID!, $input: InventorySettingsInput!) {
  updateInventorySettings(variantId: $variantId, input: $input) {
    id
    lowStockThreshold
    reorderPoint
    reorderQuantity
  }
}
    `) as unknown as TypedDocumentString<StockSettingsMutation, StockSettingsMutationVariables>;
export const AdminProductsDocument = new TypedDocumentString(`
    query AdminProducts($status: ProductStatus, $category: String, $after: String) {
  products(
    filter: {status: $status, categorySlug: $category}
    first: 25
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        sku
        status
        version
        category {
          name
        }
        brand {
          name
        }
        priceRange {
          min {
            amount
            currency
          }
          max {
            amount
            currency
          }
        }
        availability {
          totalAvailable
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminProductsQuery, AdminProductsQueryVariables>;
export const CreateProductDocument = new TypedDocumentString(`
    mutation CreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) {
    id
    name
    sku
    variants {
      id
      sku
    }
  }
}
    `) as unknown as TypedDocumentString<CreateProductMutation, CreateProductMutationVariables>;
export const EnsureStockDocument = new TypedDocumentString(`
    mutation EnsureStock($input: EnsureInventoryItemInput!) {
  ensureInventoryItem(input: $input) {
    id
    quantityAvailable
  }
}
    `) as unknown as TypedDocumentString<EnsureStockMutation, EnsureStockMutationVariables>;
export const RestockDocument = new TypedDocumentString(`
    mutation Restock($input: RestockInput!) {
  restockInventory(input: $input) {
    id
    quantityAvailable
    lastRestockedAt
    version
  }
}
    `) as unknown as TypedDocumentString<RestockMutation, RestockMutationVariables>;
export const StockAlertsDocument = new TypedDocumentString(`
    query StockAlerts($all: Boolean!, $after: String) {
  lowStockAlerts(unacknowledgedOnly: $all, first: 25, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        type
        currentQuantity
        thresholdQuantity
        acknowledged
        createdAt
        item {
          sku
          product {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StockAlertsQuery, StockAlertsQueryVariables>;
export const AckStockAlertDocument = new TypedDocumentString(`
    mutation AckStockAlert($id: ID!) {
  acknowledgeLowStockAlert(id: $id) {
    id
    acknowledged
  }
}
    `) as unknown as TypedDocumentString<AckStockAlertMutation, AckStockAlertMutationVariables>;
export const ReorderSuggestionsDocument = new TypedDocumentString(`
    query ReorderSuggestions($after: String) {
  reorderSuggestions(first: 25, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        quantityAvailable
        reorderPoint
        reorderQuantity
        item {
          sku
          product {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReorderSuggestionsQuery, ReorderSuggestionsQueryVariables>;
export const StockAdjustmentsDocument = new TypedDocumentString(`
    query StockAdjustments($status: StockAdjustmentStatus, $after: String) {
  stockAdjustments(status: $status, first: 20, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        adjustmentNumber
        reason
        notes
        status
        createdBy
        approvedBy
        approvedAt
        rejectedAt
        createdAt
        lines {
          currentQuantity
          adjustedQuantity
          difference
          item {
            sku
            product {
              id
              name
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StockAdjustmentsQuery, StockAdjustmentsQueryVariables>;
export const DraftAdjustmentDocument = new TypedDocumentString(`
    mutation DraftAdjustment($input: DraftStockAdjustmentInput!) {
  draftStockAdjustment(input: $input) {
    id
    adjustmentNumber
  }
}
    `) as unknown as TypedDocumentString<DraftAdjustmentMutation, DraftAdjustmentMutationVariables>;
export const ApproveAdjustmentDocument = new TypedDocumentString(`
    mutation ApproveAdjustment($id: ID!) {
  approveStockAdjustment(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ApproveAdjustmentMutation, ApproveAdjustmentMutationVariables>;
export const RejectAdjustmentDocument = new TypedDocumentString(`
    mutation RejectAdjustment($id: ID!) {
  rejectStockAdjustment(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RejectAdjustmentMutation, RejectAdjustmentMutationVariables>;
export const ReconciliationDocument = new TypedDocumentString(`
    query Reconciliation {
  inventoryReconciliation(first: 100) {
    quantityAvailable
    ledgerAvailable
    quantityReserved
    ledgerReserved
    quantityCommitted
    ledgerCommitted
    reservationsActive
    reservationsCommitted
    item {
      sku
      product {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReconciliationQuery, ReconciliationQueryVariables>;
export const DeadLettersDocument = new TypedDocumentString(`
    query DeadLetters {
  cart: cartEventDeadLetters(first: 50) {
    ...DeadLetter
  }
  customer: customerEventDeadLetters(first: 50) {
    ...DeadLetter
  }
  inventory: inventoryEventDeadLetters(first: 50) {
    ...DeadLetter
  }
  notification: notificationEventDeadLetters(first: 50) {
    ...DeadLetter
  }
  search: searchEventDeadLetters(first: 50) {
    ...DeadLetter
  }
}
    fragment DeadLetter on EventDeadLetter {
  id
  eventId
  source
  type
  aggregateType
  aggregateId
  version
  error
  attempts
  failedAt
  data
}`) as unknown as TypedDocumentString<DeadLettersQuery, DeadLettersQueryVariables>;
export const ReplayCartDocument = new TypedDocumentString(`
    mutation ReplayCart($id: ID!) {
  result: replayCartEventDeadLetter(id: $id) {
    outcome
    error
  }
}
    `) as unknown as TypedDocumentString<ReplayCartMutation, ReplayCartMutationVariables>;
export const ReplayCustomerDocument = new TypedDocumentString(`
    mutation ReplayCustomer($id: ID!) {
  result: replayCustomerEventDeadLetter(id: $id) {
    outcome
    error
  }
}
    `) as unknown as TypedDocumentString<ReplayCustomerMutation, ReplayCustomerMutationVariables>;
export const ReplayInventoryDocument = new TypedDocumentString(`
    mutation ReplayInventory($id: ID!) {
  result: replayInventoryEventDeadLetter(id: $id) {
    outcome
    error
  }
}
    `) as unknown as TypedDocumentString<ReplayInventoryMutation, ReplayInventoryMutationVariables>;
export const ReplayNotificationDocument = new TypedDocumentString(`
    mutation ReplayNotification($id: ID!) {
  result: replayNotificationEventDeadLetter(id: $id) {
    outcome
    error
  }
}
    `) as unknown as TypedDocumentString<ReplayNotificationMutation, ReplayNotificationMutationVariables>;
export const ReplaySearchDocument = new TypedDocumentString(`
    mutation ReplaySearch($id: ID!) {
  result: replaySearchEventDeadLetter(id: $id) {
    outcome
    error
  }
}
    `) as unknown as TypedDocumentString<ReplaySearchMutation, ReplaySearchMutationVariables>;
export const DiscardCartDocument = new TypedDocumentString(`
    mutation DiscardCart($id: ID!) {
  result: discardCartEventDeadLetter(id: $id)
}
    `) as unknown as TypedDocumentString<DiscardCartMutation, DiscardCartMutationVariables>;
export const DiscardCustomerDocument = new TypedDocumentString(`
    mutation DiscardCustomer($id: ID!) {
  result: discardCustomerEventDeadLetter(id: $id)
}
    `) as unknown as TypedDocumentString<DiscardCustomerMutation, DiscardCustomerMutationVariables>;
export const DiscardInventoryDocument = new TypedDocumentString(`
    mutation DiscardInventory($id: ID!) {
  result: discardInventoryEventDeadLetter(id: $id)
}
    `) as unknown as TypedDocumentString<DiscardInventoryMutation, DiscardInventoryMutationVariables>;
export const DiscardNotificationDocument = new TypedDocumentString(`
    mutation DiscardNotification($id: ID!) {
  result: discardNotificationEventDeadLetter(id: $id)
}
    `) as unknown as TypedDocumentString<DiscardNotificationMutation, DiscardNotificationMutationVariables>;
export const DiscardSearchDocument = new TypedDocumentString(`
    mutation DiscardSearch($id: ID!) {
  result: discardSearchEventDeadLetter(id: $id)
}
    `) as unknown as TypedDocumentString<DiscardSearchMutation, DiscardSearchMutationVariables>;
export const RebuildSearchIndexDocument = new TypedDocumentString(`
    mutation RebuildSearchIndex($fromCatalog: Boolean) {
  rebuildSearchIndex(fromCatalog: $fromCatalog) {
    indexed
    index
    backend
    fromCatalog
    tookMs
  }
}
    `) as unknown as TypedDocumentString<RebuildSearchIndexMutation, RebuildSearchIndexMutationVariables>;
export const CatalogChoicesDocument = new TypedDocumentString(`
    query CatalogChoices {
  categories {
    id
    name
    slug
    children {
      id
      name
      slug
      children {
        id
        name
        slug
      }
    }
  }
  brands {
    id
    name
    slug
    isActive
  }
}
    `) as unknown as TypedDocumentString<CatalogChoicesQuery, CatalogChoicesQueryVariables>;