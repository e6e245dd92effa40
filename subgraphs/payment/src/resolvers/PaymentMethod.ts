import type { PaymentMethod as MethodRow } from '../generated/prisma/client';

/** Only what a shopper may see of a saved card: never the provider's token. */
export const PaymentMethod = {
  type: (m: MethodRow) => m.methodType.toUpperCase(),
  brand: (m: MethodRow) => m.cardBrand,
  lastFour: (m: MethodRow) => m.cardLastFour,
  expMonth: (m: MethodRow) => m.cardExpiryMonth,
  expYear: (m: MethodRow) => m.cardExpiryYear,
  isDefault: (m: MethodRow) => m.isDefault ?? false,
  createdAt: (m: MethodRow) => (m.createdAt ?? new Date(0)).toISOString(),
};
