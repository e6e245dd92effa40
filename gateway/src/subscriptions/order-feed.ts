import { eventStream, type EventTransport, type Logger } from '@shop/platform';
import { startReplicaFeed } from '../replica-feed';
import { orderUpdateOf, type LiveOrderUpdate } from './order-update';

export type OrderUpdateListener = (update: LiveOrderUpdate) => void;

export interface OrderFeed {
  /** Calls `listener` with every order change from now on; the returned function stops that. */
  listen(listener: OrderUpdateListener): () => void;
  /** Listeners registered now (the leak tests compare it with the baseline). */
  listenerCount(): number;
  stop(): Promise<void>;
}

export interface OrderFeedOptions {
  transport: EventTransport;
  log: Logger;
  /** How long one read waits for new events before it asks again (and notices a stop). */
  blockMs?: number;
}

/**
 * Every order change this gateway replica hears, from the order context's stream (`events:order`), spread to its
 * own subscribers; missed changes are caught up from the order's event history (`afterVersion`), never from the
 * stream.
 */
export function startOrderFeed(options: OrderFeedOptions): OrderFeed {
  const { log } = options;
  const listeners = new Set<OrderUpdateListener>();
  const feed = startReplicaFeed({
    transport: options.transport,
    streams: [eventStream('order')],
    name: 'order feed',
    log,
    blockMs: options.blockMs,
    onEvent(envelope) {
      const update = orderUpdateOf(envelope);
      if (!update) return;
      for (const listener of [...listeners]) {
        try {
          listener(update);
        } catch (err) {
          log.error({ err }, 'order update listener failed');
        }
      }
    },
  });
  return {
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
    async stop() {
      listeners.clear();
      await feed.stop();
    },
  };
}
