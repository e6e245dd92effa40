import { pointsToNextTier, tierFor, type Tier } from '../domain/loyalty';
import { loyaltyTransactions } from '../services/loyalty';
import { customerFor } from '../services/profile';
import type {
  AddressResolvers, AddressType, CustomerResolvers, CustomerStatus, LoyaltyResolvers, LoyaltyTier, LoyaltyTransactionResolvers, PreferencesResolvers, Theme,
} from './types.generated';

/** A column's CHECK holds the enum's values in lower case. */
const upper = <E extends string>(value: string | null | undefined, fallback: string) => (value ?? fallback).toUpperCase() as E;
/** Every customer is created with its preferences and loyalty rows (register, first sign-in, staff). */
const created = <T>(row: T | null, what: string, customerId: string): T => {
  if (!row) throw new Error(`Customer ${customerId} has no ${what} row`);
  return row;
};
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export const Customer: CustomerResolvers = {
  __resolveReference: (ref, ctx) => customerFor(ctx, ref.id),
  status: (c) => upper<CustomerStatus>(c.customerStatus, 'active'),
  tier: (c) => upper<LoyaltyTier>(c.tier, 'regular'),
  dateOfBirth: (c) => day(c.dateOfBirth),
  createdAt: (c) => (c.createdAt ?? new Date(0)).toISOString(),
  version: (c) => Number(c.version ?? 1),
  roles: async (c, _, ctx) => (await ctx.loaders.credential.load(c.id))?.roles ?? ['customer'],
  addresses: (c, _, ctx) => ctx.loaders.addresses.load(c.id),
  preferences: async (c, _, ctx) => created(await ctx.loaders.preferences.load(c.id), 'preferences', c.id),
  loyalty: async (c, _, ctx) => created(await ctx.loaders.loyalty.load(c.id), 'loyalty', c.id),
};

export const Address: AddressResolvers = {
  type: (a) => a.addressType.toUpperCase() as AddressType,
  isDefault: (a) => a.isDefault ?? false,
};

export const Preferences: PreferencesResolvers = {
  emailNotifications: (p) => p.emailNotifications ?? true,
  smsNotifications: (p) => p.smsNotifications ?? false,
  pushNotifications: (p) => p.pushNotifications ?? true,
  marketingEmails: (p) => p.marketingEmails ?? true,
  language: (p) => p.preferredLanguage ?? 'en-US',
  currency: (p) => p.preferredCurrency ?? 'USD',
  theme: (p) => upper<Theme>(p.themePreference, 'light'),
};

export const Loyalty: LoyaltyResolvers = {
  pointsBalance: (l) => l.pointsBalance ?? 0,
  lifetimePoints: (l) => l.lifetimePoints ?? 0,
  tierPoints: (l) => l.tierPoints ?? 0,
  tier: (l, _, ctx) => tierFor(l.tierPoints ?? 0, ctx.tiers).toUpperCase() as Uppercase<Tier>,
  pointsToNextTier: (l, _, ctx) => pointsToNextTier(l.tierPoints ?? 0, ctx.tiers),
  transactions: (l, args, ctx) => loyaltyTransactions(ctx, l.customerId, args.first),
};

export const LoyaltyTransactionType: LoyaltyTransactionResolvers = {
  createdAt: (t) => t.createdAt.toISOString(),
};
