import { EventEmitter } from 'node:events';
import { startSmtpReceiver, type ReceivedMessage } from '../mailbox/smtp-receiver';

export type SinkMessage = ReceivedMessage;

export interface SmtpSinkOptions {
  /** Refuse the first N delivery attempts (at RCPT TO) with refuseCode, then accept. */
  refuseFirst?: number;
  /** Refuse every attempt with refuseCode. */
  refuseAlways?: boolean;
  /** The reply to refuse with: 451 (default, try again later) or a 5xx such as 550 (mailbox unavailable, permanent). */
  refuseCode?: number;
  /** Require these credentials (AUTH PLAIN/LOGIN); by default the sink takes mail without them. */
  auth?: { user: string; pass: string };
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port> (with the credentials when auth is set), for smtpEmailChannel. */
  url: string;
  port: number;
  /** Messages accepted so far, oldest first. */
  messages(): SinkMessage[];
  /** The first accepted message (already received or to come) matching the predicate; rejects after timeoutMs. */
  waitFor(predicate: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  /** Delivery attempts so far, accepted and refused. */
  readonly attempts: number;
  /** When each attempt came, oldest first (to see a sender's backoff from the server's side). */
  attemptTimes(): Date[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port for tests: it takes mail like any server, or refuses the first attempts
 * (or every one) the way a greylisting or full mailbox does, so retries can be tested end to end.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  const arrivals = new EventEmitter();
  const refuseCode = options.refuseCode ?? 451;
  const receiver = await startSmtpReceiver({
    host: '127.0.0.1',
    port: 0,
    auth: options.auth,
    refuse: (attempt) => (options.refuseAlways || attempt <= (options.refuseFirst ?? 0) ? refuseCode : null),
    onMessage(message) {
      received.push(message);
      arrivals.emit('message', message);
    },
  });
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${receiver.port}`,
    port: receiver.port,
    messages: () => [...received],
    waitFor(predicate, timeoutMs = 10_000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const onMessage = (message: SinkMessage) => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          arrivals.off('message', onMessage);
          resolve(message);
        };
        const timer = setTimeout(() => {
          arrivals.off('message', onMessage);
          reject(new Error(`No matching message arrived at the SMTP sink within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        arrivals.on('message', onMessage);
      });
    },
    get attempts() {
      return receiver.attempts;
    },
    attemptTimes: () => receiver.attemptTimes(),
    close: () => receiver.close(),
  };
}
