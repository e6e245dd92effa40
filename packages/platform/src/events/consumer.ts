import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import { deadLetterStream, decodeEnvelope, eventStream, type EventEnvelope } from './envelope';
import { applyOnce, describeProblem, type EventHandler } from './handlers';
import { createDeadLetters, type DeadLetters } from './dead-letters';
import type { SqlClient } from './outbox';
import type { EventTransport, StreamEntry } from './transport';

export interface ConsumerOptions<Tx extends SqlClient> {
  /** The receiving context: its consumer group on every stream it reads, and its dead-letter stream. */
  receiver: string;
  transport: EventTransport;
  /** Runs `work` in one transaction of the receiver's database (the context's own transaction helper). */
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  handlers: EventHandler<Tx>[];
  logger?: Logger;
  /** Failed attempts before an event goes to the dead-letter stream (default 5). */
  maxAttempts?: number;
  /** Wait after the first failure, doubled after each (default 200 ms, at most `maxBackoffMs`, default 10 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a delivered, unacknowledged event may sit before another consumer of the group takes it over
   * (XAUTOCLAIM; default 30 s). A live consumer refreshes the events it is still working on every third of this,
   * so only a dead or stalled consumer's events are reclaimed; they are looked for every half of it.
   */
  claimIdleMs?: number;
  /** Events held at once by this consumer (default 100) and handled in parallel (default 4). */
  maxInFlight?: number;
  concurrency?: number;
  /** A new group reads the streams' retained history (default) or only what is published from now on. */
  startFrom?: 'beginning' | 'latest';
  /** Defaults to `<receiver>-<host>-<pid>-<random>`: unique per process. */
  consumerName?: string;
  /** Longest wait of one blocking read (default 2 s); a stop interrupts it. */
  blockMs?: number;
}

export interface Consumer {
  readonly name: string;
  /** Events this consumer applied (not counting duplicates and events it has no handler for). */
  readonly applied: number;
  readonly deadLetters: DeadLetters;
  /** Stops reading, lets running handlers finish; events not acknowledged are reclaimed by the other consumers. */
  stop(): Promise<void>;
}

interface Task {
  entry: StreamEntry;
  done: Promise<void>;
}

/**
 * Reads the streams of the contexts its handlers name, as consumer group `<receiver>`, and applies each event
 * once: the handler's effect and the event's `processed_events` row commit in one transaction, then the event is
 * acknowledged. A redelivered event finds its row and changes nothing.
 *
 * Order: an event that names a predecessor (the aggregate's previous event in the stream) waits while that
 * predecessor is still delivered-but-unacknowledged anywhere in the group, so one aggregate's events are applied
 * in order even with many consumers. A predecessor that went to the dead letters no longer holds its successors.
 */
