/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddressInput = {
  city: string;
  countryCode: string;
  isDefault?: boolean | null | undefined;
  label?: string | null | undefined;
  postalCode: string;
  stateProvince: string;
  streetLine1: string;
  streetLine2?: string | null | undefined;
  type: AddressType;
};

export type AddressType =
  | 'BILLING'
  | 'BOTH'
  | 'SHIPPING';

export type AttributeFilter = {
  name: string;
  values: Array<string>;
};

/**
 * Passed straight to the payment provider, never stored. The built-in test provider's cards: 4242424242424242
 * succeeds, 4000000000000002 is declined, 4000000000009995 has insufficient funds, 4000000000000119 fails with a
 * processing error, 4000000000000259 times out.
 */
export type CheckoutCardInput = {
  cvc: string;
  expMonth: number;
  expYear: number;
  holderName?: string | null | undefined;
  number: string;
};

export type CheckoutInput = {
  /** Defaults to the shipping address. */
  billingAddress?: OrderAddressInput | null | undefined;
  card?: CheckoutCardInput | null | undefined;
  discountCode?: string | null | undefined;
  /** Required for guests; a signed-in customer's account email otherwise. */
  email?: string | null | undefined;
  /** The cart subtotal the shopper was shown, e.g. "59.80". */
  expectedSubtotal: string;
  /** 8 to 100 letters, digits or . _ : -; one per purchase attempt (a retry reuses it). */
  idempotencyKey: string;
  /** Loyalty points to redeem (signed-in customers). */
  loyaltyPoints?: number | null | undefined;
  /** Exactly one of a saved card (signed-in customers) and a card entered now. */
  paymentMethodId?: string | number | null | undefined;
  shippingAddress: OrderAddressInput;
  shippingMethod?: string | null | undefined;
};

export type LoyaltyTier =
  | 'PREMIUM'
  | 'REGULAR'
  | 'VIP';

/** Only the switches given change. */
export type NotificationPreferencesInput = {
  emailEnabled?: boolean | null | undefined;
  marketingEmails?: boolean | null | undefined;
  orderUpdates?: boolean | null | undefined;
  promotionalOffers?: boolean | null | undefined;
  pushEnabled?: boolean | null | undefined;
  securityAlerts?: boolean | null | undefined;
  smsEnabled?: boolean | null | undefined;
};

export type OrderAddressInput = {
  city: string;
  company?: string | null | undefined;
  countryCode: string;
  firstName: string;
  lastName: string;
  phone?: string | null | undefined;
  postalCode: string;
  stateProvince?: string | null | undefined;
  streetLine1: string;
  streetLine2?: string | null | undefined;
};

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

export type ProductFilter = {
  /** A product matches when one active variant has one of the values for every attribute named. */
  attributes?: Array<AttributeFilter> | null | undefined;
  brandSlug?: string | null | undefined;
  /** Includes the products of every descendant category. */
  categorySlug?: string | null | undefined;
  priceMax?: string | null | undefined;
  /** Decimal strings, inclusive; a product matches when one of its active variants is in range. */
  priceMin?: string | null | undefined;
  /** Staff only; shoppers always get ACTIVE. */
  status?: ProductStatus | null | undefined;
};

export type ProductSort =
  | 'NAME_ASC'
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  | 'RATING_DESC';

export type ProductStatus =
  | 'ACTIVE'
  | 'ARCHIVED'
  | 'DRAFT'
  | 'INACTIVE';

export type SearchAttributeFilter = {
  name: string;
  values: Array<string>;
};

export type SearchFilter = {
  /** Each attribute named must have one of its values (OR within an attribute, AND across attributes). */
  attributes?: Array<SearchAttributeFilter> | null | undefined;
  /** Any of these brands. */
  brandIds?: Array<string | number> | null | undefined;
  /** A category and all its descendants (give this or categorySlug). */
  categoryId?: string | number | null | undefined;
  categorySlug?: string | null | undefined;
  /** true: only products that can be bought now; false: only those that cannot. */
  inStock?: boolean | null | undefined;
  maxPrice?: string | null | undefined;
  /** Decimal strings, inclusive, not negative. */
  minPrice?: string | null | undefined;
  /** Average rating at least this (0 to 5). */
  minRating?: number | null | undefined;
};

