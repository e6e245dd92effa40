import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { decodeEnvelope, type EventEnvelope, type EventTransport, type Logger } from '@shop/platform';

export interface ReplicaFeedOptions {
  transport: EventTransport;
  /** The streams to hear (`events:order`, `events:catalog`, …). */
  streams: string[];
  /** What the logs call it. */
  name: string;
  log: Logger;
  /** Called with every event, in stream order; a throw is logged and the event skipped. */
  onEvent(envelope: EventEnvelope, stream: string): void | Promise<void>;
  /** How long one read waits for new events before it asks again (and notices a stop). */
  blockMs?: number;
}

export interface ReplicaFeed {
  stop(): Promise<void>;
}

const BATCH = 200;

/**
 * Every event of some streams, heard by this gateway replica: it reads them through consumer groups of its own
 * (created at `$`: only what happens from now on), so every replica gets every event — what it does with them
 * (live order tracking, evicting cached answers) concerns its own process only.
 */
export function startReplicaFeed(options: ReplicaFeedOptions): ReplicaFeed {
  const { transport, streams, log, name } = options;
  const group = `gateway:${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const consumer = `${group}:reader`;
  let stopped = false;

  let created = false;
  const ensureGroups = (from: 'beginning' | 'latest') => Promise.all(streams.map((stream) => transport.ensureGroup(stream, group, from)));
  const ready = ensureGroups('latest').then(() => void (created = true));
  const reading = (async () => {
    let failures = 0;
    await ready.catch((err) => log.warn({ err }, `${name}: could not create its groups yet`));
    while (!stopped) {
      try {
        const entries = await transport.read(group, consumer, streams, BATCH, options.blockMs ?? 2_000);
        for (const entry of entries) {
          try {
            await options.onEvent(decodeEnvelope(entry.payload), entry.stream);
          } catch (err) {
            log.warn({ err, id: entry.id, stream: entry.stream }, `${name}: skipped an event it could not use`);
          }
        }
        for (const stream of streams) {
          const ids = entries.filter((e) => e.stream === stream).map((e) => e.id);
          if (ids.length) await transport.ack(stream, group, ...ids);
        }
        failures = 0;
      } catch (err) {
        if (stopped) break;
        failures += 1;
        log.warn({ err, failures, streams }, `${name}: reading events failed; retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** failures, 5_000)));
        // The stream store may have come back empty (no persistence): the groups must exist again. Made over what
        // the streams hold now (a no-op where a group still exists): whatever was published since the loss is new
        // to this replica. Only groups never made yet start at the end (no history flood at start).
        await ensureGroups(created ? 'beginning' : 'latest').then(() => void (created = true), () => undefined);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await transport.release(consumer);
      await reading;
      // The groups live as long as this replica; ones left by a crash hold nothing pending (all acknowledged).
      for (const stream of streams) {
        await transport.dropGroup(stream, group).catch((err) => log.warn({ err, stream }, `${name}: could not remove its group`));
      }
    },
  };
}
