import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@shop/platform';
import { listPage, messagePage, notFoundPage } from './pages';
import { startSmtpReceiver, type ReceivedMessage } from './smtp-receiver';

export interface DevMailboxOptions {
  /** 0 picks a free port. */
  smtpPort: number;
  httpPort: number;
  /** Where both servers listen; default 127.0.0.1. Anything but loopback opens the mailbox to the network. */
  host?: string;
  log: Logger;
  /** Messages kept in memory, the oldest dropped first (default 500). */
  keep?: number;
}

export interface DevMailbox {
  /** smtp://127.0.0.1:<port>: the URL for smtpEmailChannel. */
  smtpUrl: string;
  /** The page listing the messages. */
  url: string;
  /** Newest first. */
  messages(): ReceivedMessage[];
  stop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'";
// The email's own HTML: no script, no forms, no plugins, only inline styles and images; only our page may frame it.
const EMAIL_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data: https:; frame-ancestors 'self'";

function send(res: ServerResponse, status: number, type: string, body: string, policy = PAGE_POLICY): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function summary(m: ReceivedMessage) {
  return { id: m.id, receivedAt: m.receivedAt, from: m.from, to: m.to, subject: m.subject };
}

function hostname(header: string | undefined): string {
  if (!header) return '';
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0];
}

/**
 * The development mailbox: a real SMTP server in the process that keeps the last messages it receives, and a small
 * web page to read them (like Vendure's dev mailbox or Mailpit). Loopback only by default: the SMTP server refuses
 * other machines, and the web page answers only requests addressed to localhost (a DNS-rebinding page cannot read it).
 */
export async function startDevMailbox(options: DevMailboxOptions): Promise<DevMailbox> {
  const host = options.host ?? '127.0.0.1';
  const local = LOOPBACK_HOSTS.has(host);
  const keep = options.keep ?? 500;
  const stored: ReceivedMessage[] = [];
  const byId = (id: string) => stored.find((m) => m.id === id);
  const newestFirst = () => [...stored].reverse();
  let url = ''; // known once the page listens; the log line of an early message just lacks it

  const smtp = await startSmtpReceiver({
    host,
    port: options.smtpPort,
    allowRemote: !local,
    maxBytes: 2 * 1024 * 1024,
    onMessage(message) {
      stored.push(message);
      if (stored.length > keep) stored.splice(0, stored.length - keep);
      options.log.info({ to: message.to, subject: message.subject, url: `${url}/view/${message.id}` }, 'Dev mailbox received an email');
    },
  });
  const smtpUrl = `smtp://${host.includes(':') ? `[${host}]` : host}:${smtp.port}`;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (local && !LOOPBACK_HOSTS.has(hostname(req.headers.host))) return send(res, 403, 'text/plain', 'The dev mailbox answers on localhost only.');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/clear') {
      // Another site's form (or a sandboxed frame, Origin "null") may not clear the mailbox.
      const origin = req.headers.origin;
      const originHost = origin && URL.canParse(origin) ? new URL(origin).host : '';
      if (origin && local && !LOOPBACK_HOSTS.has(hostname(originHost))) return send(res, 403, 'text/plain', 'Forbidden');
      stored.length = 0;
      res.writeHead(303, { location: '/' }).end();
      return;
    }
    if (req.method === 'DELETE' && path === '/messages') {
      stored.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    if (path === '/') return send(res, 200, 'text/html', listPage(newestFirst(), smtpUrl));
    if (path === '/messages') return send(res, 200, 'application/json', JSON.stringify(newestFirst().map(summary)));
    const json = /^\/messages\/(\d+)$/.exec(path);
    if (json) {
      const message = byId(json[1]);
      return message ? send(res, 200, 'application/json', JSON.stringify(message)) : send(res, 404, 'application/json', '{"error":"not found"}');
    }
    const view = /^\/view\/(\d+)(\/html)?$/.exec(path);
    const message = view ? byId(view[1]) : undefined;
    if (!view || !message) return send(res, 404, 'text/html', notFoundPage());
    if (!view[2]) return send(res, 200, 'text/html', messagePage(message));
    if (message.html === null) return send(res, 404, 'text/html', notFoundPage());
    send(res, 200, 'text/html', message.html, EMAIL_POLICY);
  };

  const http = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) send(res, 400, 'text/plain', 'Bad request');
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.httpPort, host, () => resolve());
    });
  } catch (error) {
    await smtp.close();
    throw error;
  }
  const httpPort = (http.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}`;
  if (!local) options.log.warn({ host }, 'The dev mailbox listens beyond localhost: anyone who can reach it can read and send mail');
  options.log.info({ url, smtpUrl }, 'Dev mailbox ready');

  return {
    smtpUrl,
    url,
    messages: newestFirst,
    async stop() {
      await Promise.all([
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
        smtp.close(),
      ]);
    },
  };
}

