import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * JSON lines (for the log collector), or with LOG_FORMAT=pretty — and by default on a terminal outside
 * production, as in `npm start` — readable, coloured lines. LOG_FORMAT=json forces JSON.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = { name: service, level, base: { service } };
  if (!prettyLogs()) return pino(options);
  // In-process and synchronous (no worker thread): lines keep their order with console output and survive exit.
  // Coloured where the terminal supports it (NO_COLOR / FORCE_COLOR are honoured).
  return pino(options, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
}

export function prettyLogs(env: NodeJS.ProcessEnv = process.env, terminal = Boolean(process.stdout.isTTY)): boolean {
  if (env.LOG_FORMAT === 'pretty') return true;
  if (env.LOG_FORMAT === 'json') return false;
  return terminal && env.NODE_ENV !== 'production';
}
