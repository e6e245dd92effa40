import { GraphQLError } from 'graphql';
import type { OrderFeed } from './order-feed';
import type { LiveOrderUpdate, OrderUpdateFacts } from './order-update';

/** Orders whose last delivered version a stream remembers (to drop duplicates); the oldest are forgotten first. */
const REMEMBERED_ORDERS = 1_000;

/**
 * One subscription's updates, as the async iterator graphql-js subscribes to. Hand-written rather than an
 * `async function*`: a generator blocked in `await` ignores `return()` and would keep its feed listener forever.
 * Every way out (client completes, socket drops, error, too slow a reader) removes the listener exactly once.
 *
 * Until `release` it holds live updates back, so a catch-up read from the order's history can go first; each
 * order's updates then reach the subscriber once and in version order (duplicates are dropped).
 */
export class UpdateStream implements AsyncIterableIterator<OrderUpdateFacts> {
  private readonly queue: OrderUpdateFacts[] = [];
  private readonly waiting: { resolve: (r: IteratorResult<OrderUpdateFacts>) => void; reject: (e: unknown) => void }[] = [];
  private readonly lastVersion = new Map<string, number>();
  private held: LiveOrderUpdate[] | null = [];
  private unlisten: (() => void) | null;
  private failure: unknown = null;
  private ended = false;

  constructor(
    feed: OrderFeed,
    accept: (update: LiveOrderUpdate) => boolean,
    private readonly maxQueued: number,
  ) {
    this.unlisten = feed.listen((update) => {
      if (!accept(update)) return;
      if (!this.held) return this.push(update);
      this.held.push(update);
      // Held while the order is looked up (all orders', until its id is known): bounded like the queue.
      if (this.held.length > this.maxQueued) this.fail(tooSlow());
    });
  }

  /**
   * Sends `first` (caught up from history), then what arrived meanwhile, then live updates as they come; with `from`,
   * nothing of that order at or below its version (the subscriber has it already).
   */
  release(first: OrderUpdateFacts[] = [], keep: (update: LiveOrderUpdate) => boolean = () => true, from?: { orderId: string; version: number }): void {
    if (from) this.lastVersion.set(from.orderId, from.version);
    const held = (this.held ?? []).filter(keep);
    this.held = null;
    for (const update of [...first, ...held]) this.push(update);
  }

  private push(update: OrderUpdateFacts): void {
    if (this.ended) return;
    const last = this.lastVersion.get(update.orderId);
    if (last !== undefined && update.version <= last) return;
    this.lastVersion.delete(update.orderId);
    this.lastVersion.set(update.orderId, update.version);
    if (this.lastVersion.size > REMEMBERED_ORDERS) this.lastVersion.delete(this.lastVersion.keys().next().value!);
    const waiter = this.waiting.shift();
    if (waiter) return waiter.resolve({ value: update, done: false });
    this.queue.push(update);
    if (this.queue.length > this.maxQueued) {
      this.fail(tooSlow());
    }
  }

  /** Ends the stream with an error the subscriber receives. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = error;
    this.queue.length = 0;
    this.end();
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  next(): Promise<IteratorResult<OrderUpdateFacts>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<OrderUpdateFacts>> {
    this.end();
    this.queue.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<OrderUpdateFacts>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    this.ended = true;
    this.held = null;
    this.unlisten?.();
    this.unlisten = null;
  }
}

const tooSlow = () =>
  new GraphQLError('This subscription fell too far behind and was ended; subscribe again with afterVersion.', {
    extensions: { code: 'SUBSCRIPTION_TOO_SLOW' },
  });
