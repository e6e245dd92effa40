import { deadLetterStream, decodeEnvelope, eventStream, type EventEnvelope } from './envelope';
import { applyOnce, describeProblem, type EventHandler } from './handlers';
import type { SqlClient } from './outbox';
import type { DeadLetterEntry, EventTransport } from './transport';

/** A failed event as staff see it. */
export interface DeadLetter {
  /** The dead letter's own id (in `events:dead:<receiver>`). */
  id: string;
  eventId: string | null;
  source: string | null;
  type: string | null;
  aggregateType: string | null;
  aggregateId: string | null;
  version: number | null;
  /** The last failure, one line. */
  error: string;
  attempts: number;
  failedAt: string;
  /** The event's payload as published (JSON text). */
  data: string;
}

export type ReplayOutcome =
  | { outcome: 'APPLIED' | 'ALREADY_APPLIED' }
  /** Failed again: the letter stays (with the new error and one more attempt). */
  | { outcome: 'FAILED'; error: string; deadLetter: DeadLetter };

export interface DeadLetters {
  /** Oldest first; `after` is the id of the last letter of the previous page. */
  list(page?: { after?: string | null; first?: number }): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | null>;
  /** Applies the event with the receiver's handler now (exactly once, as always), removing the letter if it worked. Null when there is no such letter. */
  replay(id: string): Promise<ReplayOutcome | null>;
  /** Drops the letter for good; false when there was none. */
  discard(id: string): Promise<boolean>;
}

export const MAX_DEAD_LETTER_PAGE = 100;

function view(entry: DeadLetterEntry): DeadLetter {
  let envelope: EventEnvelope | null = null;
  try {
    envelope = decodeEnvelope(entry.payload);
  } catch {
    envelope = null;
  }
  return {
    id: entry.id,
    eventId: envelope?.id ?? null,
    source: envelope?.source ?? null,
    type: envelope?.type ?? null,
    aggregateType: envelope?.aggregateType ?? null,
    aggregateId: envelope?.aggregateId ?? null,
    version: envelope?.version ?? null,
    error: entry.error,
    attempts: entry.attempts,
    failedAt: entry.failedAt,
    data: envelope ? JSON.stringify(envelope.data) : entry.payload,
  };
}

/** List, replay and discard a receiver's dead letters (what the staff GraphQL calls). */
export function createDeadLetters<Tx extends SqlClient>(options: {
  receiver: string;
  transport: EventTransport;
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  handlers: EventHandler<Tx>[];
}): DeadLetters {
  const { receiver, transport, inTransaction, handlers } = options;
  const deadStream = deadLetterStream(receiver);

  return {
    async list(page = {}) {
      const first = Math.min(Math.max(page.first ?? 20, 1), MAX_DEAD_LETTER_PAGE);
      return (await transport.listDeadLetters(deadStream, page.after ?? null, first)).map(view);
    },

    async get(id) {
      const entry = await transport.getDeadLetter(deadStream, id);
      return entry ? view(entry) : null;
    },

    async replay(id) {
      const letter = await transport.getDeadLetter(deadStream, id);
      if (!letter) return null;
      let failure: string;
      try {
        const envelope = decodeEnvelope(letter.payload);
        const handler = handlers.find((h) => eventStream(h.source) === letter.stream && h.type === envelope.type);
        if (!handler) throw new Error(`${receiver} has no handler for ${envelope.type} from ${letter.stream}`);
        const outcome = await applyOnce(inTransaction, handler, envelope);
        if (outcome.status !== 'failed') {
          await transport.removeDeadLetter(deadStream, id);
          return { outcome: outcome.status === 'applied' ? 'APPLIED' : 'ALREADY_APPLIED' };
        }
        failure = outcome.message;
      } catch (error) {
        failure = describeProblem(error);
      }
      const entry = { stream: letter.stream, id: letter.streamId, payload: letter.payload, previous: null };
      const replacement = await transport.deadLetter(entry, receiver, deadStream, failure, letter.attempts + 1);
      await transport.removeDeadLetter(deadStream, id);
      const stored = await transport.getDeadLetter(deadStream, replacement);
      return { outcome: 'FAILED', error: failure, deadLetter: view(stored ?? { ...letter, id: replacement, error: failure, attempts: letter.attempts + 1 }) };
    },

    async discard(id) {
      return transport.removeDeadLetter(deadStream, id);
    },
  };
}
