import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { StreamLostError, type AppendEntry, type DeadLetterEntry, type EventTransport, type StreamEntry } from './transport';

/**
 * Appends a batch in one round trip and links each entry to its aggregate's previous one: the id of an entry is
 * only known once XADD returns, so the linking happens next to the data. First it checks that the stream has
 * reached the last id the outbox recorded (else Redis lost entries: STREAMLOST <its last id>).
 * ARGV: maxLength, expected last id or '', then per entry (aggregate key, previous id or '', payload).
 */
const APPEND_SCRIPT = `
local stream = KEYS[1]
local maxlen = ARGV[1]
local expected = ARGV[2]
if expected ~= '' then
  local top = '0-0'
  if redis.call('EXISTS', stream) == 1 then
    local info = redis.call('XINFO', 'STREAM', stream)
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then top = info[i + 1] end
    end
  end
  local tm, ts = string.match(top, '(%d+)-(%d+)')
  local em, es = string.match(expected, '(%d+)-(%d+)')
  tm, ts, em, es = tonumber(tm), tonumber(ts), tonumber(em), tonumber(es)
  if tm < em or (tm == em and ts < es) then
    return redis.error_reply('STREAMLOST ' .. top)
  end
end
local last = {}
local ids = {}
for i = 3, #ARGV, 3 do
  local key = ARGV[i]
  local prev = last[key] or ARGV[i + 1]
  local id = redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'e', ARGV[i + 2], 'p', prev)
  last[key] = id
  ids[#ids + 1] = id
end
return ids
`;
const APPEND_SHA = createHash('sha1').update(APPEND_SCRIPT).digest('hex');

type RawEntry = [id: string, fields: string[] | null];

function fieldsOf(fields: string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; fields && i + 1 < fields.length; i += 2) out[fields[i]] = fields[i + 1];
  return out;
}

function toEntry(stream: string, [id, fields]: RawEntry): StreamEntry | null {
  const f = fieldsOf(fields);
  if (f.e === undefined) return null; // deleted (trimmed) while pending
  return { stream, id, payload: f.e, previous: f.p ? f.p : null };
}

/** XREADGROUP answers a map of stream → entries: pairs in RESP2, a flat key, value, … list in RESP3 (ioredis 6's default). */
function streamReplies(reply: unknown[] | null): [string, RawEntry[]][] {
  if (!reply?.length) return [];
  if (typeof reply[0] !== 'string') return reply as [string, RawEntry[]][];
  const pairs: [string, RawEntry[]][] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i] as string, reply[i + 1] as RawEntry[]]);
  return pairs;
}

function toDeadLetter([id, fields]: RawEntry): DeadLetterEntry {
  const f = fieldsOf(fields);
  return {
    id,
    stream: f.stream,
    streamId: f.streamId,
    payload: f.payload,
    error: f.error,
    attempts: Number(f.attempts),
    failedAt: f.failedAt,
  };
}

/**
 * Redis Streams (Redis ≥ 7.0: XAUTOCLAIM). `redis` serves every non-blocking command; each consumer's blocking
 * XREADGROUP gets its own duplicate connection, so a blocked read never holds up acknowledgements.
 */
export function redisTransport(redis: Redis): EventTransport {
  const readers = new Map<string, Redis>();
  const reader = (consumer: string) => {
    let connection = readers.get(consumer);
    if (!connection) {
      connection = redis.duplicate({ enableAutoPipelining: false, connectionName: `events-reader-${consumer}` });
      readers.set(consumer, connection);
    }
    return connection;
  };

  return {
    kind: 'redis',

    async append(stream, entries: AppendEntry[], maxLength, expectedLast) {
      if (entries.length === 0) return [];
      const args = [String(maxLength), expectedLast ?? '', ...entries.flatMap((e) => [e.aggregateKey, e.previous ?? '', e.payload])];
      try {
        try {
          return (await redis.call('EVALSHA', APPEND_SHA, 1, stream, ...args)) as string[];
        } catch (error) {
          if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
          return (await redis.call('EVAL', APPEND_SCRIPT, 1, stream, ...args)) as string[];
        }
      } catch (error) {
        const lost = /STREAMLOST (\d+-\d+)/.exec(String((error as Error).message));
        throw lost ? new StreamLostError(stream, lost[1]) : error;
      }
    },

    async ensureGroup(stream, group, startFrom) {
      try {
        await redis.call('XGROUP', 'CREATE', stream, group, startFrom === 'beginning' ? '0' : '$', 'MKSTREAM');
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
    },

    async dropGroup(stream, group) {
      await redis.call('XGROUP', 'DESTROY', stream, group);
    },

    async read(group, consumer, streams, count, blockMs) {
      const reply = (await reader(consumer).call(
        'XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs,
        'STREAMS', ...streams, ...streams.map(() => '>'),
      )) as unknown[] | null;
      const out: StreamEntry[] = [];
      for (const [stream, raw] of streamReplies(reply)) {
        for (const item of raw) {
          const entry = toEntry(stream, item);
          if (entry) out.push(entry);
        }
      }
      return out;
    },

    async ack(stream, group, ...ids) {
      if (ids.length) await redis.call('XACK', stream, group, ...ids);
    },

    async isPending(stream, group, id) {
      try {
        const reply = (await redis.call('XPENDING', stream, group, id, id, 1)) as unknown[];
        return reply.length > 0;
      } catch (error) {
        if (String((error as Error).message).includes('NOGROUP')) return false; // the group (and what it held) is gone
        throw error;
      }
    },

    async claimIdle(stream, group, consumer, minIdleMs, count) {
      const [, raw] = (await redis.call('XAUTOCLAIM', stream, group, consumer, minIdleMs, '0-0', 'COUNT', count)) as [
        string,
        RawEntry[],
        string[]?,
      ];
      return raw.map((item) => toEntry(stream, item)).filter((e): e is StreamEntry => e !== null);
    },

    async touch(stream, group, consumer, ids) {
      if (ids.length) await redis.call('XCLAIM', stream, group, consumer, 0, ...ids, 'JUSTID');
    },

    async deadLetter(entry, group, deadStream, error, attempts) {
      const result = await redis
        .multi()
        .xadd(deadStream, '*', 'stream', entry.stream, 'streamId', entry.id, 'payload', entry.payload, 'error', error,
          'attempts', String(attempts), 'failedAt', new Date().toISOString())
        .xack(entry.stream, group, entry.id)
        .exec();
      const failed = result?.find(([err]) => err);
      if (!result || failed) throw failed?.[0] ?? new Error('dead-letter transaction was discarded');
      return result[0][1] as string;
    },

    async listDeadLetters(deadStream, after, count) {
      const raw = (await redis.call('XRANGE', deadStream, after ? `(${after}` : '-', '+', 'COUNT', count)) as RawEntry[];
      return raw.map(toDeadLetter);
    },

    async getDeadLetter(deadStream, id) {
      const raw = (await redis.call('XRANGE', deadStream, id, id)) as RawEntry[];
      return raw.length ? toDeadLetter(raw[0]) : null;
    },

    async removeDeadLetter(deadStream, id) {
      return Number(await redis.call('XDEL', deadStream, id)) > 0;
    },

    async release(consumer) {
      readers.get(consumer)?.disconnect();
      readers.delete(consumer);
    },
  };
}
