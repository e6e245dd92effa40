import nodemailer from 'nodemailer';
import { SendFailed, type EmailChannel, type EmailMessage, type SendResult } from './port';

export interface SmtpEmailOptions {
  /** smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://user:pass@host:465 (TLS from the start). */
  url: string;
  /** The sender, e.g. `"Northwind Goods" <orders@shop.example.com>`; its domain ends every Message-ID. */
  from: string;
  /** Connecting, the greeting and each reply must come within this time (default 10 s). */
  timeoutMs?: number;
  /** Connections kept open to the server (default 3). */
  maxConnections?: number;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Failures of the shop's own set-up: the message is not at fault, so it is retried once the set-up is fixed. */
const SETUP_FAILURES = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'ECONFIG', 'EREQUIRETLS']);

/**
 * A 5xx reply to the message (unknown mailbox, refused sender or content) is permanent; 503 (a command out of
 * sequence) is not about the message. 4xx replies, connection errors and timeouts are retried.
 */
export function smtpFailure(error: unknown): SendFailed {
  const failure = (error ?? {}) as SmtpFailure;
  const code = failure.responseCode;
  const permanent = code !== undefined && code >= 500 && code < 600 && code !== 503 && !SETUP_FAILURES.has(failure.code ?? '');
  // The server's reply starts with its code ("451 4.7.1 Try again later"); without one, nodemailer's code (ETIMEDOUT).
  const detail = failure.response ?? `${failure.code ?? 'error'}: ${failure.message ?? String(error)}`;
  return new SendFailed(`SMTP ${detail}`.slice(0, 1000), permanent);
}

function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim() || 'localhost';
}

/** Email over SMTP with nodemailer, through a small pool of connections to any SMTP server (Mailpit, Postfix, SES …). */
export function smtpEmailChannel(options: SmtpEmailOptions): EmailChannel {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const domain = domainOf(options.from);

  return {
    provider: 'smtp',
    async send(message: EmailMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: `<${message.notificationId}@${domain}>`,
          headers: { ...message.headers, 'X-Notification-Id': message.notificationId },
          // A send stuck behind a slow pool or a server that stops answering still ends.
          signal: AbortSignal.timeout(timeout * 3),
        });
        return { provider: 'smtp', providerMessageId: info.messageId ?? null };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
