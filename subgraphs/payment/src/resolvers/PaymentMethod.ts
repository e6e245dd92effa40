import type { PaymentMethodResolvers, PaymentMethodType } from './types.generated';

/** Only what a shopper may see of a saved card: never the provider's token. */
export const PaymentMethod: PaymentMethodResolvers = {
  // method_type's CHECK allows only card, paypal and bank_transfer.
  type: (m) => m.methodType.toUpperCase() as PaymentMethodType,
  brand: (m) => m.cardBrand,
  lastFour: (m) => m.cardLastFour,
  expMonth: (m) => m.cardExpiryMonth,
  expYear: (m) => m.cardExpiryYear,
  isDefault: (m) => m.isDefault ?? false,
  createdAt: (m) => (m.createdAt ?? new Date(0)).toISOString(),
};