export type SearchSort =
  | 'NEWEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  /** Best rated first; unrated last. */
  | 'RATING'
  /** Best match first (newest first without a query). */
  | 'RELEVANCE';

export type SearchSuggestionKind =
  | 'BRAND'
  | 'CATEGORY'
  | 'PRODUCT';

export type AccountQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountQuery = { me: { id: string, email: string, firstName: string, lastName: string, tier: LoyaltyTier, addresses: Array<{ id: string, type: AddressType, label: string | null, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string, postalCode: string, countryCode: string, isDefault: boolean }>, loyalty: { pointsBalance: number, lifetimePoints: number, tier: LoyaltyTier, pointsToNextTier: number | null, transactions: Array<{ id: string, pointsChange: number, balanceAfter: number, reason: string, createdAt: string }> }, notificationPreferences: { emailEnabled: boolean, smsEnabled: boolean, pushEnabled: boolean, marketingEmails: boolean, orderUpdates: boolean, promotionalOffers: boolean, securityAlerts: boolean } | null } | null, myOrders: { edges: Array<{ node: { id: string, number: string, status: OrderStatus, placedAt: string, total: { amount: string, currency: string } } }> } };

export type AddAddressMutationVariables = Exact<{
  input: AddressInput;
}>;


export type AddAddressMutation = { addAddress: { id: string } };

export type DeleteAddressMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAddressMutation = { deleteAddress: boolean };

export type SetDefaultAddressMutationVariables = Exact<{
  id: string | number;
}>;


export type SetDefaultAddressMutation = { setDefaultAddress: { id: string } };

export type UpdateNotificationPreferencesMutationVariables = Exact<{
  input: NotificationPreferencesInput;
}>;


export type UpdateNotificationPreferencesMutation = { updateNotificationPreferences: { emailEnabled: boolean, smsEnabled: boolean, pushEnabled: boolean, marketingEmails: boolean, orderUpdates: boolean, promotionalOffers: boolean, securityAlerts: boolean } };

export type CartViewFragment = { id: string, sessionToken: string | null, itemCount: number, subtotal: { amount: string, currency: string }, lines: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, currency: string }, currentUnitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string }, variant: { id: string, sku: string, name: string | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number }, product: { name: string, slug: string, images: Array<{ url: string, altText: string | null }> } } }> };

export type CartQueryVariables = Exact<{ [key: string]: never; }>;


export type CartQuery = { cart: { id: string, sessionToken: string | null, itemCount: number, subtotal: { amount: string, currency: string }, lines: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, currency: string }, currentUnitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string }, variant: { id: string, sku: string, name: string | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number }, product: { name: string, slug: string, images: Array<{ url: string, altText: string | null }> } } }> } | null };

export type CartCountQueryVariables = Exact<{ [key: string]: never; }>;


export type CartCountQuery = { cart: { id: string, itemCount: number } | null };

export type AddToCartMutationVariables = Exact<{
  variantId: string | number;
  quantity: number;
}>;


export type AddToCartMutation = { addToCart: { id: string, sessionToken: string | null, itemCount: number, subtotal: { amount: string, currency: string }, lines: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, currency: string }, currentUnitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string }, variant: { id: string, sku: string, name: string | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number }, product: { name: string, slug: string, images: Array<{ url: string, altText: string | null }> } } }> } };

export type ChangeCartLineQuantityMutationVariables = Exact<{
  variantId: string | number;
  quantity: number;
}>;


export type ChangeCartLineQuantityMutation = { changeCartLineQuantity: { id: string, sessionToken: string | null, itemCount: number, subtotal: { amount: string, currency: string }, lines: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, currency: string }, currentUnitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string }, variant: { id: string, sku: string, name: string | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number }, product: { name: string, slug: string, images: Array<{ url: string, altText: string | null }> } } }> } };

export type RemoveFromCartMutationVariables = Exact<{
  variantId: string | number;
}>;


