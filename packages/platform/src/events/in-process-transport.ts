import type { AppendEntry, DeadLetterEntry, EventTransport, StreamEntry } from './transport';
import { compareStreamIds, StreamLostError } from './transport';

interface Stored {
  id: string;
  payload: string;
  previous: string | null;
}

interface Pending {
  consumer: string;
  deliveredAt: number;
}

interface Group {
  lastDelivered: string;
  pending: Map<string, Pending>;
}

interface Stream {
  entries: Stored[];
  lastId: string;
  groups: Map<string, Group>;
}

/**
 * Redis Streams' consumer-group semantics in memory, for the embedded mode without Redis: the same relay,
 * consumers, retries and dead letters run over it. Correct only while every service shares this one process
 * (one instance passed to all of them): nothing survives a restart — events still in the outbox are published
 * again by the relay, but dead letters and unacknowledged deliveries are gone (handled events are not applied
 * twice: receivers keep their processed_events).
 */
export function inProcessTransport(): EventTransport {
  const streams = new Map<string, Stream>();
  const dead = new Map<string, DeadLetterEntry[]>();
  const waiters = new Set<{ consumer: string; wake: () => void }>();
  let lastMs = 0;
  let lastSeq = 0;

  const nextId = () => {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      lastSeq = 0;
    } else lastSeq += 1;
    return `${lastMs}-${lastSeq}`;
  };
  const streamOf = (name: string) => {
    let stream = streams.get(name);
    if (!stream) {
      stream = { entries: [], lastId: '0-0', groups: new Map() };
      streams.set(name, stream);
    }
    return stream;
  };
  const groupOf = (name: string, group: string) => {
    const found = streams.get(name)?.groups.get(group);
    if (!found) throw new Error(`NOGROUP No such consumer group '${group}' for key name '${name}'`);
    return found;
  };
  const toEntry = (stream: string, stored: Stored): StreamEntry => ({ stream, ...stored });
  /** Index of the first entry with an id above `id` (entries are in id order). */
  const firstAfter = (entries: Stored[], id: string) => {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareStreamIds(entries[mid].id, id) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const wakeAll = () => {
    for (const waiter of [...waiters]) waiter.wake();
  };

  const deliver = (group: string, consumer: string, names: string[], count: number): StreamEntry[] => {
    const out: StreamEntry[] = [];
    for (const name of names) {
      const stream = streamOf(name);
      const g = groupOf(name, group);
      for (let i = firstAfter(stream.entries, g.lastDelivered); i < stream.entries.length && out.length < count; i += 1) {
        const stored = stream.entries[i];
        g.lastDelivered = stored.id;
        g.pending.set(stored.id, { consumer, deliveredAt: Date.now() });
        out.push(toEntry(name, stored));
      }
    }
    return out;
  };

  return {
    kind: 'in-process',

    async append(name, entries: AppendEntry[], maxLength, expectedLast) {
      const stream = streamOf(name);
      if (expectedLast && compareStreamIds(stream.lastId, expectedLast) < 0) throw new StreamLostError(name, stream.lastId);
      const last = new Map<string, string>();
      const ids = entries.map((entry) => {
        const id = nextId();
        stream.entries.push({ id, payload: entry.payload, previous: last.get(entry.aggregateKey) ?? entry.previous });
        last.set(entry.aggregateKey, id);
        stream.lastId = id;
        return id;
      });
      if (stream.entries.length > maxLength) stream.entries.splice(0, stream.entries.length - maxLength);
      wakeAll();
      return ids;
    },

    async ensureGroup(name, group, startFrom) {
      const stream = streamOf(name);
      if (stream.groups.has(group)) return;
      const lastDelivered = startFrom === 'beginning' ? '0-0' : (stream.entries.at(-1)?.id ?? '0-0');
      stream.groups.set(group, { lastDelivered, pending: new Map() });
    },

    async dropGroup(name, group) {
      streamOf(name).groups.delete(group);
    },

    async read(group, consumer, names, count, blockMs) {
      const now = deliver(group, consumer, names, count);
      if (now.length || blockMs <= 0) return now;
      await new Promise<void>((resolve) => {
        const waiter = {
          consumer,
          wake: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.wake, blockMs);
        waiters.add(waiter);
      });
      return deliver(group, consumer, names, count);
    },

    async ack(name, group, ...ids) {
      const pending = streams.get(name)?.groups.get(group)?.pending;
      for (const id of ids) pending?.delete(id);
    },

    async isPending(name, group, id) {
      return streams.get(name)?.groups.get(group)?.pending.has(id) ?? false;
    },

    async claimIdle(name, group, consumer, minIdleMs, count) {
      const stream = streamOf(name);
      const g = groupOf(name, group);
      const out: StreamEntry[] = [];
      const now = Date.now();
      for (const [id, pending] of g.pending) {
        if (out.length >= count) break;
        if (now - pending.deliveredAt < minIdleMs) continue;
        const stored = stream.entries[firstAfter(stream.entries, id) - 1];
        if (stored?.id !== id) {
          g.pending.delete(id); // trimmed while pending, as XAUTOCLAIM does
          continue;
        }
        g.pending.set(id, { consumer, deliveredAt: now });
        out.push(toEntry(name, stored));
      }
      return out;
    },

    async touch(name, group, consumer, ids) {
      const g = groupOf(name, group);
      for (const id of ids) if (g.pending.has(id)) g.pending.set(id, { consumer, deliveredAt: Date.now() });
    },

    async deadLetter(entry, group, deadStream, error, attempts) {
      const letters = dead.get(deadStream) ?? [];
      dead.set(deadStream, letters);
      const id = nextId();
      letters.push({ id, stream: entry.stream, streamId: entry.id, payload: entry.payload, error, attempts, failedAt: new Date().toISOString() });
      groupOf(entry.stream, group).pending.delete(entry.id);
      return id;
    },

    async listDeadLetters(deadStream, after, count) {
      return (dead.get(deadStream) ?? []).filter((d) => !after || compareStreamIds(d.id, after) > 0).slice(0, count);
    },

    async getDeadLetter(deadStream, id) {
      return dead.get(deadStream)?.find((d) => d.id === id) ?? null;
    },

    async removeDeadLetter(deadStream, id) {
      const letters = dead.get(deadStream) ?? [];
      const index = letters.findIndex((d) => d.id === id);
      if (index >= 0) letters.splice(index, 1);
      return index >= 0;
    },

    async release(consumer) {
      for (const waiter of [...waiters]) if (waiter.consumer === consumer) waiter.wake();
    },
  };
}
