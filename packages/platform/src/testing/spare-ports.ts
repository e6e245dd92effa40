import { randomInt } from 'node:crypto';
import net from 'node:net';

// Below Linux's ephemeral range (32768–60999), from which listen(0) and every outgoing connection take their
// local port: a port found by listen(0) and released can be taken by a test's client socket before the server
// meant for it binds it (the likely reason start.js once exited before it was ready in CI, beside a checkout race).
const LOWEST = 20_000;
const HIGHEST = 32_767;

/**
 * `count` ports nothing listens on right now, for servers a test starts after this returns (a redis-server, an
 * embedded PostgreSQL, `npm start` as a child). Each is tried by binding it on 127.0.0.1, then released.
 */
export async function sparePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let tries = 0; ports.size < count; tries++) {
    if (tries > 1000) throw new Error(`no ${count} spare ports between ${LOWEST} and ${HIGHEST}`);
    const port = randomInt(LOWEST, HIGHEST + 1);
    if (!ports.has(port) && (await bindable(port))) ports.add(port);
  }
  return [...ports];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