export type RemoveFromCartMutation = { removeFromCart: { id: string, sessionToken: string | null, itemCount: number, subtotal: { amount: string, currency: string }, lines: Array<{ quantity: number, priceChanged: boolean, unitPrice: { amount: string, currency: string }, currentUnitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string }, variant: { id: string, sku: string, name: string | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number }, product: { name: string, slug: string, images: Array<{ url: string, altText: string | null }> } } }> } };

export type MergeGuestCartMutationVariables = Exact<{ [key: string]: never; }>;


export type MergeGuestCartMutation = { mergeGuestCart: { id: string, itemCount: number } };

export type HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeQuery = { categories: Array<{ id: string, name: string, slug: string, children: Array<{ id: string, name: string, slug: string }> }>, products: { edges: Array<{ node: { id: string, name: string, slug: string, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string } } | null, rating: { average: number | null, count: number }, availability: { inStock: boolean }, images: Array<{ url: string, altText: string | null }> } }> } };

export type ProductCardFragment = { id: string, name: string, slug: string, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string } } | null, rating: { average: number | null, count: number }, availability: { inStock: boolean }, images: Array<{ url: string, altText: string | null }> };

export type CategoryFilteredQueryVariables = Exact<{
  filter: ProductFilter;
  sort: ProductSort;
  first: number;
  after?: string | null | undefined;
}>;


