import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import { applyingEvents, eventApplied } from '../observability/events';
import { eventsDeadLettered } from '../observability/metrics';
import { deadLetterStream, decodeEnvelope, eventStream, type EventEnvelope } from './envelope';
import { applyBatch, applyOnce, describeProblem, type ApplyOutcome, type BatchOutcome, type EventHandler } from './handlers';
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
  /** Events held at once by this consumer (default 100); receiver transactions run in parallel (default 4). */
  maxInFlight?: number;
  concurrency?: number;
  /**
   * Most events applied together in one receiver transaction (default 50; at most 50, as a batch with a failure
   * is run again with a savepoint per event and PostgreSQL caches 64 subtransactions per transaction; 1: one
   * transaction per event).
   */
  batchSize?: number;
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
  /** Resolves once the event is acknowledged, dead-lettered or given up on (the consumer stopped). */
  done: Promise<void>;
  settle(): void;
  /** Set while the event goes the batched way. */
  batched?: Queued<unknown>;
}

/**
 * An event on its way into a batch. `checking`: asking the group whether its predecessor is still held elsewhere;
 * `queued`: waiting for a transaction; `batched`: in a running one; `done`: its effect committed (acknowledging);
 * `alone`: left the batched way (failed in its batch, or waits for a predecessor that did).
 */
interface Queued<Tx> {
  task: Task;
  envelope: EventEnvelope;
  handler: EventHandler<Tx>;
  /** The aggregate's previous event, when it is on the batched way too: this one goes in its batch or after it. */
  after: Queued<Tx> | null;
  state: 'checking' | 'queued' | 'batched' | 'done' | 'alone';
}

/** Fewest events per receiver transaction before waiting events are spread over parallel transactions. */
const MIN_PER_TRANSACTION = 8;