export function startConsumer<Tx extends SqlClient>(options: ConsumerOptions<Tx>): Consumer {
  const { receiver, transport, logger, inTransaction } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const maxInFlight = options.maxInFlight ?? 100;
  const concurrency = options.concurrency ?? 4;
  const blockMs = options.blockMs ?? 2000;
  const name = options.consumerName ?? `${receiver}-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const group = receiver;
  const deadStream = deadLetterStream(receiver);
  const streams = [...new Set(options.handlers.map((h) => eventStream(h.source)))];
  const handlers = new Map(options.handlers.map((h) => [`${eventStream(h.source)}|${h.type}`, h]));

  const inFlight = new Map<string, Task>();
  const finished = new Set<string>();
  let stopped = false;
  let applied = 0;
  let running = 0;
  const slotWaiters: (() => void)[] = [];
  const sleepers = new Set<() => void>();

  const key = (entry: Pick<StreamEntry, 'stream' | 'id'>) => `${entry.stream}|${entry.id}`;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, ms);
      sleepers.add(wakeUp);
    });
  const backoff = (attempt: number) => Math.min(backoffMs * 2 ** (attempt - 1), maxBackoffMs) * (0.8 + Math.random() * 0.4);

  /** Retries a stream operation until it succeeds or the consumer stops (Redis may be away for a while). */
  async function persist<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await operation();
      } catch (error) {
        if (stopped) break;
        logger?.warn({ err: error, receiver, consumer: name }, `event consumer: ${what} failed; retrying`);
        await sleep(Math.min(100 * 2 ** failures, 2000));
      }
    }
    return undefined;
  }

  async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    while (running >= concurrency) await new Promise<void>((resolve) => slotWaiters.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      slotWaiters.shift()?.();
    }
  }

  function remember(entry: StreamEntry) {
    finished.add(key(entry));
    if (finished.size > 10_000) finished.delete(finished.values().next().value as string);
  }

  /** Resolves once the entry's predecessor is no longer waiting to be applied by anyone in the group. */
  async function predecessorSettled(entry: StreamEntry): Promise<void> {
    if (!entry.previous) return;
    const previous = { stream: entry.stream, id: entry.previous };
    for (let waits = 0; !stopped; waits += 1) {
      if (finished.has(key(previous))) return;
      const local = inFlight.get(key(previous));
      if (local) {
        await local.done;
        continue;
      }
      const pending = await persist('checking the previous event', () => transport.isPending(entry.stream, group, previous.id));
      if (!pending) return;
      await sleep(Math.min(10 * 2 ** waits, 500));
    }
  }

  async function handle(entry: StreamEntry): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = decodeEnvelope(entry.payload);
    } catch (error) {
      await persist('dead-lettering', () => transport.deadLetter(entry, group, deadStream, `unreadable event: ${describeProblem(error)}`, 1));
      return;
    }
    const handler = handlers.get(`${entry.stream}|${envelope.type}`);
    if (!handler) {
      await persist('acknowledging', () => transport.ack(entry.stream, group, entry.id));
      return;
    }
    await predecessorSettled(entry);
    for (let attempt = 1; !stopped; attempt += 1) {
      const outcome = await withSlot(() => applyOnce(inTransaction, handler, envelope));
      if (outcome.status !== 'failed') {
        if (outcome.status === 'applied') applied += 1;
        await persist('acknowledging', () => transport.ack(entry.stream, group, entry.id));
        return;
      }
      logger?.warn({ err: outcome.error, receiver, event: envelope.id, type: envelope.type, attempt }, 'event handler failed');
      if (outcome.permanent || attempt >= maxAttempts) {
        await persist('dead-lettering', () => transport.deadLetter(entry, group, deadStream, outcome.message, attempt));
        return;
      }
      await sleep(backoff(attempt));
    }
  }

  function schedule(entry: StreamEntry) {
    const k = key(entry);
    if (inFlight.has(k) || finished.has(k)) return;
    const task: Task = {
      entry,
      done: handle(entry)
        .catch((error) => logger?.error({ err: error, receiver, streamId: entry.id }, 'event consumer: unexpected failure'))
        .finally(() => {
          inFlight.delete(k);
          remember(entry);
        }),
    };
    inFlight.set(k, task);
  }

  async function readLoop() {
    for (const stream of streams) {
      await persist('creating the consumer group', () => transport.ensureGroup(stream, group, options.startFrom ?? 'beginning'));
    }
    // Reads again once there is room for a batch (up to 50, at most half the window), not each time one event
    // finishes: under a backlog that is one XREADGROUP per batch instead of one per event.
    const refill = Math.max(1, Math.min(50, Math.floor(maxInFlight / 2)));
    while (!stopped) {
      if (maxInFlight - inFlight.size < refill) {
        await Promise.race([...inFlight.values()].map((t) => t.done));
        continue;
      }
      try {
        const entries = await transport.read(group, name, streams, Math.min(50, maxInFlight - inFlight.size), blockMs);
        for (const entry of entries) schedule(entry);
      } catch (error) {
        if (stopped) break;
        if (String((error as Error).message).includes('NOGROUP')) {
          // The store lost the group (a restart without persistence): make it again over what the stream holds
          // now — the relay publishes the lost events again, and processed_events keeps them from applying twice.
          logger?.warn({ receiver, consumer: name }, 'event consumer: consumer group missing; creating it again');
          for (const stream of streams) await persist('creating the consumer group', () => transport.ensureGroup(stream, group, 'beginning'));
          continue;
        }
        logger?.warn({ err: error, receiver, consumer: name }, 'event consumer: reading failed; retrying');
        await sleep(500);
      }
    }
  }

  /** Keeps this consumer's events from looking abandoned, and takes over the events of consumers that died. */
  async function maintain() {
    const byStream = new Map<string, string[]>();
    for (const { entry } of inFlight.values()) byStream.set(entry.stream, [...(byStream.get(entry.stream) ?? []), entry.id]);
    try {
      for (const [stream, ids] of byStream) await transport.touch(stream, group, name, ids);
    } catch (error) {
      logger?.warn({ err: error, receiver }, 'event consumer: could not refresh held events');
    }
  }

  async function reclaim() {
    for (const stream of streams) {
      if (stopped || inFlight.size >= maxInFlight) return;
      try {
        const claimed = await transport.claimIdle(stream, group, name, claimIdleMs, maxInFlight - inFlight.size);
        if (claimed.length) logger?.info({ receiver, consumer: name, count: claimed.length, stream }, 'event consumer: reclaimed idle events');
        for (const entry of claimed) {
          finished.delete(key(entry)); // ours once, not acknowledged after all: handle it again
          schedule(entry);
        }
      } catch (error) {
        logger?.warn({ err: error, receiver }, 'event consumer: reclaiming failed');
      }
    }
  }

  const heartbeat = setInterval(() => void maintain(), Math.max(claimIdleMs / 3, 50));
  const reclaimer = setInterval(() => void reclaim(), Math.max(claimIdleMs / 2, 50));
  heartbeat.unref();
  reclaimer.unref();
  const reading = readLoop().catch((error) => logger?.error({ err: error, receiver }, 'event consumer stopped reading'));

  return {
    name,
    get applied() {
      return applied;
    },
    deadLetters: createDeadLetters({ receiver, transport, inTransaction, handlers: options.handlers }),
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      clearInterval(reclaimer);
      for (const wakeUp of [...sleepers]) wakeUp();
      for (const release of slotWaiters.splice(0)) release();
      await transport.release(name);
      await reading;
      await Promise.all([...inFlight.values()].map((t) => t.done));
    },
  };
}
