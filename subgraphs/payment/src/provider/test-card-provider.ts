import { randomBytes } from 'node:crypto';
import { brandOf } from '../domain/card';
import { Decimal } from '../domain/money';
import {
  ProviderDeclined, type Authorization, type AuthorizeCall, type CardDetails, type CardToken, type Capture, type PaymentProvider,
  type ProviderRefund,
} from './port';
import { behaviourOf, behaviourOfToken, declineMessages, tokenCode } from './test-cards';
import { newEventId, WebhookSender, type SenderOptions, type WebhookTarget } from './webhook-sender';

/**
 * The built-in provider: an in-process simulation of a card processor's test mode, for the embedded default and
 * the tests. It behaves like the real thing where it matters to us — documented test cards (./test-cards.ts)
 * that succeed, decline, lack funds, error or time out; authorizations that expire; captures (full or partial,
 * never above the authorization); voids of uncaptured authorizations; refunds (never above what was captured);
 * idempotency keys; and signed webhooks delivered asynchronously, at least once.
 *
 * It never keeps a card number: a token carries only the test behaviour, brand and last four are returned once.
 * Its state (authorizations) lives in this object, so it suits one process: authorizations made before a restart,
 * or by another replica, are unknown to it. A real processor adapter implements the same port without that limit.
 */
export interface TestCardProviderOptions {
  /** How long an authorization holds; default 7 days, as card networks allow for most merchants. */
  authorizationTtlMs?: number;
  /** The timeout card: the authorization is made at once, its answer arrives this late (default 60 s). */
  slowAnswerMs?: number;
  /** Where webhooks go; can be set later with connectWebhooks (the URL is known once the server listens). */
  webhooks?: WebhookTarget;
  delivery?: SenderOptions;
  now?: () => Date;
}

interface HeldAuthorization {
  id: string;
  reference: string;
  amount: Decimal;
  currency: string;
  captured: Decimal;
  refunded: Decimal;
  voided: boolean;
  expiresAt: Date;
}