/**
 * Reads the streams of the contexts its handlers name, as consumer group `<receiver>`, and applies each event
 * once: the handler's effect and the event's `processed_events` row commit in one transaction, then the event is
 * acknowledged. A redelivered event finds its row and changes nothing.
 *
 * Batches: events that arrive while the receiver's transactions are busy are applied together when a slot frees
 * up — up to `batchSize` per transaction (`applyBatch`: a failing event undoes only itself), split over up to
 * `concurrency` transactions, acknowledged with one XACK. Under light traffic that is one short transaction per
 * event as it arrives; under a backlog or after a stall, few transactions catch up instead of one per event. An
 * event that fails in a batch goes on alone, with retries and backoff; if a batch's transaction fails as a whole,
 * each of its events is applied alone.
 *
 * Order: an event that names a predecessor (the aggregate's previous event in the stream) waits while that
 * predecessor is still delivered-but-unacknowledged anywhere in the group, so one aggregate's events are applied
 * in order even with many consumers; it runs after its predecessor in the same transaction, or in a later one
 * once the predecessor's has committed. A predecessor that went to the dead letters no longer holds its successors.
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
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 50, 50));
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
  /** Events ready for a batch, in stream order. */
  const queue: Queued<Tx>[] = [];
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

  /** Runs `work` in one of the `concurrency` slots, each a receiver transaction at a time. */
  async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (running < concurrency) running += 1;
    else await new Promise<void>((resolve) => slotWaiters.push(resolve)); // handed a slot by the one that ends
    try {
      return await work();
    } finally {
      releaseSlot();
    }
  }

  /** Passes a freed slot to an event waiting alone (retries first: they must not starve), else to the queue. */
  function releaseSlot() {
    const next = slotWaiters.shift();
    if (next) next();
    else {
      running -= 1;
      pump();
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

  /** Ends an event's part: applied (or a duplicate) and acknowledged, dead-lettered, or left for a retry (false). */
  async function conclude(entry: StreamEntry, envelope: EventEnvelope, outcome: ApplyOutcome, attempt: number): Promise<boolean> {
    if (outcome.status !== 'failed') {
      if (outcome.status === 'applied') {
        applied += 1;
        eventApplied(receiver, envelope);
      }
      await persist('acknowledging', () => transport.ack(entry.stream, group, entry.id));
      return true;
    }
    logger?.warn({ err: outcome.error, receiver, event: envelope.id, type: envelope.type, attempt }, 'event handler failed');
    if (outcome.permanent || attempt >= maxAttempts) {
      await persist('dead-lettering', () => transport.deadLetter(entry, group, deadStream, outcome.message, attempt));
      eventsDeadLettered.inc({ receiver });
      return true;
    }
    return false;
  }

  /** Applies one event alone, from attempt `first` on, with backoff between attempts. */
  async function attempts(entry: StreamEntry, envelope: EventEnvelope, handler: EventHandler<Tx>, first: number): Promise<void> {
    for (let attempt = first; !stopped; attempt += 1) {
      const outcome = await withSlot(() => applyingEvents(receiver, [envelope], () => applyOnce(inTransaction, handler, envelope)));
      if (await conclude(entry, envelope, outcome, attempt)) return;
      await sleep(backoff(attempt));
    }
  }

  /** One event on its own: decoded, its predecessor waited for (unless already known settled), then applied. */
  async function handle(entry: StreamEntry, predecessorKnownSettled = false): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = decodeEnvelope(entry.payload);
    } catch (error) {
      await persist('dead-lettering', () => transport.deadLetter(entry, group, deadStream, `unreadable event: ${describeProblem(error)}`, 1));
      eventsDeadLettered.inc({ receiver });
      return;
    }
    const handler = handlers.get(`${entry.stream}|${envelope.type}`);
    if (!handler) {
      await persist('acknowledging', () => transport.ack(entry.stream, group, entry.id));
      return;
    }
    if (!predecessorKnownSettled) await predecessorSettled(entry);
    await attempts(entry, envelope, handler, 1);
  }

  /** A failure no event's outcome accounts for (a bug, or the stream store failing past `persist`'s retries). */
  const unexpected = (error: unknown, streamId?: string) => logger?.error({ err: error, receiver, streamId }, 'event consumer: unexpected failure');

  /** Runs an event's part and settles its task whatever happens. */
  function guard(task: Task, work: () => Promise<void>): Promise<void> {
    return work()
      .catch((error) => unexpected(error, task.entry.id))
      .finally(() => task.settle());
  }

  /** Acknowledges the tasks' entries with one XACK per stream, then settles them whatever happens. */
  function ackAndSettle(tasks: Task[]): void {
    const byStream = new Map<string, string[]>();
    for (const { entry } of tasks) byStream.set(entry.stream, [...(byStream.get(entry.stream) ?? []), entry.id]);
    void (async () => {
      for (const [stream, ids] of byStream) await persist('acknowledging', () => transport.ack(stream, group, ...ids));
    })()
      .catch((error) => unexpected(error))
      .finally(() => tasks.forEach((task) => task.settle()));
  }

  /** Marks an event as leaving the batched way and sends it on alone (waiting for its predecessor if need be). */
  function goAlone(item: Queued<Tx>, predecessorKnownSettled = false) {
    item.state = 'alone';
    void guard(item.task, () => handle(item.task.entry, predecessorKnownSettled));
  }

  /**
   * Takes the next transaction's events from the queue, in stream order: an event whose aggregate's previous
   * event is still waiting or running in another transaction stays queued; one whose predecessor left the batched
   * way goes alone. Takes a share of what waits, so parallel transactions split a backlog.
   */
  function take(size: number): Queued<Tx>[] {
    const batch = new Set<Queued<Tx>>();
    const keep: Queued<Tx>[] = [];
    for (const item of queue) {
      const before = item.after;
      if (batch.size >= size) keep.push(item);
      else if (!before || before.state === 'done' || batch.has(before)) batch.add(item);
      else if (before.state === 'alone') goAlone(item);
      else keep.push(item);
    }
    queue.splice(0, queue.length, ...keep);
    for (const item of batch) item.state = 'batched';
    return [...batch];
  }

  /** Starts transactions for queued events while slots are free: events that waited meanwhile go in together. */
  function pump() {
    while (!stopped && queue.length && running < concurrency && !slotWaiters.length) {
      const free = concurrency - running;
      const batch = take(Math.min(batchSize, Math.max(MIN_PER_TRANSACTION, Math.ceil(queue.length / free))));
      if (!batch.length) return;
      running += 1;
      void applyTogether(batch)
        .catch((error) => unexpected(error))
        .finally(releaseSlot);
    }
  }

  /** One receiver transaction for `batch` (in the slot `pump` took); what failed goes on alone afterwards. */
  async function applyTogether(batch: Queued<Tx>[]): Promise<void> {
    if (batch.length === 1) {
      const [item] = batch;
      const outcome = await applyingEvents(receiver, [item.envelope], () => applyOnce(inTransaction, item.handler, item.envelope));
      item.state = outcome.status === 'failed' ? 'alone' : 'done';
      void guard(item.task, () => concludeFirst(item, outcome));
      return;
    }
    const index = new Map(batch.map((item, i) => [item, i]));
    const items = batch.map((item) => ({ handler: item.handler, event: item.envelope, after: (item.after && index.get(item.after)) ?? null }));
    let outcomes: BatchOutcome[];
    try {
      outcomes = await applyingEvents(receiver, batch.map((item) => item.envelope), () => applyBatch(inTransaction, items));
    } catch (error) {
      logger?.warn({ err: error, receiver, events: batch.length }, 'event consumer: a batch failed as a whole; applying its events one by one');
      // In-batch predecessors are held by this consumer: each successor waits for its own.
      batch.forEach((item, i) => goAlone(item, items[i].after === null));
      return;
    }
    const done: Queued<Tx>[] = [];
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.status === 'deferred') goAlone(item); // waits for its predecessor, which failed here
      else if (outcome.status === 'failed') {
        item.state = 'alone';
        void guard(item.task, () => concludeFirst(item, outcome));
      } else {
        if (outcome.status === 'applied') {
          applied += 1;
          eventApplied(receiver, item.envelope);
        }
        item.state = 'done';
        done.push(item);
      }
    });
    ackAndSettle(done.map((item) => item.task));
  }

  /** After an event's first attempt, made in a batch: acknowledged, dead-lettered, or retried alone. */
  async function concludeFirst(item: Queued<Tx>, outcome: ApplyOutcome): Promise<void> {
    const { task, envelope, handler } = item;
    if (await conclude(task.entry, envelope, outcome, 1)) return;
    await sleep(backoff(1));
    await attempts(task.entry, envelope, handler, 2);
  }

  /**
   * Puts an event on the batched way once its predecessor is known not to be held elsewhere in the group. Without
   * a check it only queues the event: `schedule` starts transactions once the whole read is queued.
   */
  async function enqueue(item: Queued<Tx>, check: boolean) {
    if (check) {
      const pending = await persist('checking the previous event', () => transport.isPending(item.task.entry.stream, group, item.task.entry.previous!));
      if (stopped) {
        item.task.settle();
        return;
      }
      if (pending) {
        goAlone(item);
        pump(); // its successors queued meanwhile go alone too
        return;
      }
    }
    item.state = 'queued';
    queue.push(item);
    if (check) pump();
  }

  /**
   * Takes new entries: each goes the batched way unless its aggregate's previous event is held by this consumer
   * on its own, or still held by another consumer of the group; then it waits alone, as do unreadable events.
   */
  function schedule(entries: StreamEntry[]) {
    const unhandled: Task[] = [];
    for (const entry of entries) {
      const task = track(entry);
      if (!task) continue;
      let envelope: EventEnvelope;
      try {
        envelope = decodeEnvelope(entry.payload);
      } catch {
        void guard(task, () => handle(entry)); // dead-letters it
        continue;
      }
      const handler = handlers.get(`${entry.stream}|${envelope.type}`);
      if (!handler) {
        unhandled.push(task);
        continue;
      }
      const item: Queued<Tx> = { task, envelope, handler, after: null, state: 'checking' };
      let check = false;
      if (entry.previous) {
        const previous = key({ stream: entry.stream, id: entry.previous });
        const held = inFlight.get(previous);
        if (held?.batched && held.batched.state !== 'alone') item.after = held.batched as Queued<Tx>;
        else if (held) {
          void guard(task, () => handle(entry)); // waits for it
          continue;
        } else check = !finished.has(previous);
      }
      task.batched = item as Queued<unknown>;
      void enqueue(item, check).catch((error) => {
        unexpected(error, entry.id);
        task.settle();
      });
    }
    if (unhandled.length) ackAndSettle(unhandled);
    pump();
  }

  function track(entry: StreamEntry): Task | null {
    const k = key(entry);
    if (inFlight.has(k) || finished.has(k)) return null;
    let resolve!: () => void;
    const task: Task = {
      entry,
      done: new Promise<void>((r) => (resolve = r)),
      settle: () => {
        if (inFlight.get(k) !== task) return;
        inFlight.delete(k);
        remember(entry);
        resolve();
      },
    };
    inFlight.set(k, task);
    return task;
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
        schedule(entries);
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
        for (const entry of claimed) finished.delete(key(entry)); // ours once, not acknowledged after all: handle it again
        schedule(claimed);
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
      for (const item of queue.splice(0)) item.task.settle(); // not acknowledged: another consumer takes them over
      await transport.release(name);
      await reading;
      await Promise.all([...inFlight.values()].map((t) => t.done));
    },
  };
}