export type CategoryFilteredQuery = { products: { totalCount: number, edges: Array<{ node: { id: string, name: string, slug: string, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string } } | null, rating: { average: number | null, count: number }, availability: { inStock: boolean }, images: Array<{ url: string, altText: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CategoryInfoQueryVariables = Exact<{
  slug: string;
}>;


export type CategoryInfoQuery = { category: { id: string, name: string, description: string | null, breadcrumbs: Array<{ name: string, slug: string }>, children: Array<{ name: string, slug: string }> } | null, brands: Array<{ id: string, name: string, slug: string }> };

export type ProductSlugQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductSlugQuery = { product: { slug: string } | null };

export type CategoryPageQueryVariables = Exact<{
  category: string;
  first: number;
  after?: string | null | undefined;
}>;


export type CategoryPageQuery = { products: { totalCount: number, edges: Array<{ node: { id: string, name: string, slug: string, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string } } | null, rating: { average: number | null, count: number }, availability: { inStock: boolean }, images: Array<{ url: string, altText: string | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrderViewFragment = { id: string, number: string, status: OrderStatus, email: string, version: number, placedAt: string, loyaltyPointsRedeemed: number, shippingMethod: string | null, shippingCarrier: string | null, trackingNumber: string | null, estimatedDeliveryDate: string | null, items: Array<{ id: string, productName: string, variantName: string | null, sku: string, quantity: number, imageUrl: string | null, unitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string } }>, discounts: Array<{ name: string, code: string | null, amount: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, discountTotal: { amount: string, currency: string }, shippingTotal: { amount: string, currency: string }, taxTotal: { amount: string, currency: string }, total: { amount: string, currency: string }, refundedTotal: { amount: string, currency: string }, shippingAddress: { firstName: string, lastName: string, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string | null, postalCode: string, countryCode: string }, statusHistory: Array<{ status: OrderStatus, at: string, notes: string | null }> };

export type CheckoutMutationVariables = Exact<{
  input: CheckoutInput;
}>;


export type CheckoutMutation = { checkout: { accessKey: string | null, id: string, number: string, status: OrderStatus, email: string, version: number, placedAt: string, loyaltyPointsRedeemed: number, shippingMethod: string | null, shippingCarrier: string | null, trackingNumber: string | null, estimatedDeliveryDate: string | null, items: Array<{ id: string, productName: string, variantName: string | null, sku: string, quantity: number, imageUrl: string | null, unitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string } }>, discounts: Array<{ name: string, code: string | null, amount: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, discountTotal: { amount: string, currency: string }, shippingTotal: { amount: string, currency: string }, taxTotal: { amount: string, currency: string }, total: { amount: string, currency: string }, refundedTotal: { amount: string, currency: string }, shippingAddress: { firstName: string, lastName: string, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string | null, postalCode: string, countryCode: string }, statusHistory: Array<{ status: OrderStatus, at: string, notes: string | null }> } };

export type CheckoutInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type CheckoutInfoQuery = { me: { id: string, email: string, firstName: string, lastName: string, loyalty: { pointsBalance: number }, addresses: Array<{ id: string, type: AddressType, label: string | null, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string, postalCode: string, countryCode: string, isDefault: boolean }> } | null };

export type MyOrderQueryVariables = Exact<{
  number: string;
}>;


export type MyOrderQuery = { order: { id: string, number: string, status: OrderStatus, email: string, version: number, placedAt: string, loyaltyPointsRedeemed: number, shippingMethod: string | null, shippingCarrier: string | null, trackingNumber: string | null, estimatedDeliveryDate: string | null, items: Array<{ id: string, productName: string, variantName: string | null, sku: string, quantity: number, imageUrl: string | null, unitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string } }>, discounts: Array<{ name: string, code: string | null, amount: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, discountTotal: { amount: string, currency: string }, shippingTotal: { amount: string, currency: string }, taxTotal: { amount: string, currency: string }, total: { amount: string, currency: string }, refundedTotal: { amount: string, currency: string }, shippingAddress: { firstName: string, lastName: string, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string | null, postalCode: string, countryCode: string }, statusHistory: Array<{ status: OrderStatus, at: string, notes: string | null }> } | null };

export type GuestOrderQueryVariables = Exact<{
  number: string;
  accessKey: string;
}>;


export type GuestOrderQuery = { guestOrder: { id: string, number: string, status: OrderStatus, email: string, version: number, placedAt: string, loyaltyPointsRedeemed: number, shippingMethod: string | null, shippingCarrier: string | null, trackingNumber: string | null, estimatedDeliveryDate: string | null, items: Array<{ id: string, productName: string, variantName: string | null, sku: string, quantity: number, imageUrl: string | null, unitPrice: { amount: string, currency: string }, lineTotal: { amount: string, currency: string } }>, discounts: Array<{ name: string, code: string | null, amount: { amount: string, currency: string } }>, subtotal: { amount: string, currency: string }, discountTotal: { amount: string, currency: string }, shippingTotal: { amount: string, currency: string }, taxTotal: { amount: string, currency: string }, total: { amount: string, currency: string }, refundedTotal: { amount: string, currency: string }, shippingAddress: { firstName: string, lastName: string, streetLine1: string, streetLine2: string | null, city: string, stateProvince: string | null, postalCode: string, countryCode: string }, statusHistory: Array<{ status: OrderStatus, at: string, notes: string | null }> } | null };

export type OrderUpdatedSubscriptionVariables = Exact<{
  number: string;
  afterVersion?: number | null | undefined;
  accessKey?: string | null | undefined;
}>;


export type OrderUpdatedSubscription = { orderUpdated: { kind: OrderUpdateKind, status: OrderStatus, version: number, occurredAt: string, carrier: string | null, trackingNumber: string | null } };

export type ProductPageQueryVariables = Exact<{
  slug: string;
}>;


export type ProductPageQuery = { product: { id: string, name: string, slug: string, description: string | null, brand: { name: string } | null, category: { name: string, breadcrumbs: Array<{ name: string, slug: string }> }, images: Array<{ url: string, altText: string | null }>, priceRange: { min: { amount: string, currency: string }, max: { amount: string, currency: string } } | null, variants: Array<{ id: string, sku: string, name: string | null, cartQuantity: number, price: { amount: string, currency: string }, compareAtPrice: { amount: string, currency: string } | null, attributes: Array<{ name: string, value: string }>, availability: { inStock: boolean, quantityAvailable: number } }>, availability: { inStock: boolean, totalAvailable: number }, rating: { average: number | null, count: number }, reviews: { edges: Array<{ node: { rating: number, title: string | null, content: string | null, verifiedPurchase: boolean, createdAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, crossSells: Array<{ id: string, name: string, slug: string }> } | null, cart: { id: string, itemCount: number, subtotal: { amount: string, currency: string } } | null };

export type SearchQueryVariables = Exact<{
  query?: string | null | undefined;
  filter?: SearchFilter | null | undefined;
  sort: SearchSort;
  first: number;
  after?: string | null | undefined;
}>;


export type SearchQuery = { search: { totalCount: number, didYouMean: string | null, edges: Array<{ node: { id: string, name: string, slug: string, brand: { name: string } | null, priceRange: { min: { amount: string, currency: string } } | null, rating: { average: number | null, count: number }, availability: { inStock: boolean }, images: Array<{ url: string, altText: string | null }> } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, facets: { inStock: number, categories: Array<{ id: string, name: string, slug: string, count: number, children: Array<{ id: string, name: string, slug: string, count: number }> }>, brands: Array<{ id: string, name: string, count: number }>, prices: Array<{ min: string | null, max: string | null, count: number }>, ratings: Array<{ min: number, count: number }> } } };

export type SearchSuggestionsQueryVariables = Exact<{
  prefix: string;
}>;


export type SearchSuggestionsQuery = { searchSuggestions: Array<{ kind: SearchSuggestionKind, id: string, text: string }> };

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
export const CartViewFragmentDoc = new TypedDocumentString(`
    fragment CartView on Cart {
  id
  sessionToken
  itemCount
  subtotal {
    amount
    currency
  }
  lines {
    quantity
    priceChanged
    unitPrice {
      amount
      currency
    }
    currentUnitPrice {
      amount
      currency
    }
    lineTotal {
      amount
      currency
    }
    variant {
      id
      sku
      name
      attributes {
        name
        value
      }
      availability {
        inStock
        quantityAvailable
      }
      product {
        name
        slug
        images(first: 1) {
          url
          altText
        }
      }
    }
  }
}
    `, {"fragmentName":"CartView"}) as unknown as TypedDocumentString<CartViewFragment, unknown>;
export const ProductCardFragmentDoc = new TypedDocumentString(`
    fragment ProductCard on Product {
  id
  name
  slug
  brand {
    name
  }
  priceRange {
    min {
      amount
      currency
    }
  }
  rating {
    average
    count
  }
  availability {
    inStock
  }
  images(first: 1) {
    url
    altText
  }
}
    `, {"fragmentName":"ProductCard"}) as unknown as TypedDocumentString<ProductCardFragment, unknown>;
export const OrderViewFragmentDoc = new TypedDocumentString(`
    fragment OrderView on Order {
  id
  number
  status
  email
  version
  placedAt
  items {
    id
    productName
    variantName
    sku
    quantity
    imageUrl
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
    name
    code
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
    streetLine1
    streetLine2
    city
    stateProvince
    postalCode
    countryCode
  }
  shippingMethod
  shippingCarrier
  trackingNumber
  estimatedDeliveryDate
  statusHistory {
    status
    at
    notes
  }
}
    `, {"fragmentName":"OrderView"}) as unknown as TypedDocumentString<OrderViewFragment, unknown>;
export const AccountDocument = new TypedDocumentString(`
    query Account {
  me {
    id
    email
    firstName
    lastName
    tier
    addresses {
      id
      type
      label
      streetLine1
      streetLine2
      city
      stateProvince
      postalCode
      countryCode
      isDefault
    }
    loyalty {
      pointsBalance
      lifetimePoints
      tier
      pointsToNextTier
      transactions(first: 10) {
        id
        pointsChange
        balanceAfter
        reason
        createdAt
      }
    }
    notificationPreferences {
      emailEnabled
      smsEnabled
      pushEnabled
      marketingEmails
      orderUpdates
      promotionalOffers
      securityAlerts
    }
  }
  myOrders(first: 20) {
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
}
    `) as unknown as TypedDocumentString<AccountQuery, AccountQueryVariables>;
export const AddAddressDocument = new TypedDocumentString(`
    mutation AddAddress($input: AddressInput!) {
  addAddress(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AddAddressMutation, AddAddressMutationVariables>;
export const DeleteAddressDocument = new TypedDocumentString(`
    mutation DeleteAddress($id: ID!) {
  deleteAddress(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteAddressMutation, DeleteAddressMutationVariables>;
export const SetDefaultAddressDocument = new TypedDocumentString(`
    mutation SetDefaultAddress($id: ID!) {
  setDefaultAddress(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<SetDefaultAddressMutation, SetDefaultAddressMutationVariables>;
export const UpdateNotificationPreferencesDocument = new TypedDocumentString(`
    mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) {
    emailEnabled
    smsEnabled
    pushEnabled
    marketingEmails
    orderUpdates
    promotionalOffers
    securityAlerts
  }
}
    `) as unknown as TypedDocumentString<UpdateNotificationPreferencesMutation, UpdateNotificationPreferencesMutationVariables>;
export const CartDocument = new TypedDocumentString(`
    query Cart {
  cart {
    ...CartView
  }
}
    fragment CartView on Cart {
  id
  sessionToken
  itemCount
  subtotal {
    amount
    currency
  }
  lines {
    quantity
    priceChanged
    unitPrice {
      amount
      currency
    }
    currentUnitPrice {
      amount
      currency
    }
    lineTotal {
      amount
      currency
    }
    variant {
      id
      sku
      name
      attributes {
        name
        value
      }
      availability {
        inStock
        quantityAvailable
      }
      product {
        name
        slug
        images(first: 1) {
          url
          altText
        }
      }
    }
  }
}`) as unknown as TypedDocumentString<CartQuery, CartQueryVariables>;
export const CartCountDocument = new TypedDocumentString(`
    query CartCount {
  cart {
    id
    itemCount
  }
}
    `) as unknown as TypedDocumentString<CartCountQuery, CartCountQueryVariables>;
export const AddToCartDocument = new TypedDocumentString(`
    mutation AddToCart($variantId: ID!, $quantity: Int!) {
  addToCart(variantId: $variantId, quantity: $quantity) {
    ...CartView
  }
}
    fragment CartView on Cart {
  id
  sessionToken
  itemCount
  subtotal {
    amount
    currency
  }
  lines {
    quantity
    priceChanged
    unitPrice {
      amount
      currency
    }
    currentUnitPrice {
      amount
      currency
    }
    lineTotal {
      amount
      currency
    }
    variant {
      id
      sku
      name
      attributes {
        name
        value
      }
      availability {
        inStock
        quantityAvailable
      }
      product {
        name
        slug
        images(first: 1) {
          url
          altText
        }
      }
    }
  }
}`) as unknown as TypedDocumentString<AddToCartMutation, AddToCartMutationVariables>;
export const ChangeCartLineQuantityDocument = new TypedDocumentString(`
    mutation ChangeCartLineQuantity($variantId: ID!, $quantity: Int!) {
  changeCartLineQuantity(variantId: $variantId, quantity: $quantity) {
    ...CartView
  }
}
    fragment CartView on Cart {
  id
  sessionToken
  itemCount
  subtotal {
    amount
    currency
  }
  lines {
    quantity
    priceChanged
    unitPrice {
      amount
      currency
    }
    currentUnitPrice {
      amount
      currency
    }
    lineTotal {
      amount
      currency
    }
    variant {
      id
      sku
      name
      attributes {
        name
        value
      }
      availability {
        inStock
        quantityAvailable
      }
      product {
        name
        slug
        images(first: 1) {
          url
          altText
        }
      }
    }
  }
}`) as unknown as TypedDocumentString<ChangeCartLineQuantityMutation, ChangeCartLineQuantityMutationVariables>;
export const RemoveFromCartDocument = new TypedDocumentString(`
    mutation RemoveFromCart($variantId: ID!) {
  removeFromCart(variantId: $variantId) {
    ...CartView
  }
}
    fragment CartView on Cart {
  id
  sessionToken
  itemCount
  subtotal {
    amount
    currency
  }
  lines {
    quantity
    priceChanged
    unitPrice {
      amount
      currency
    }
    currentUnitPrice {
      amount
      currency
    }
    lineTotal {
      amount
      currency
    }
    variant {
      id
      sku
      name
      attributes {
        name
        value
      }
      availability {
        inStock
        quantityAvailable
      }
      product {
        name
        slug
        images(first: 1) {
          url
          altText
        }
      }
    }
  }
}`) as unknown as TypedDocumentString<RemoveFromCartMutation, RemoveFromCartMutationVariables>;
export const MergeGuestCartDocument = new TypedDocumentString(`
    mutation MergeGuestCart {
  mergeGuestCart {
    id
    itemCount
  }
}
    `) as unknown as TypedDocumentString<MergeGuestCartMutation, MergeGuestCartMutationVariables>;
export const HomeDocument = new TypedDocumentString(`
    query Home {
  categories {
    id
    name
    slug
    children {
      id
      name
      slug
    }
  }
  products(first: 8, sort: NEWEST) {
    edges {
      node {
        ...ProductCard
      }
    }
  }
}
    fragment ProductCard on Product {
  id
  name
  slug
  brand {
    name
  }
  priceRange {
    min {
      amount
      currency
    }
  }
  rating {
    average
    count
  }
  availability {
    inStock
  }
  images(first: 1) {
    url
    altText
  }
}`) as unknown as TypedDocumentString<HomeQuery, HomeQueryVariables>;
export const CategoryFilteredDocument = new TypedDocumentString(`
    query CategoryFiltered($filter: ProductFilter!, $sort: ProductSort!, $first: Int!, $after: String) {
  products(filter: $filter, sort: $sort, first: $first, after: $after) {
    edges {
      node {
        ...ProductCard
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment ProductCard on Product {
  id
  name
  slug
  brand {
    name
  }
  priceRange {
    min {
      amount
      currency
    }
  }
  rating {
    average
    count
  }
  availability {
    inStock
  }
  images(first: 1) {
    url
    altText
  }
}`) as unknown as TypedDocumentString<CategoryFilteredQuery, CategoryFilteredQueryVariables>;
export const CategoryInfoDocument = new TypedDocumentString(`
    query CategoryInfo($slug: String!) {
  category(slug: $slug) {
    id
    name
    description
    breadcrumbs {
      name
      slug
    }
    children {
      name
      slug
    }
  }
  brands {
    id
    name
    slug
  }
}
    `) as unknown as TypedDocumentString<CategoryInfoQuery, CategoryInfoQueryVariables>;
export const ProductSlugDocument = new TypedDocumentString(`
    query ProductSlug($id: ID!) {
  product(id: $id) {
    slug
  }
}
    `) as unknown as TypedDocumentString<ProductSlugQuery, ProductSlugQueryVariables>;
export const CategoryPageDocument = new TypedDocumentString(`
    query CategoryPage($category: String!, $first: Int!, $after: String) {
  products(filter: {categorySlug: $category}, first: $first, after: $after) {
    edges {
      node {
        id
        name
        slug
        brand {
          name
        }
        priceRange {
          min {
            amount
            currency
          }
        }
        rating {
          average
          count
        }
        availability {
          inStock
        }
        images(first: 1) {
          url
          altText
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<CategoryPageQuery, CategoryPageQueryVariables>;
export const CheckoutDocument = new TypedDocumentString(`
    mutation Checkout($input: CheckoutInput!) {
  checkout(input: $input) {
    ...OrderView
    accessKey
  }
}
    fragment OrderView on Order {
  id
  number
  status
  email
  version
  placedAt
  items {
    id
    productName
    variantName
    sku
    quantity
    imageUrl
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
    name
    code
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
    streetLine1
    streetLine2
    city
    stateProvince
    postalCode
    countryCode
  }
  shippingMethod
  shippingCarrier
  trackingNumber
  estimatedDeliveryDate
  statusHistory {
    status
    at
    notes
  }
}`) as unknown as TypedDocumentString<CheckoutMutation, CheckoutMutationVariables>;
export const CheckoutInfoDocument = new TypedDocumentString(`
    query CheckoutInfo {
  me {
    id
    email
    firstName
    lastName
    loyalty {
      pointsBalance
    }
    addresses {
      id
      type
      label
      streetLine1
      streetLine2
      city
      stateProvince
      postalCode
      countryCode
      isDefault
    }
  }
}
    `) as unknown as TypedDocumentString<CheckoutInfoQuery, CheckoutInfoQueryVariables>;
export const MyOrderDocument = new TypedDocumentString(`
    query MyOrder($number: String!) {
  order(number: $number) {
    ...OrderView
  }
}
    fragment OrderView on Order {
  id
  number
  status
  email
  version
  placedAt
  items {
    id
    productName
    variantName
    sku
    quantity
    imageUrl
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
    name
    code
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
    streetLine1
    streetLine2
    city
    stateProvince
    postalCode
    countryCode
  }
  shippingMethod
  shippingCarrier
  trackingNumber
  estimatedDeliveryDate
  statusHistory {
    status
    at
    notes
  }
}`) as unknown as TypedDocumentString<MyOrderQuery, MyOrderQueryVariables>;
export const GuestOrderDocument = new TypedDocumentString(`
    query GuestOrder($number: String!, $accessKey: String!) {
  guestOrder(number: $number, accessKey: $accessKey) {
    ...OrderView
  }
}
    fragment OrderView on Order {
  id
  number
  status
  email
  version
  placedAt
  items {
    id
    productName
    variantName
    sku
    quantity
    imageUrl
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
    name
    code
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
    streetLine1
    streetLine2
    city
    stateProvince
    postalCode
    countryCode
  }
  shippingMethod
  shippingCarrier
  trackingNumber
  estimatedDeliveryDate
  statusHistory {
    status
    at
    notes
  }
}`) as unknown as TypedDocumentString<GuestOrderQuery, GuestOrderQueryVariables>;
export const OrderUpdatedDocument = new TypedDocumentString(`
    subscription OrderUpdated($number: String!, $afterVersion: Int, $accessKey: String) {
  orderUpdated(
    number: $number
    afterVersion: $afterVersion
    accessKey: $accessKey
  ) {
    kind
    status
    version
    occurredAt
    carrier
    trackingNumber
  }
}
    `) as unknown as TypedDocumentString<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;
export const ProductPageDocument = new TypedDocumentString(`
    query ProductPage($slug: String!) {
  product(slug: $slug) {
    id
    name
    slug
    description
    brand {
      name
    }
    category {
      name
      breadcrumbs {
        name
        slug
      }
    }
    images {
      url
      altText
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
    variants {
      id
      sku
      name
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
      availability {
        inStock
        quantityAvailable
      }
      cartQuantity
    }
    availability {
      inStock
      totalAvailable
    }
    rating {
      average
      count
    }
    reviews(first: 5) {
      edges {
        node {
          rating
          title
          content
          verifiedPurchase
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    crossSells {
      id
      name
      slug
    }
  }
  cart {
    id
    itemCount
    subtotal {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<ProductPageQuery, ProductPageQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($query: String, $filter: SearchFilter, $sort: SearchSort!, $first: Int!, $after: String) {
  search(
    query: $query
    filter: $filter
    sort: $sort
    first: $first
    after: $after
  ) {
    totalCount
    didYouMean
    edges {
      node {
        ...ProductCard
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    facets {
      categories {
        id
        name
        slug
        count
        children {
          id
          name
          slug
          count
        }
      }
      brands {
        id
        name
        count
      }
      prices {
        min
        max
        count
      }
      ratings {
        min
        count
      }
      inStock
    }
  }
}
    fragment ProductCard on Product {
  id
  name
  slug
  brand {
    name
  }
  priceRange {
    min {
      amount
      currency
    }
  }
  rating {
    average
    count
  }
  availability {
    inStock
  }
  images(first: 1) {
    url
    altText
  }
}`) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const SearchSuggestionsDocument = new TypedDocumentString(`
    query SearchSuggestions($prefix: String!) {
  searchSuggestions(prefix: $prefix, first: 8) {
    kind
    id
    text
  }
}
    `) as unknown as TypedDocumentString<SearchSuggestionsQuery, SearchSuggestionsQueryVariables>;