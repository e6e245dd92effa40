import pino, { type Logger } from 'pino';
import { createLogger } from '../logger';

export interface ServerErrors {
  /** A logger for one service of the test: silent but for errors, which it keeps (LOG_LEVEL still wins). */
  logger(service: string): Logger;
  /** The errors services logged while answering these requests: what a test shows when a client got one. */
  for(requestIds: (string | undefined)[]): { service: string; message: string; stack?: string }[];
}

/**
 * Keeps what the services of a test logged at error level, so a test that sees INTERNAL_SERVER_ERROR can print
 * the cause (the client only gets a request id) instead of failing silently.
 */
export function serverErrors(): ServerErrors {
  const lines: { service: string; requestId?: string; err?: { message?: string; stack?: string }; msg?: string }[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return {
    logger: (service) => (process.env.LOG_LEVEL ? createLogger(service) : pino({ name: service, level: 'error', base: { service } }, stream)),
    for(requestIds) {
      const wanted = new Set(requestIds.filter(Boolean));
      return lines
        .filter((l) => l.requestId && wanted.has(l.requestId))
        .map((l) => ({ service: l.service, message: l.err?.message ?? l.msg ?? '', stack: l.err?.stack?.split('\n').slice(0, 6).join('\n') }));
    },
  };
}
