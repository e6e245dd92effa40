import type { CustomerContext } from '../context';
import { pointsToNextTier, tierFor } from '../domain/loyalty';
import type { Customer as CustomerRow, CustomerAddress, CustomerLoyalty, CustomerPreferences, LoyaltyTransaction } from '../generated/prisma/client';
import { loyaltyTransactions } from '../services/loyalty';
import { customerFor } from '../services/profile';

const upper = (value: string | null | undefined, fallback: string) => (value ?? fallback).toUpperCase();
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export const Customer = {
  __resolveReference: (ref: { id: string }, ctx: CustomerContext) => customerFor(ctx, ref.id),
  status: (c: CustomerRow) => upper(c.customerStatus, 'active'),
  tier: (c: CustomerRow) => upper(c.tier, 'regular'),
  dateOfBirth: (c: CustomerRow) => day(c.dateOfBirth),
  createdAt: (c: CustomerRow) => (c.createdAt ?? new Date(0)).toISOString(),
  version: (c: CustomerRow) => Number(c.version ?? 1),
  roles: async (c: CustomerRow, _: unknown, ctx: CustomerContext) => (await ctx.loaders.credential.load(c.id))?.roles ?? ['customer'],
  addresses: (c: CustomerRow, _: unknown, ctx: CustomerContext) => ctx.loaders.addresses.load(c.id),
  preferences: (c: CustomerRow, _: unknown, ctx: CustomerContext) => ctx.loaders.preferences.load(c.id),
  loyalty: (c: CustomerRow, _: unknown, ctx: CustomerContext) => ctx.loaders.loyalty.load(c.id),
};

export const Address = {
  type: (a: CustomerAddress) => a.addressType.toUpperCase(),
  isDefault: (a: CustomerAddress) => a.isDefault ?? false,
};

export const Preferences = {
  emailNotifications: (p: CustomerPreferences) => p.emailNotifications ?? true,
  smsNotifications: (p: CustomerPreferences) => p.smsNotifications ?? false,
  pushNotifications: (p: CustomerPreferences) => p.pushNotifications ?? true,
  marketingEmails: (p: CustomerPreferences) => p.marketingEmails ?? true,
  language: (p: CustomerPreferences) => p.preferredLanguage ?? 'en-US',
  currency: (p: CustomerPreferences) => p.preferredCurrency ?? 'USD',
  theme: (p: CustomerPreferences) => upper(p.themePreference, 'light'),
};

export const Loyalty = {
  pointsBalance: (l: CustomerLoyalty) => l.pointsBalance ?? 0,
  lifetimePoints: (l: CustomerLoyalty) => l.lifetimePoints ?? 0,
  tierPoints: (l: CustomerLoyalty) => l.tierPoints ?? 0,
  tier: (l: CustomerLoyalty, _: unknown, ctx: CustomerContext) => tierFor(l.tierPoints ?? 0, ctx.tiers).toUpperCase(),
  pointsToNextTier: (l: CustomerLoyalty, _: unknown, ctx: CustomerContext) => pointsToNextTier(l.tierPoints ?? 0, ctx.tiers),
  transactions: (l: CustomerLoyalty, args: { first: number }, ctx: CustomerContext) => loyaltyTransactions(ctx, l.customerId, args.first),
};

export const LoyaltyTransactionType = {
  createdAt: (t: LoyaltyTransaction) => t.createdAt.toISOString(),
};
