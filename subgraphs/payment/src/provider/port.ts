import type { CardBrand } from '../domain/card';
import type { DeclineReason } from '../domain/payment';

/**
 * The port every card processor adapter implements. Amounts are decimal strings in the payment's currency.
 * Card numbers enter through `tokenizeCard` only and come back as a token; everything else uses the token.
 * Processors answer asynchronously too: they POST signed webhooks (see ../webhooks) that confirm, or
 * reconcile, what the synchronous answers said.
 */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holderName?: string | null;
}

export interface CardToken {
  token: string;
  brand: CardBrand;
  lastFour: string;
  expMonth: number;
  expYear: number;
}

export interface AuthorizeCall {
  /** Our payment id; the provider echoes it in webhooks and can void by it. */
  reference: string;
  token: string;
  amount: string;
  currency: string;
  /** The provider answers a repeated key with the first answer instead of authorizing twice. */
  idempotencyKey: string;
}

export interface Authorization {
  authorizationId: string;
  amount: string;
  currency: string;
  expiresAt: Date;
}

export interface Capture {
  captureId: string;
  amount: string;
  /** The processor's fee for this capture. */
  fee: string;
}

export interface ProviderRefund {
  refundId: string;
  amount: string;
}

export interface PaymentProvider {
  /** Stored in payments.provider and payment_methods.provider; names the webhook route /webhooks/<name>. */
  readonly name: string;
  tokenizeCard(card: CardDetails): Promise<CardToken>;
  authorize(call: AuthorizeCall): Promise<Authorization>;
  capture(call: { authorizationId: string; amount: string; idempotencyKey: string }): Promise<Capture>;
  void(authorizationId: string): Promise<void>;
  /**
   * After an authorization attempt whose answer never came: voids whatever the provider authorized for this
   * reference, so no hold is left on the shopper's card. Returns the voided authorization ids.
   */
  voidIfAuthorized(reference: string): Promise<string[]>;
  refund(call: { authorizationId: string; amount: string; idempotencyKey: string }): Promise<ProviderRefund>;
  /** Stops background work (webhook deliveries, pending timers). */
  close(): Promise<void>;
}

/** The processor said no; `reason` is what the shopper and the order saga get as PAYMENT_DECLINED's reason. */
export class ProviderDeclined extends Error {
  override name = 'ProviderDeclined';
  constructor(
    readonly reason: Exclude<DeclineReason, 'provider_timeout'>,
    message: string,
  ) {
    super(message);
  }
}

/** The processor did not answer in time: the outcome is unknown, so the caller must assume the worst and clean up. */
export class ProviderTimeout extends Error {
  override name = 'ProviderTimeout';
  constructor(readonly operation: string, readonly timeoutMs: number) {
    super(`The payment provider did not answer ${operation} within ${timeoutMs} ms`);
  }
}

/** Bounds any provider call; the late answer, if it ever comes, is ignored (webhooks reconcile it). */
export async function withTimeout<T>(operation: string, timeoutMs: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeout(operation, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
