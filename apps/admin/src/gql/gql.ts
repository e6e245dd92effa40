/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CategoryTree {\n    categories {\n      id name slug isActive displayOrder\n      children { id name slug isActive displayOrder children { id name slug isActive displayOrder } }\n    }\n  }\n": typeof types.CategoryTreeDocument,
    "mutation CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }": typeof types.CreateCategoryDocument,
    "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name isActive } }\n": typeof types.UpdateCategoryDocument,
    "query AdminBrands { brands { id name slug description websiteUrl isActive } }": typeof types.AdminBrandsDocument,
    "mutation CreateBrand($input: CreateBrandInput!) { createBrand(input: $input) { id } }": typeof types.CreateBrandDocument,
    "mutation UpdateBrand($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { id isActive } }": typeof types.UpdateBrandDocument,
    "\n  query AdminAttributes { productAttributes { id name displayName type filterable searchable values { id value displayValue } } }\n": typeof types.AdminAttributesDocument,
    "\n  mutation CreateAttribute($input: CreateProductAttributeInput!) { createProductAttribute(input: $input) { id } }\n": typeof types.CreateAttributeDocument,
    "\n  mutation AddAttributeValue($attributeId: ID!, $input: AttributeValueInput!) { addProductAttributeValue(attributeId: $attributeId, input: $input) { id } }\n": typeof types.AddAttributeValueDocument,
    "\n  query PendingReviews($after: String) {\n    pendingReviews(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id rating title content verifiedPurchase createdAt product { id name } } }\n    }\n  }\n": typeof types.PendingReviewsDocument,
    "mutation ApproveReview($id: ID!) { approveReview(id: $id) { id approved } }": typeof types.ApproveReviewDocument,
    "mutation RejectReview($id: ID!) { rejectReview(id: $id) { id approved } }": typeof types.RejectReviewDocument,
    "\n  query AdminCustomers($filter: CustomerFilter, $after: String) {\n    customers(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id email firstName lastName status tier createdAt } }\n    }\n  }\n": typeof types.AdminCustomersDocument,
    "\n  query AdminCustomer($id: ID!) {\n    customer(id: $id) {\n      id email firstName lastName phone status tier roles createdAt\n      addresses { id type label streetLine1 city postalCode countryCode isDefault }\n      loyalty { pointsBalance lifetimePoints tier pointsToNextTier transactions(first: 20) { id pointsChange balanceAfter kind reason createdAt } }\n      orders(first: 10) { edges { node { id number status placedAt total { amount currency } } } }\n      notifications(first: 10) { edges { node { id type channel status subject createdAt } } }\n    }\n  }\n": typeof types.AdminCustomerDocument,
    "mutation SuspendCustomer($id: ID!) { suspendCustomer(id: $id) { id status } }": typeof types.SuspendCustomerDocument,
    "mutation ReactivateCustomer($id: ID!) { reactivateCustomer(id: $id) { id status } }": typeof types.ReactivateCustomerDocument,
    "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustLoyaltyPoints(customerId: $customerId, points: $points, reason: $reason) { pointsBalance }\n  }\n": typeof types.AdjustPointsDocument,
    "\n  query TodayOrders($from: String!) {\n    orders(filter: { placedFrom: $from }, first: 100) {\n      totalCount\n      edges { node { id number status email placedAt total { amount currency } } }\n    }\n  }\n": typeof types.TodayOrdersDocument,
    "\n  query DashboardLowStock {\n    lowStockAlerts(first: 10) {\n      edges { node { id type currentQuantity thresholdQuantity createdAt item { sku product { id name } } } }\n    }\n  }\n": typeof types.DashboardLowStockDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }\n": typeof types.AcknowledgeAlertDocument,
    "\n  subscription OrderBoard {\n    orderEvents {\n      kind number status previousStatus version occurredAt carrier trackingNumber\n      refundedAmount { amount currency }\n      order { email total { amount currency } }\n    }\n  }\n": typeof types.OrderBoardDocument,
    "\n  query AdminDiscountCode($code: String!) {\n    discountCode(code: $code) { code name kind value minOrderAmount startsAt endsAt usageLimit timesUsed isActive }\n  }\n": typeof types.AdminDiscountCodeDocument,
    "\n  mutation CreateDiscountCode($input: DiscountCodeInput!) { createDiscountCode(input: $input) { code name isActive } }\n": typeof types.CreateDiscountCodeDocument,
    "mutation DeactivateDiscountCode($code: String!) { deactivateDiscountCode(code: $code) { code isActive } }": typeof types.DeactivateDiscountCodeDocument,
    "\n  query NotificationTemplates {\n    notificationTemplates { id name channel locale description subject body variables isActive updatedAt }\n  }\n": typeof types.NotificationTemplatesDocument,
    "\n  query PreviewTemplate($input: NotificationTemplateInput!) { previewNotificationTemplate(input: $input) { subject html text } }\n": typeof types.PreviewTemplateDocument,
    "mutation SaveTemplate($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id updatedAt } }": typeof types.SaveTemplateDocument,
    "mutation SendTestNotification($input: TestNotificationInput!) { sendTestNotification(input: $input) { id status } }": typeof types.SendTestNotificationDocument,
    "\n  query AdminNotifications($filter: NotificationFilter, $after: String) {\n    notifications(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type channel status recipientEmail recipientPhone subject createdAt failureReason retryCount maxRetries } }\n    }\n  }\n": typeof types.AdminNotificationsDocument,
    "\n  query NotificationDetail($id: ID!) {\n    notification(id: $id) {\n      id subject textContent sentAt deliveredAt nextRetryAt\n      attempts { attemptedAt outcome error }\n      emailEvents { type provider createdAt }\n    }\n  }\n": typeof types.NotificationDetailDocument,
    "mutation ResendNotification($id: ID!) { resendNotification(id: $id) { id status } }": typeof types.ResendNotificationDocument,
    "\n  query AdminOrders($filter: OrderFilter, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id number status email placedAt total { amount currency } items { quantity } } }\n    }\n  }\n": typeof types.AdminOrdersDocument,
    "\n  query AdminOrder($number: String!) {\n    order(number: $number) {\n      id number status email version placedAt updatedAt source notes\n      customer { id firstName lastName }\n      items { id sku productName variantName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      discounts { type code name amount { amount currency } }\n      subtotal { amount currency } discountTotal { amount currency } shippingTotal { amount currency } taxTotal { amount currency }\n      total { amount currency } refundedTotal { amount currency }\n      loyaltyPointsRedeemed\n      shippingAddress { firstName lastName company streetLine1 streetLine2 city stateProvince postalCode countryCode phone }\n      shippingMethod shippingCarrier trackingNumber estimatedDeliveryDate actualDeliveryDate\n      statusHistory { previousStatus status notes changedBy at }\n    }\n  }\n": typeof types.AdminOrderDocument,
    "\n  query AdminOrderPayments($orderId: ID!) {\n    orderPayments(orderId: $orderId) {\n      id status createdAt failureCode failureMessage\n      amount { amount currency } capturedAmount { amount currency } refundedAmount { amount currency } refundableAmount { amount currency }\n      paymentMethod { displayName }\n      events { id type amount { amount currency } reason source createdAt }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n  }\n": typeof types.AdminOrderPaymentsDocument,
    "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $expectedVersion: Int!, $carrier: String, $trackingNumber: String,\n    $estimatedDeliveryDate: String, $notes: String, $idempotencyKey: String) {\n    moveOrder(id: $id, status: $status, expectedVersion: $expectedVersion, carrier: $carrier, trackingNumber: $trackingNumber,\n      estimatedDeliveryDate: $estimatedDeliveryDate, notes: $notes, idempotencyKey: $idempotencyKey) { id status version }\n  }\n": typeof types.MoveOrderDocument,
    "\n  mutation RefundOrder($id: ID!, $amount: String, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {\n    refundOrder(id: $id, amount: $amount, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {\n      id status version refundedTotal { amount currency }\n    }\n  }\n": typeof types.RefundOrderDocument,
    "\n  subscription FollowOrder($number: String!, $after: Int) {\n    orderUpdated(number: $number, afterVersion: $after) { kind status version }\n  }\n": typeof types.FollowOrderDocument,
    "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      id name slug sku status version description shortDescription productType updatedAt\n      category { id name }\n      brand { id name }\n      images { id url altText isPrimary displayOrder variant { id sku } }\n      crossSells { id name slug }\n      upSells { id name slug }\n      relatedProducts { id name slug }\n      variants(includeInactive: true) {\n        id sku name isActive isDefault\n        price { amount currency }\n        compareAtPrice { amount currency }\n        attributes { name value }\n      }\n    }\n  }\n": typeof types.AdminProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { id version name status }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation ArchiveProduct($id: ID!, $expectedVersion: Int!) { archiveProduct(id: $id, expectedVersion: $expectedVersion) { id status version } }\n": typeof types.ArchiveProductDocument,
    "\n  mutation AddVariant($productId: ID!, $expectedVersion: Int!, $input: VariantInput!) {\n    addVariant(productId: $productId, expectedVersion: $expectedVersion, input: $input) { id sku }\n  }\n": typeof types.AddVariantDocument,
    "\n  mutation UpdateVariant($id: ID!, $expectedVersion: Int!, $input: UpdateVariantInput!) {\n    updateVariant(id: $id, expectedVersion: $expectedVersion, input: $input) { id isActive price { amount currency } }\n  }\n": typeof types.UpdateVariantDocument,
    "\n  mutation AddImage($productId: ID!, $input: ProductImageInput!) { addProductImage(productId: $productId, input: $input) { id } }\n": typeof types.AddImageDocument,
    "mutation RemoveImage($id: ID!) { removeProductImage(id: $id) }": typeof types.RemoveImageDocument,
    "query ProductBySlug($slug: String!) { product(slug: $slug) { id name } }": typeof types.ProductBySlugDocument,
    "mutation SetRelation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }": typeof types.SetRelationDocument,
    "mutation RemoveRelation($input: ProductRelationInput!) { removeProductRelation(input: $input) { id } }": typeof types.RemoveRelationDocument,
    "\n  query VariantStock($variantId: ID!) {\n    inventoryItem(variantId: $variantId) {\n      id quantityAvailable quantityReserved quantityCommitted lowStockThreshold reorderPoint reorderQuantity lastRestockedAt sellable\n      ledger(first: 5) { edges { node { id type quantityChange reason createdAt } } }\n    }\n  }\n": typeof types.VariantStockDocument,
    "\n  mutation KeepStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }\n": typeof types.KeepStockDocument,
    "\n  mutation RestockVariant($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable } }\n": typeof types.RestockVariantDocument,
    "\n  mutation DraftVariantCount($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }\n": typeof types.DraftVariantCountDocument,
    "\n  mutation StockSettings($variantId: ID!, $input: InventorySettingsInput!) {\n    updateInventorySettings(variantId: $variantId, input: $input) { id lowStockThreshold reorderPoint reorderQuantity }\n  }\n": typeof types.StockSettingsDocument,
    "\n  query AdminProducts($status: ProductStatus, $category: String, $after: String) {\n    products(filter: { status: $status, categorySlug: $category }, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name sku status version\n          category { name }\n          brand { name }\n          priceRange { min { amount currency } max { amount currency } }\n          availability { totalAvailable }\n        }\n      }\n    }\n  }\n": typeof types.AdminProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { id name sku variants { id sku } }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation EnsureStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id quantityAvailable } }\n": typeof types.EnsureStockDocument,
    "\n  mutation Restock($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable lastRestockedAt version } }\n": typeof types.RestockDocument,
    "\n  query StockAlerts($all: Boolean!, $after: String) {\n    lowStockAlerts(unacknowledgedOnly: $all, first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type currentQuantity thresholdQuantity acknowledged createdAt item { sku product { id name } } } }\n    }\n  }\n": typeof types.StockAlertsDocument,
    "mutation AckStockAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }": typeof types.AckStockAlertDocument,
    "\n  query ReorderSuggestions($after: String) {\n    reorderSuggestions(first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { quantityAvailable reorderPoint reorderQuantity item { sku product { id name } } } }\n    }\n  }\n": typeof types.ReorderSuggestionsDocument,
    "\n  query StockAdjustments($status: StockAdjustmentStatus, $after: String) {\n    stockAdjustments(status: $status, first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id adjustmentNumber reason notes status createdBy approvedBy approvedAt rejectedAt createdAt\n          lines { currentQuantity adjustedQuantity difference item { sku product { id name } } }\n        }\n      }\n    }\n  }\n": typeof types.StockAdjustmentsDocument,
    "mutation DraftAdjustment($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }": typeof types.DraftAdjustmentDocument,
    "mutation ApproveAdjustment($id: ID!) { approveStockAdjustment(id: $id) { id status } }": typeof types.ApproveAdjustmentDocument,
    "mutation RejectAdjustment($id: ID!) { rejectStockAdjustment(id: $id) { id status } }": typeof types.RejectAdjustmentDocument,
    "\n  query Reconciliation {\n    inventoryReconciliation(first: 100) {\n      quantityAvailable ledgerAvailable quantityReserved ledgerReserved quantityCommitted ledgerCommitted reservationsActive reservationsCommitted\n      item { sku product { id name } }\n    }\n  }\n": typeof types.ReconciliationDocument,
    "\n  query DeadLetters {\n    cart: cartEventDeadLetters(first: 50) { ...DeadLetter }\n    customer: customerEventDeadLetters(first: 50) { ...DeadLetter }\n    inventory: inventoryEventDeadLetters(first: 50) { ...DeadLetter }\n    notification: notificationEventDeadLetters(first: 50) { ...DeadLetter }\n    search: searchEventDeadLetters(first: 50) { ...DeadLetter }\n  }\n  fragment DeadLetter on EventDeadLetter { id eventId source type aggregateType aggregateId version error attempts failedAt data }\n": typeof types.DeadLettersDocument,
    "mutation ReplayCart($id: ID!) { result: replayCartEventDeadLetter(id: $id) { outcome error } }": typeof types.ReplayCartDocument,
    "mutation ReplayCustomer($id: ID!) { result: replayCustomerEventDeadLetter(id: $id) { outcome error } }": typeof types.ReplayCustomerDocument,
    "mutation ReplayInventory($id: ID!) { result: replayInventoryEventDeadLetter(id: $id) { outcome error } }": typeof types.ReplayInventoryDocument,
    "mutation ReplayNotification($id: ID!) { result: replayNotificationEventDeadLetter(id: $id) { outcome error } }": typeof types.ReplayNotificationDocument,
    "mutation ReplaySearch($id: ID!) { result: replaySearchEventDeadLetter(id: $id) { outcome error } }": typeof types.ReplaySearchDocument,
    "mutation DiscardCart($id: ID!) { result: discardCartEventDeadLetter(id: $id) }": typeof types.DiscardCartDocument,
    "mutation DiscardCustomer($id: ID!) { result: discardCustomerEventDeadLetter(id: $id) }": typeof types.DiscardCustomerDocument,
    "mutation DiscardInventory($id: ID!) { result: discardInventoryEventDeadLetter(id: $id) }": typeof types.DiscardInventoryDocument,
    "mutation DiscardNotification($id: ID!) { result: discardNotificationEventDeadLetter(id: $id) }": typeof types.DiscardNotificationDocument,
    "mutation DiscardSearch($id: ID!) { result: discardSearchEventDeadLetter(id: $id) }": typeof types.DiscardSearchDocument,
    "\n  mutation RebuildSearchIndex($fromCatalog: Boolean) { rebuildSearchIndex(fromCatalog: $fromCatalog) { indexed index backend fromCatalog tookMs } }\n": typeof types.RebuildSearchIndexDocument,
    "\n  query CatalogChoices {\n    categories {\n      id name slug\n      children { id name slug children { id name slug } }\n    }\n    brands { id name slug isActive }\n  }\n": typeof types.CatalogChoicesDocument,
};
const documents: Documents = {
    "\n  query CategoryTree {\n    categories {\n      id name slug isActive displayOrder\n      children { id name slug isActive displayOrder children { id name slug isActive displayOrder } }\n    }\n  }\n": types.CategoryTreeDocument,
    "mutation CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }": types.CreateCategoryDocument,
    "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name isActive } }\n": types.UpdateCategoryDocument,
    "query AdminBrands { brands { id name slug description websiteUrl isActive } }": types.AdminBrandsDocument,
    "mutation CreateBrand($input: CreateBrandInput!) { createBrand(input: $input) { id } }": types.CreateBrandDocument,
    "mutation UpdateBrand($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { id isActive } }": types.UpdateBrandDocument,
    "\n  query AdminAttributes { productAttributes { id name displayName type filterable searchable values { id value displayValue } } }\n": types.AdminAttributesDocument,
    "\n  mutation CreateAttribute($input: CreateProductAttributeInput!) { createProductAttribute(input: $input) { id } }\n": types.CreateAttributeDocument,
    "\n  mutation AddAttributeValue($attributeId: ID!, $input: AttributeValueInput!) { addProductAttributeValue(attributeId: $attributeId, input: $input) { id } }\n": types.AddAttributeValueDocument,
    "\n  query PendingReviews($after: String) {\n    pendingReviews(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id rating title content verifiedPurchase createdAt product { id name } } }\n    }\n  }\n": types.PendingReviewsDocument,
    "mutation ApproveReview($id: ID!) { approveReview(id: $id) { id approved } }": types.ApproveReviewDocument,
    "mutation RejectReview($id: ID!) { rejectReview(id: $id) { id approved } }": types.RejectReviewDocument,
    "\n  query AdminCustomers($filter: CustomerFilter, $after: String) {\n    customers(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id email firstName lastName status tier createdAt } }\n    }\n  }\n": types.AdminCustomersDocument,
    "\n  query AdminCustomer($id: ID!) {\n    customer(id: $id) {\n      id email firstName lastName phone status tier roles createdAt\n      addresses { id type label streetLine1 city postalCode countryCode isDefault }\n      loyalty { pointsBalance lifetimePoints tier pointsToNextTier transactions(first: 20) { id pointsChange balanceAfter kind reason createdAt } }\n      orders(first: 10) { edges { node { id number status placedAt total { amount currency } } } }\n      notifications(first: 10) { edges { node { id type channel status subject createdAt } } }\n    }\n  }\n": types.AdminCustomerDocument,
    "mutation SuspendCustomer($id: ID!) { suspendCustomer(id: $id) { id status } }": types.SuspendCustomerDocument,
    "mutation ReactivateCustomer($id: ID!) { reactivateCustomer(id: $id) { id status } }": types.ReactivateCustomerDocument,
    "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustLoyaltyPoints(customerId: $customerId, points: $points, reason: $reason) { pointsBalance }\n  }\n": types.AdjustPointsDocument,
    "\n  query TodayOrders($from: String!) {\n    orders(filter: { placedFrom: $from }, first: 100) {\n      totalCount\n      edges { node { id number status email placedAt total { amount currency } } }\n    }\n  }\n": types.TodayOrdersDocument,
    "\n  query DashboardLowStock {\n    lowStockAlerts(first: 10) {\n      edges { node { id type currentQuantity thresholdQuantity createdAt item { sku product { id name } } } }\n    }\n  }\n": types.DashboardLowStockDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }\n": types.AcknowledgeAlertDocument,
    "\n  subscription OrderBoard {\n    orderEvents {\n      kind number status previousStatus version occurredAt carrier trackingNumber\n      refundedAmount { amount currency }\n      order { email total { amount currency } }\n    }\n  }\n": types.OrderBoardDocument,
    "\n  query AdminDiscountCode($code: String!) {\n    discountCode(code: $code) { code name kind value minOrderAmount startsAt endsAt usageLimit timesUsed isActive }\n  }\n": types.AdminDiscountCodeDocument,
    "\n  mutation CreateDiscountCode($input: DiscountCodeInput!) { createDiscountCode(input: $input) { code name isActive } }\n": types.CreateDiscountCodeDocument,
    "mutation DeactivateDiscountCode($code: String!) { deactivateDiscountCode(code: $code) { code isActive } }": types.DeactivateDiscountCodeDocument,
    "\n  query NotificationTemplates {\n    notificationTemplates { id name channel locale description subject body variables isActive updatedAt }\n  }\n": types.NotificationTemplatesDocument,
    "\n  query PreviewTemplate($input: NotificationTemplateInput!) { previewNotificationTemplate(input: $input) { subject html text } }\n": types.PreviewTemplateDocument,
    "mutation SaveTemplate($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id updatedAt } }": types.SaveTemplateDocument,
    "mutation SendTestNotification($input: TestNotificationInput!) { sendTestNotification(input: $input) { id status } }": types.SendTestNotificationDocument,
    "\n  query AdminNotifications($filter: NotificationFilter, $after: String) {\n    notifications(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type channel status recipientEmail recipientPhone subject createdAt failureReason retryCount maxRetries } }\n    }\n  }\n": types.AdminNotificationsDocument,
    "\n  query NotificationDetail($id: ID!) {\n    notification(id: $id) {\n      id subject textContent sentAt deliveredAt nextRetryAt\n      attempts { attemptedAt outcome error }\n      emailEvents { type provider createdAt }\n    }\n  }\n": types.NotificationDetailDocument,
    "mutation ResendNotification($id: ID!) { resendNotification(id: $id) { id status } }": types.ResendNotificationDocument,
    "\n  query AdminOrders($filter: OrderFilter, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id number status email placedAt total { amount currency } items { quantity } } }\n    }\n  }\n": types.AdminOrdersDocument,
    "\n  query AdminOrder($number: String!) {\n    order(number: $number) {\n      id number status email version placedAt updatedAt source notes\n      customer { id firstName lastName }\n      items { id sku productName variantName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      discounts { type code name amount { amount currency } }\n      subtotal { amount currency } discountTotal { amount currency } shippingTotal { amount currency } taxTotal { amount currency }\n      total { amount currency } refundedTotal { amount currency }\n      loyaltyPointsRedeemed\n      shippingAddress { firstName lastName company streetLine1 streetLine2 city stateProvince postalCode countryCode phone }\n      shippingMethod shippingCarrier trackingNumber estimatedDeliveryDate actualDeliveryDate\n      statusHistory { previousStatus status notes changedBy at }\n    }\n  }\n": types.AdminOrderDocument,
    "\n  query AdminOrderPayments($orderId: ID!) {\n    orderPayments(orderId: $orderId) {\n      id status createdAt failureCode failureMessage\n      amount { amount currency } capturedAmount { amount currency } refundedAmount { amount currency } refundableAmount { amount currency }\n      paymentMethod { displayName }\n      events { id type amount { amount currency } reason source createdAt }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n  }\n": types.AdminOrderPaymentsDocument,
    "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $expectedVersion: Int!, $carrier: String, $trackingNumber: String,\n    $estimatedDeliveryDate: String, $notes: String, $idempotencyKey: String) {\n    moveOrder(id: $id, status: $status, expectedVersion: $expectedVersion, carrier: $carrier, trackingNumber: $trackingNumber,\n      estimatedDeliveryDate: $estimatedDeliveryDate, notes: $notes, idempotencyKey: $idempotencyKey) { id status version }\n  }\n": types.MoveOrderDocument,
    "\n  mutation RefundOrder($id: ID!, $amount: String, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {\n    refundOrder(id: $id, amount: $amount, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {\n      id status version refundedTotal { amount currency }\n    }\n  }\n": types.RefundOrderDocument,
    "\n  subscription FollowOrder($number: String!, $after: Int) {\n    orderUpdated(number: $number, afterVersion: $after) { kind status version }\n  }\n": types.FollowOrderDocument,
    "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      id name slug sku status version description shortDescription productType updatedAt\n      category { id name }\n      brand { id name }\n      images { id url altText isPrimary displayOrder variant { id sku } }\n      crossSells { id name slug }\n      upSells { id name slug }\n      relatedProducts { id name slug }\n      variants(includeInactive: true) {\n        id sku name isActive isDefault\n        price { amount currency }\n        compareAtPrice { amount currency }\n        attributes { name value }\n      }\n    }\n  }\n": types.AdminProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { id version name status }\n  }\n": types.UpdateProductDocument,
    "\n  mutation ArchiveProduct($id: ID!, $expectedVersion: Int!) { archiveProduct(id: $id, expectedVersion: $expectedVersion) { id status version } }\n": types.ArchiveProductDocument,
    "\n  mutation AddVariant($productId: ID!, $expectedVersion: Int!, $input: VariantInput!) {\n    addVariant(productId: $productId, expectedVersion: $expectedVersion, input: $input) { id sku }\n  }\n": types.AddVariantDocument,
    "\n  mutation UpdateVariant($id: ID!, $expectedVersion: Int!, $input: UpdateVariantInput!) {\n    updateVariant(id: $id, expectedVersion: $expectedVersion, input: $input) { id isActive price { amount currency } }\n  }\n": types.UpdateVariantDocument,
    "\n  mutation AddImage($productId: ID!, $input: ProductImageInput!) { addProductImage(productId: $productId, input: $input) { id } }\n": types.AddImageDocument,
    "mutation RemoveImage($id: ID!) { removeProductImage(id: $id) }": types.RemoveImageDocument,
    "query ProductBySlug($slug: String!) { product(slug: $slug) { id name } }": types.ProductBySlugDocument,
    "mutation SetRelation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }": types.SetRelationDocument,
    "mutation RemoveRelation($input: ProductRelationInput!) { removeProductRelation(input: $input) { id } }": types.RemoveRelationDocument,
    "\n  query VariantStock($variantId: ID!) {\n    inventoryItem(variantId: $variantId) {\n      id quantityAvailable quantityReserved quantityCommitted lowStockThreshold reorderPoint reorderQuantity lastRestockedAt sellable\n      ledger(first: 5) { edges { node { id type quantityChange reason createdAt } } }\n    }\n  }\n": types.VariantStockDocument,
    "\n  mutation KeepStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }\n": types.KeepStockDocument,
    "\n  mutation RestockVariant($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable } }\n": types.RestockVariantDocument,
    "\n  mutation DraftVariantCount($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }\n": types.DraftVariantCountDocument,
    "\n  mutation StockSettings($variantId: ID!, $input: InventorySettingsInput!) {\n    updateInventorySettings(variantId: $variantId, input: $input) { id lowStockThreshold reorderPoint reorderQuantity }\n  }\n": types.StockSettingsDocument,
    "\n  query AdminProducts($status: ProductStatus, $category: String, $after: String) {\n    products(filter: { status: $status, categorySlug: $category }, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name sku status version\n          category { name }\n          brand { name }\n          priceRange { min { amount currency } max { amount currency } }\n          availability { totalAvailable }\n        }\n      }\n    }\n  }\n": types.AdminProductsDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { id name sku variants { id sku } }\n  }\n": types.CreateProductDocument,
    "\n  mutation EnsureStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id quantityAvailable } }\n": types.EnsureStockDocument,
    "\n  mutation Restock($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable lastRestockedAt version } }\n": types.RestockDocument,
    "\n  query StockAlerts($all: Boolean!, $after: String) {\n    lowStockAlerts(unacknowledgedOnly: $all, first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type currentQuantity thresholdQuantity acknowledged createdAt item { sku product { id name } } } }\n    }\n  }\n": types.StockAlertsDocument,
    "mutation AckStockAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }": types.AckStockAlertDocument,
    "\n  query ReorderSuggestions($after: String) {\n    reorderSuggestions(first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { quantityAvailable reorderPoint reorderQuantity item { sku product { id name } } } }\n    }\n  }\n": types.ReorderSuggestionsDocument,
    "\n  query StockAdjustments($status: StockAdjustmentStatus, $after: String) {\n    stockAdjustments(status: $status, first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id adjustmentNumber reason notes status createdBy approvedBy approvedAt rejectedAt createdAt\n          lines { currentQuantity adjustedQuantity difference item { sku product { id name } } }\n        }\n      }\n    }\n  }\n": types.StockAdjustmentsDocument,
    "mutation DraftAdjustment($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }": types.DraftAdjustmentDocument,
    "mutation ApproveAdjustment($id: ID!) { approveStockAdjustment(id: $id) { id status } }": types.ApproveAdjustmentDocument,
    "mutation RejectAdjustment($id: ID!) { rejectStockAdjustment(id: $id) { id status } }": types.RejectAdjustmentDocument,
    "\n  query Reconciliation {\n    inventoryReconciliation(first: 100) {\n      quantityAvailable ledgerAvailable quantityReserved ledgerReserved quantityCommitted ledgerCommitted reservationsActive reservationsCommitted\n      item { sku product { id name } }\n    }\n  }\n": types.ReconciliationDocument,
    "\n  query DeadLetters {\n    cart: cartEventDeadLetters(first: 50) { ...DeadLetter }\n    customer: customerEventDeadLetters(first: 50) { ...DeadLetter }\n    inventory: inventoryEventDeadLetters(first: 50) { ...DeadLetter }\n    notification: notificationEventDeadLetters(first: 50) { ...DeadLetter }\n    search: searchEventDeadLetters(first: 50) { ...DeadLetter }\n  }\n  fragment DeadLetter on EventDeadLetter { id eventId source type aggregateType aggregateId version error attempts failedAt data }\n": types.DeadLettersDocument,
    "mutation ReplayCart($id: ID!) { result: replayCartEventDeadLetter(id: $id) { outcome error } }": types.ReplayCartDocument,
    "mutation ReplayCustomer($id: ID!) { result: replayCustomerEventDeadLetter(id: $id) { outcome error } }": types.ReplayCustomerDocument,
    "mutation ReplayInventory($id: ID!) { result: replayInventoryEventDeadLetter(id: $id) { outcome error } }": types.ReplayInventoryDocument,
    "mutation ReplayNotification($id: ID!) { result: replayNotificationEventDeadLetter(id: $id) { outcome error } }": types.ReplayNotificationDocument,
    "mutation ReplaySearch($id: ID!) { result: replaySearchEventDeadLetter(id: $id) { outcome error } }": types.ReplaySearchDocument,
    "mutation DiscardCart($id: ID!) { result: discardCartEventDeadLetter(id: $id) }": types.DiscardCartDocument,
    "mutation DiscardCustomer($id: ID!) { result: discardCustomerEventDeadLetter(id: $id) }": types.DiscardCustomerDocument,
    "mutation DiscardInventory($id: ID!) { result: discardInventoryEventDeadLetter(id: $id) }": types.DiscardInventoryDocument,
    "mutation DiscardNotification($id: ID!) { result: discardNotificationEventDeadLetter(id: $id) }": types.DiscardNotificationDocument,
    "mutation DiscardSearch($id: ID!) { result: discardSearchEventDeadLetter(id: $id) }": types.DiscardSearchDocument,
    "\n  mutation RebuildSearchIndex($fromCatalog: Boolean) { rebuildSearchIndex(fromCatalog: $fromCatalog) { indexed index backend fromCatalog tookMs } }\n": types.RebuildSearchIndexDocument,
    "\n  query CatalogChoices {\n    categories {\n      id name slug\n      children { id name slug children { id name slug } }\n    }\n    brands { id name slug isActive }\n  }\n": types.CatalogChoicesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CategoryTree {\n    categories {\n      id name slug isActive displayOrder\n      children { id name slug isActive displayOrder children { id name slug isActive displayOrder } }\n    }\n  }\n"): typeof import('./graphql').CategoryTreeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }"): typeof import('./graphql').CreateCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name isActive } }\n"): typeof import('./graphql').UpdateCategoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminBrands { brands { id name slug description websiteUrl isActive } }"): typeof import('./graphql').AdminBrandsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateBrand($input: CreateBrandInput!) { createBrand(input: $input) { id } }"): typeof import('./graphql').CreateBrandDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateBrand($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { id isActive } }"): typeof import('./graphql').UpdateBrandDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAttributes { productAttributes { id name displayName type filterable searchable values { id value displayValue } } }\n"): typeof import('./graphql').AdminAttributesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAttribute($input: CreateProductAttributeInput!) { createProductAttribute(input: $input) { id } }\n"): typeof import('./graphql').CreateAttributeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAttributeValue($attributeId: ID!, $input: AttributeValueInput!) { addProductAttributeValue(attributeId: $attributeId, input: $input) { id } }\n"): typeof import('./graphql').AddAttributeValueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingReviews($after: String) {\n    pendingReviews(first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id rating title content verifiedPurchase createdAt product { id name } } }\n    }\n  }\n"): typeof import('./graphql').PendingReviewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveReview($id: ID!) { approveReview(id: $id) { id approved } }"): typeof import('./graphql').ApproveReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectReview($id: ID!) { rejectReview(id: $id) { id approved } }"): typeof import('./graphql').RejectReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCustomers($filter: CustomerFilter, $after: String) {\n    customers(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id email firstName lastName status tier createdAt } }\n    }\n  }\n"): typeof import('./graphql').AdminCustomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCustomer($id: ID!) {\n    customer(id: $id) {\n      id email firstName lastName phone status tier roles createdAt\n      addresses { id type label streetLine1 city postalCode countryCode isDefault }\n      loyalty { pointsBalance lifetimePoints tier pointsToNextTier transactions(first: 20) { id pointsChange balanceAfter kind reason createdAt } }\n      orders(first: 10) { edges { node { id number status placedAt total { amount currency } } } }\n      notifications(first: 10) { edges { node { id type channel status subject createdAt } } }\n    }\n  }\n"): typeof import('./graphql').AdminCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SuspendCustomer($id: ID!) { suspendCustomer(id: $id) { id status } }"): typeof import('./graphql').SuspendCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReactivateCustomer($id: ID!) { reactivateCustomer(id: $id) { id status } }"): typeof import('./graphql').ReactivateCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustLoyaltyPoints(customerId: $customerId, points: $points, reason: $reason) { pointsBalance }\n  }\n"): typeof import('./graphql').AdjustPointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TodayOrders($from: String!) {\n    orders(filter: { placedFrom: $from }, first: 100) {\n      totalCount\n      edges { node { id number status email placedAt total { amount currency } } }\n    }\n  }\n"): typeof import('./graphql').TodayOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLowStock {\n    lowStockAlerts(first: 10) {\n      edges { node { id type currentQuantity thresholdQuantity createdAt item { sku product { id name } } } }\n    }\n  }\n"): typeof import('./graphql').DashboardLowStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }\n"): typeof import('./graphql').AcknowledgeAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderBoard {\n    orderEvents {\n      kind number status previousStatus version occurredAt carrier trackingNumber\n      refundedAmount { amount currency }\n      order { email total { amount currency } }\n    }\n  }\n"): typeof import('./graphql').OrderBoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDiscountCode($code: String!) {\n    discountCode(code: $code) { code name kind value minOrderAmount startsAt endsAt usageLimit timesUsed isActive }\n  }\n"): typeof import('./graphql').AdminDiscountCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDiscountCode($input: DiscountCodeInput!) { createDiscountCode(input: $input) { code name isActive } }\n"): typeof import('./graphql').CreateDiscountCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateDiscountCode($code: String!) { deactivateDiscountCode(code: $code) { code isActive } }"): typeof import('./graphql').DeactivateDiscountCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationTemplates {\n    notificationTemplates { id name channel locale description subject body variables isActive updatedAt }\n  }\n"): typeof import('./graphql').NotificationTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewTemplate($input: NotificationTemplateInput!) { previewNotificationTemplate(input: $input) { subject html text } }\n"): typeof import('./graphql').PreviewTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveTemplate($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id updatedAt } }"): typeof import('./graphql').SaveTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendTestNotification($input: TestNotificationInput!) { sendTestNotification(input: $input) { id status } }"): typeof import('./graphql').SendTestNotificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminNotifications($filter: NotificationFilter, $after: String) {\n    notifications(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type channel status recipientEmail recipientPhone subject createdAt failureReason retryCount maxRetries } }\n    }\n  }\n"): typeof import('./graphql').AdminNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationDetail($id: ID!) {\n    notification(id: $id) {\n      id subject textContent sentAt deliveredAt nextRetryAt\n      attempts { attemptedAt outcome error }\n      emailEvents { type provider createdAt }\n    }\n  }\n"): typeof import('./graphql').NotificationDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendNotification($id: ID!) { resendNotification(id: $id) { id status } }"): typeof import('./graphql').ResendNotificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrders($filter: OrderFilter, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id number status email placedAt total { amount currency } items { quantity } } }\n    }\n  }\n"): typeof import('./graphql').AdminOrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrder($number: String!) {\n    order(number: $number) {\n      id number status email version placedAt updatedAt source notes\n      customer { id firstName lastName }\n      items { id sku productName variantName quantity unitPrice { amount currency } lineTotal { amount currency } }\n      discounts { type code name amount { amount currency } }\n      subtotal { amount currency } discountTotal { amount currency } shippingTotal { amount currency } taxTotal { amount currency }\n      total { amount currency } refundedTotal { amount currency }\n      loyaltyPointsRedeemed\n      shippingAddress { firstName lastName company streetLine1 streetLine2 city stateProvince postalCode countryCode phone }\n      shippingMethod shippingCarrier trackingNumber estimatedDeliveryDate actualDeliveryDate\n      statusHistory { previousStatus status notes changedBy at }\n    }\n  }\n"): typeof import('./graphql').AdminOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrderPayments($orderId: ID!) {\n    orderPayments(orderId: $orderId) {\n      id status createdAt failureCode failureMessage\n      amount { amount currency } capturedAmount { amount currency } refundedAmount { amount currency } refundableAmount { amount currency }\n      paymentMethod { displayName }\n      events { id type amount { amount currency } reason source createdAt }\n      refunds { id amount { amount currency } reason status createdAt }\n    }\n  }\n"): typeof import('./graphql').AdminOrderPaymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOrder($id: ID!, $status: OrderStatus!, $expectedVersion: Int!, $carrier: String, $trackingNumber: String,\n    $estimatedDeliveryDate: String, $notes: String, $idempotencyKey: String) {\n    moveOrder(id: $id, status: $status, expectedVersion: $expectedVersion, carrier: $carrier, trackingNumber: $trackingNumber,\n      estimatedDeliveryDate: $estimatedDeliveryDate, notes: $notes, idempotencyKey: $idempotencyKey) { id status version }\n  }\n"): typeof import('./graphql').MoveOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundOrder($id: ID!, $amount: String, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {\n    refundOrder(id: $id, amount: $amount, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {\n      id status version refundedTotal { amount currency }\n    }\n  }\n"): typeof import('./graphql').RefundOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FollowOrder($number: String!, $after: Int) {\n    orderUpdated(number: $number, afterVersion: $after) { kind status version }\n  }\n"): typeof import('./graphql').FollowOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      id name slug sku status version description shortDescription productType updatedAt\n      category { id name }\n      brand { id name }\n      images { id url altText isPrimary displayOrder variant { id sku } }\n      crossSells { id name slug }\n      upSells { id name slug }\n      relatedProducts { id name slug }\n      variants(includeInactive: true) {\n        id sku name isActive isDefault\n        price { amount currency }\n        compareAtPrice { amount currency }\n        attributes { name value }\n      }\n    }\n  }\n"): typeof import('./graphql').AdminProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { id version name status }\n  }\n"): typeof import('./graphql').UpdateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveProduct($id: ID!, $expectedVersion: Int!) { archiveProduct(id: $id, expectedVersion: $expectedVersion) { id status version } }\n"): typeof import('./graphql').ArchiveProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddVariant($productId: ID!, $expectedVersion: Int!, $input: VariantInput!) {\n    addVariant(productId: $productId, expectedVersion: $expectedVersion, input: $input) { id sku }\n  }\n"): typeof import('./graphql').AddVariantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateVariant($id: ID!, $expectedVersion: Int!, $input: UpdateVariantInput!) {\n    updateVariant(id: $id, expectedVersion: $expectedVersion, input: $input) { id isActive price { amount currency } }\n  }\n"): typeof import('./graphql').UpdateVariantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddImage($productId: ID!, $input: ProductImageInput!) { addProductImage(productId: $productId, input: $input) { id } }\n"): typeof import('./graphql').AddImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveImage($id: ID!) { removeProductImage(id: $id) }"): typeof import('./graphql').RemoveImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductBySlug($slug: String!) { product(slug: $slug) { id name } }"): typeof import('./graphql').ProductBySlugDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetRelation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }"): typeof import('./graphql').SetRelationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveRelation($input: ProductRelationInput!) { removeProductRelation(input: $input) { id } }"): typeof import('./graphql').RemoveRelationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VariantStock($variantId: ID!) {\n    inventoryItem(variantId: $variantId) {\n      id quantityAvailable quantityReserved quantityCommitted lowStockThreshold reorderPoint reorderQuantity lastRestockedAt sellable\n      ledger(first: 5) { edges { node { id type quantityChange reason createdAt } } }\n    }\n  }\n"): typeof import('./graphql').VariantStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeepStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }\n"): typeof import('./graphql').KeepStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestockVariant($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable } }\n"): typeof import('./graphql').RestockVariantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DraftVariantCount($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }\n"): typeof import('./graphql').DraftVariantCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StockSettings($variantId: ID!, $input: InventorySettingsInput!) {\n    updateInventorySettings(variantId: $variantId, input: $input) { id lowStockThreshold reorderPoint reorderQuantity }\n  }\n"): typeof import('./graphql').StockSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminProducts($status: ProductStatus, $category: String, $after: String) {\n    products(filter: { status: $status, categorySlug: $category }, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name sku status version\n          category { name }\n          brand { name }\n          priceRange { min { amount currency } max { amount currency } }\n          availability { totalAvailable }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AdminProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { id name sku variants { id sku } }\n  }\n"): typeof import('./graphql').CreateProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnsureStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id quantityAvailable } }\n"): typeof import('./graphql').EnsureStockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Restock($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable lastRestockedAt version } }\n"): typeof import('./graphql').RestockDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StockAlerts($all: Boolean!, $after: String) {\n    lowStockAlerts(unacknowledgedOnly: $all, first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id type currentQuantity thresholdQuantity acknowledged createdAt item { sku product { id name } } } }\n    }\n  }\n"): typeof import('./graphql').StockAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AckStockAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }"): typeof import('./graphql').AckStockAlertDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReorderSuggestions($after: String) {\n    reorderSuggestions(first: 25, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { quantityAvailable reorderPoint reorderQuantity item { sku product { id name } } } }\n    }\n  }\n"): typeof import('./graphql').ReorderSuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StockAdjustments($status: StockAdjustmentStatus, $after: String) {\n    stockAdjustments(status: $status, first: 20, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id adjustmentNumber reason notes status createdBy approvedBy approvedAt rejectedAt createdAt\n          lines { currentQuantity adjustedQuantity difference item { sku product { id name } } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StockAdjustmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DraftAdjustment($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }"): typeof import('./graphql').DraftAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveAdjustment($id: ID!) { approveStockAdjustment(id: $id) { id status } }"): typeof import('./graphql').ApproveAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectAdjustment($id: ID!) { rejectStockAdjustment(id: $id) { id status } }"): typeof import('./graphql').RejectAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reconciliation {\n    inventoryReconciliation(first: 100) {\n      quantityAvailable ledgerAvailable quantityReserved ledgerReserved quantityCommitted ledgerCommitted reservationsActive reservationsCommitted\n      item { sku product { id name } }\n    }\n  }\n"): typeof import('./graphql').ReconciliationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeadLetters {\n    cart: cartEventDeadLetters(first: 50) { ...DeadLetter }\n    customer: customerEventDeadLetters(first: 50) { ...DeadLetter }\n    inventory: inventoryEventDeadLetters(first: 50) { ...DeadLetter }\n    notification: notificationEventDeadLetters(first: 50) { ...DeadLetter }\n    search: searchEventDeadLetters(first: 50) { ...DeadLetter }\n  }\n  fragment DeadLetter on EventDeadLetter { id eventId source type aggregateType aggregateId version error attempts failedAt data }\n"): typeof import('./graphql').DeadLettersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayCart($id: ID!) { result: replayCartEventDeadLetter(id: $id) { outcome error } }"): typeof import('./graphql').ReplayCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayCustomer($id: ID!) { result: replayCustomerEventDeadLetter(id: $id) { outcome error } }"): typeof import('./graphql').ReplayCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayInventory($id: ID!) { result: replayInventoryEventDeadLetter(id: $id) { outcome error } }"): typeof import('./graphql').ReplayInventoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayNotification($id: ID!) { result: replayNotificationEventDeadLetter(id: $id) { outcome error } }"): typeof import('./graphql').ReplayNotificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplaySearch($id: ID!) { result: replaySearchEventDeadLetter(id: $id) { outcome error } }"): typeof import('./graphql').ReplaySearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiscardCart($id: ID!) { result: discardCartEventDeadLetter(id: $id) }"): typeof import('./graphql').DiscardCartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiscardCustomer($id: ID!) { result: discardCustomerEventDeadLetter(id: $id) }"): typeof import('./graphql').DiscardCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiscardInventory($id: ID!) { result: discardInventoryEventDeadLetter(id: $id) }"): typeof import('./graphql').DiscardInventoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiscardNotification($id: ID!) { result: discardNotificationEventDeadLetter(id: $id) }"): typeof import('./graphql').DiscardNotificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DiscardSearch($id: ID!) { result: discardSearchEventDeadLetter(id: $id) }"): typeof import('./graphql').DiscardSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RebuildSearchIndex($fromCatalog: Boolean) { rebuildSearchIndex(fromCatalog: $fromCatalog) { indexed index backend fromCatalog tookMs } }\n"): typeof import('./graphql').RebuildSearchIndexDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogChoices {\n    categories {\n      id name slug\n      children { id name slug children { id name slug } }\n    }\n    brands { id name slug isActive }\n  }\n"): typeof import('./graphql').CatalogChoicesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