export const TEST_PROVIDER = 'test-provider';
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED_KEYS = 10_000;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** 2.9 % + 0.30, the usual card-not-present price, rounded half up to the cent. */
export const feeFor = (amount: Decimal) => amount.times('0.029').plus('0.30').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export class TestCardProvider implements PaymentProvider {
  readonly name = TEST_PROVIDER;
  readonly webhooks: WebhookSender;
  private readonly authorizations = new Map<string, HeldAuthorization>();
  private readonly answers = new Map<string, Promise<unknown>>();
  private readonly slowTimers = new Set<NodeJS.Timeout>();
  private readonly ttlMs: number;
  private readonly slowAnswerMs: number;
  private readonly now: () => Date;

  constructor(options: TestCardProviderOptions = {}) {
    this.ttlMs = options.authorizationTtlMs ?? 7 * DAY_MS;
    this.slowAnswerMs = options.slowAnswerMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    this.webhooks = new WebhookSender(options.delivery);
    this.webhooks.connect(options.webhooks);
  }

  connectWebhooks(target: WebhookTarget | undefined): void {
    this.webhooks.connect(target);
  }

  async tokenizeCard(card: CardDetails): Promise<CardToken> {
    const digits = card.number.replace(/[\s-]/g, '');
    const token = `pm_test_${tokenCode(behaviourOf(digits))}_${randomBytes(12).toString('hex')}`;
    return { token, brand: brandOf(digits), lastFour: digits.slice(-4), expMonth: card.expMonth, expYear: card.expYear };
  }

  authorize(call: AuthorizeCall): Promise<Authorization> {
    return this.once(`authorize:${call.idempotencyKey}`, () => this.authorizeOnce(call));
  }

  private async authorizeOnce(call: AuthorizeCall): Promise<Authorization> {
    const behaviour = behaviourOfToken(call.token);
    if (!behaviour) throw new ProviderDeclined('processing_error', 'The payment method is not one this provider issued.');
    if (behaviour !== 'succeeds' && behaviour !== 'times_out') {
      this.emit('payment.failed', { reference: call.reference, reason: behaviour });
      throw new ProviderDeclined(behaviour, declineMessages[behaviour]);
    }
    const held: HeldAuthorization = {
      id: id('auth'),
      reference: call.reference,
      amount: new Decimal(call.amount),
      currency: call.currency,
      captured: new Decimal(0),
      refunded: new Decimal(0),
      voided: false,
      expiresAt: new Date(this.now().getTime() + this.ttlMs),
    };
    this.authorizations.set(held.id, held);
    this.emit('payment.authorized', { ...this.describe(held), expiresAt: held.expiresAt.toISOString() });
    const answer: Authorization = { authorizationId: held.id, amount: held.amount.toFixed(2), currency: held.currency, expiresAt: held.expiresAt };
    if (behaviour === 'succeeds') return answer;
    // The request was processed, but its answer is lost on the way back (or arrives long after anyone waits).
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.slowTimers.delete(timer);
        resolve(answer);
      }, this.slowAnswerMs);
      timer.unref();
      this.slowTimers.add(timer);
    });
  }

  capture(call: { authorizationId: string; amount: string; idempotencyKey: string }): Promise<Capture> {
    return this.once(`capture:${call.idempotencyKey}`, async () => {
      const held = this.held(call.authorizationId);
      const amount = new Decimal(call.amount);
      if (held.voided) throw new ProviderDeclined('processing_error', 'This authorization was voided.');
      if (held.expiresAt.getTime() <= this.now().getTime()) throw new ProviderDeclined('authorization_expired', declineMessages.authorization_expired);
      if (amount.lte(0) || held.captured.plus(amount).gt(held.amount)) {
        throw new ProviderDeclined('processing_error', 'The capture is more than what remains of the authorization.');
      }
      held.captured = held.captured.plus(amount);
      const capture: Capture = { captureId: id('cap'), amount: amount.toFixed(2), fee: feeFor(amount).toFixed(2) };
      this.emit('payment.captured', { ...this.describe(held), captureId: capture.captureId, captureAmount: capture.amount, fee: capture.fee });
      return capture;
    });
  }

  async void(authorizationId: string): Promise<void> {
    const held = this.held(authorizationId);
    if (held.voided) return;
    if (held.captured.gt(0)) throw new ProviderDeclined('processing_error', 'A partly captured authorization cannot be voided.');
    held.voided = true;
    this.emit('payment.voided', this.describe(held));
  }

  async voidIfAuthorized(reference: string): Promise<string[]> {
    const open = [...this.authorizations.values()].filter((a) => a.reference === reference && !a.voided && a.captured.eq(0));
    for (const held of open) await this.void(held.id);
    return open.map((a) => a.id);
  }

  refund(call: { authorizationId: string; amount: string; idempotencyKey: string }): Promise<ProviderRefund> {
    return this.once(`refund:${call.idempotencyKey}`, async () => {
      const held = this.held(call.authorizationId);
      const amount = new Decimal(call.amount);
      if (amount.lte(0) || held.refunded.plus(amount).gt(held.captured)) {
        throw new ProviderDeclined('processing_error', 'The refund is more than what was captured and not yet refunded.');
      }
      held.refunded = held.refunded.plus(amount);
      const refund: ProviderRefund = { refundId: id('re'), amount: amount.toFixed(2) };
      this.emit('charge.refunded', { ...this.describe(held), refundId: refund.refundId, refundAmount: refund.amount });
      return refund;
    });
  }

  /** What the provider holds for one of our payments (tests and reconciliation checks read it). */
  authorizationsFor(reference: string) {
    return [...this.authorizations.values()].filter((a) => a.reference === reference).map((a) => this.describe(a));
  }

  async close(): Promise<void> {
    for (const timer of this.slowTimers) clearTimeout(timer);
    this.slowTimers.clear();
    await this.webhooks.close();
  }

  private held(authorizationId: string): HeldAuthorization {
    const held = this.authorizations.get(authorizationId);
    if (!held) throw new ProviderDeclined('processing_error', 'The provider does not know this authorization.');
    return held;
  }

  private describe(a: HeldAuthorization) {
    return {
      reference: a.reference,
      authorizationId: a.id,
      amount: a.amount.toFixed(2),
      currency: a.currency,
      capturedTotal: a.captured.toFixed(2),
      refundedTotal: a.refunded.toFixed(2),
      voided: a.voided,
    };
  }

  private emit(type: string, data: Record<string, unknown>): void {
    this.webhooks.send({ id: newEventId(), type, created: Math.floor(this.now().getTime() / 1000), data });
  }

  /** Idempotency: a repeated key gets the first call's answer (or its error), and nothing happens twice. */
  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = work();
      this.answers.set(key, answer);
      answer.catch(() => undefined);
      // Keys are remembered for the most recent calls only, as processors keep them for a day or so.
      if (this.answers.size > MAX_REMEMBERED_KEYS) this.answers.delete(this.answers.keys().next().value as string);
    }
    return answer;
  }
}
