import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { decodeEnvelope, eventStream, type EventTransport, type Logger } from '@shop/platform';
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

const BATCH = 200;

/**
 * Every order change this gateway replica hears, from the order context's stream (`events:order`). Each replica
 * reads the whole stream through a consumer group of its own (created at `$`: only what happens from now on), so
 * every replica gets every event and spreads it to its own subscribers; missed changes are caught up from the
 * order's event history (`afterVersion`), never from the stream.
 */
export function startOrderFeed(options: OrderFeedOptions): OrderFeed {
  const { transport, log } = options;
  const stream = eventStream('order');
  const group = `gateway:${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const consumer = `${group}:reader`;
  const listeners = new Set<OrderUpdateListener>();
  let stopped = false;

  const dispatch = (update: LiveOrderUpdate) => {
    for (const listener of [...listeners]) {
      try {
        listener(update);
      } catch (err) {
        log.error({ err }, 'order update listener failed');
      }
    }
  };

  let created = false;
  const ready = transport.ensureGroup(stream, group, 'latest').then(() => void (created = true));
  const reading = (async () => {
    let failures = 0;
    await ready.catch((err) => log.warn({ err }, 'order feed: could not create its group yet'));
    while (!stopped) {
      try {
        const entries = await transport.read(group, consumer, [stream], BATCH, options.blockMs ?? 2_000);
        for (const entry of entries) {
          try {
            const update = orderUpdateOf(decodeEnvelope(entry.payload));
            if (update) dispatch(update);
          } catch (err) {
            log.warn({ err, id: entry.id }, 'order feed: skipped an entry that is not an order event');
          }
        }
        if (entries.length) await transport.ack(stream, group, ...entries.map((e) => e.id));
        failures = 0;
      } catch (err) {
        if (stopped) break;
        failures += 1;
        log.warn({ err, failures }, 'order feed: reading events:order failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** failures, 5_000)));
        // The stream store may have come back empty (no persistence): the group must exist again. Made over what
        // the stream holds now (a no-op if the group still exists): whatever was published since the loss is new to
        // this replica's subscribers. Only a group never made yet starts at the end (no history flood at start).
        await transport.ensureGroup(stream, group, created ? 'beginning' : 'latest').then(() => void (created = true), () => undefined);
      }
    }
  })();

  return {
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
    async stop() {
      stopped = true;
      listeners.clear();
      await transport.release(consumer);
      await reading;
      // The group lives as long as this replica; one left by a crash holds nothing pending (all acknowledged).
      await transport.dropGroup(stream, group).catch((err) => log.warn({ err }, 'order feed: could not remove its group'));
    },
  };
}
