import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message as the receiver got it: the envelope, the parsed parts and every header as sent. */
export interface ReceivedMessage {
  id: string;
  receivedAt: Date;
  envelope: { from: string | null; to: string[] };
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string;
  /** Header names in lower case; the value as sent, unfolded (the last one when a header repeats). */
  headers: Record<string, string>;
  messageId: string | null;
  size: number;
}

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  onMessage(message: ReceivedMessage): void;
  /**
   * Called once per delivery attempt (a transaction's first RCPT TO): an SMTP reply code (451, 550 …) refuses the
   * attempt, null accepts it.
   */
  refuse?(attempt: number): number | null;
  /** Required credentials; without them the server offers no AUTH and takes mail from anyone who can connect. */
  auth?: { user: string; pass: string };
  /** Accept connections from other machines. Off: only loopback clients may connect, whatever address it listens on. */
  allowRemote?: boolean;
  maxBytes?: number;
}

export interface SmtpReceiver {
  readonly host: string;
  readonly port: number;
  /** Delivery attempts so far (accepted and refused). */
  readonly attempts: number;
  /** When each attempt came, oldest first: how far apart a sender's retries were. */
  attemptTimes(): Date[];
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function replyError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.map((a) => a.address ?? '').filter(Boolean));
}

function headersOf(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    headers[key.toLowerCase()] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return headers;
}

function toReceived(parsed: ParsedMail, session: SMTPServerSession, id: string, size: number): ReceivedMessage {
  const mailFrom = session.envelope.mailFrom;
  return {
    id,
    receivedAt: new Date(),
    envelope: { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    text: parsed.text ?? '',
    headers: headersOf(parsed),
    messageId: parsed.messageId ?? null,
    size,
  };
}

/**
 * A real SMTP server in this process, for the dev mailbox and for tests: it parses each message (mailparser) and hands
 * it over. Plain SMTP without TLS, so it is meant for loopback only.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const attemptTimes: Date[] = [];
  let received = 0;
  const server = new SMTPServer({
    banner: 'Shop SMTP receiver',
    disabledCommands: options.auth ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    size: options.maxBytes ?? 10 * 1024 * 1024,
    logger: false,
    closeTimeout: 500,
    onConnect(session, callback) {
      if (options.allowRemote || LOOPBACK.test(session.remoteAddress)) return callback();
      callback(replyError(554, 'Only local clients may send mail here'));
    },
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      if (ok) return callback(null, { user: auth.username });
      callback(replyError(535, 'Authentication failed'));
    },
    onRcptTo(_address, session, callback) {
      if (session.envelope.rcptTo.length > 0) return callback(); // same attempt, another recipient
      attemptTimes.push(new Date());
      const code = options.refuse?.(attemptTimes.length) ?? null;
      if (code === null) return callback();
      callback(replyError(code, code < 500 ? 'Try again later' : 'Mailbox unavailable'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) return callback(replyError(552, 'Message too large'));
          received += 1;
          options.onMessage(toReceived(parsed, session, String(received), (stream as unknown as { byteLength?: number }).byteLength ?? 0));
          callback();
        })
        .catch((error: Error) => callback(replyError(451, `Could not read the message: ${error.message}`)));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined); // a client's broken connection must not bring the process down
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: options.host,
    port,
    get attempts() {
      return attemptTimes.length;
    },
    attemptTimes: () => [...attemptTimes],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
