import { recordEvent } from '@shop/platform';
import type { CustomerTx } from '../db';
import type { Tier } from '../domain/loyalty';
import type { Customer } from '../generated/prisma/client';

/**
 * The integration events the customer context publishes, named <Aggregate><PastTense> and recorded in the
 * transaction that makes the change. Receivers (notification's contact book, later) keep their own copy of this
 * contract. Contact facts only: never a password, a token or a refresh-token family.
 */
export const CUSTOMER_EVENTS_SCHEMA = 1;

/** Who to contact and how: what a registration or a profile change tells the other contexts. */
export interface CustomerContactData {
  customerId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  status: string;
  /** The customer's preferred language (BCP 47, e.g. de-DE), for messages in it. */
  language: string;
  occurredAt: string;
}

const contactOf = (customer: Customer, language: string, occurredAt: Date): CustomerContactData => ({
  customerId: customer.id,
  email: customer.email,
  firstName: customer.firstName,
  lastName: customer.lastName,
  phone: customer.phone,
  status: customer.customerStatus ?? 'active',
  language,
  occurredAt: occurredAt.toISOString(),
});

/** Call after the write: the customer's version is the event's. */
function recordCustomerEvent(tx: CustomerTx, customer: Customer, type: string, data: object, occurredAt: Date) {
  return recordEvent(tx, {
    aggregateType: 'Customer',
    aggregateId: customer.id,
    type,
    version: customer.version ?? 1n,
    schemaVersion: CUSTOMER_EVENTS_SCHEMA,
    data,
    occurredAt,
  });
}

/** A new customer's preferences start with the seed's default language. */
export function customerRegistered(tx: CustomerTx, customer: Customer, language = DEFAULT_LANGUAGE) {
  const at = customer.createdAt ?? new Date();
  return recordCustomerEvent(tx, customer, 'CustomerRegistered', contactOf(customer, language, at), at);
}

/** `changed`: the fields the change named (firstName, lastName, phone, dateOfBirth, language). */
export async function customerProfileChanged(tx: CustomerTx, customer: Customer, changed: string[]) {
  const at = customer.updatedAt ?? new Date();
  const preferences = await tx.customerPreferences.findUnique({ where: { customerId: customer.id }, select: { preferredLanguage: true } });
  const language = preferences?.preferredLanguage ?? DEFAULT_LANGUAGE;
  return recordCustomerEvent(tx, customer, 'CustomerProfileChanged', { ...contactOf(customer, language, at), changed }, at);
}

const DEFAULT_LANGUAGE = 'en-US';

export function customerSuspendedOrReactivated(tx: CustomerTx, customer: Customer, suspended: boolean) {
  const at = customer.updatedAt ?? new Date();
  return recordCustomerEvent(tx, customer, suspended ? 'CustomerSuspended' : 'CustomerReactivated', { customerId: customer.id, status: customer.customerStatus, occurredAt: at.toISOString() }, at);
}

export interface TierChange {
  customerId: string;
  /** The loyalty account: the event's aggregate (it has no version column: its events are numbered in order). */
  loyaltyId: string;
  previousTier: Tier;
  tier: Tier;
  tierPoints: number;
}

/** Called with the loyalty row locked, so one account's tier events are numbered without a race. */
export function loyaltyTierChanged(tx: CustomerTx, change: TierChange) {
  const at = new Date();
  return recordEvent(tx, {
    aggregateType: 'CustomerLoyalty',
    aggregateId: change.loyaltyId,
    type: 'LoyaltyTierChanged',
    schemaVersion: CUSTOMER_EVENTS_SCHEMA,
    data: { ...change, occurredAt: at.toISOString() },
    occurredAt: at,
  });
}
