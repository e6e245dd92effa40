import { randomBytes } from 'node:crypto';
import { signatureHeader } from '@shop/platform';

/** What a provider POSTs: Stripe's envelope (id, type, created, data). */
export interface WebhookEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  data: Record<string, unknown>;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface SenderOptions {
  /** Delay before the first attempt, as a real processor's queue adds. */
  delayMs?: number;
  /** Attempts per event before giving up; the wait doubles after each failure. */
  maxAttempts?: number;
  retryBaseMs?: number;
}

export const newEventId = () => `evt_${randomBytes(12).toString('hex')}`;

/**
 * At-least-once delivery, as processors do it: each event is POSTed, signed, after a short delay, and retried with
 * backoff until the endpoint answers 2xx. The receiver must therefore expect duplicates.
 */
export class WebhookSender {
  private target: WebhookTarget | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;
  readonly delivered: WebhookEvent[] = [];

  constructor(private readonly options: SenderOptions = {}) {}

  connect(target: WebhookTarget | undefined): void {
    this.target = target;
  }

  send(event: WebhookEvent): void {
    if (!this.target || this.closed) return;
    this.schedule(event, 1, this.options.delayMs ?? 25);
  }

  private schedule(event: WebhookEvent, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const delivery = this.attempt(event, attempt).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(event: WebhookEvent, attempt: number): Promise<void> {
    const target = this.target;
    if (!target || this.closed) return;
    const body = JSON.stringify(event);
    let ok = false;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'shop-signature': signatureHeader(target.secret, Math.floor(Date.now() / 1000), body),
        },
        body,
        signal: this.abort.signal,
      });
      await response.arrayBuffer();
      ok = response.ok;
    } catch {
      ok = false;
    }
    if (ok) this.delivered.push(event);
    else if (attempt < (this.options.maxAttempts ?? 8) && !this.closed) {
      this.schedule(event, attempt + 1, (this.options.retryBaseMs ?? 500) * 2 ** (attempt - 1));
    }
  }

  /** Waits until nothing is scheduled or in flight (tests use it to wait for the asynchronous side). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.timers.size > 0 || this.inFlight.size > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
