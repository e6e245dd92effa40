import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { connectRedis, type Redis } from '@shop/platform';

/**
 * A redis-server of this test file's own for the integration events (streams are named `events:<context>` and
 * consumer groups by context: two shops sharing the machine's Redis would take each other's events).
 */
export interface PrivateRedis {
  url: string;
  client: Redis;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const client = connectRedis(url);
  client.on('error', () => undefined); // retried by ioredis until the server listens
  for (let tries = 0; ; tries++) {
    try {
      if ((await client.ping()) === 'PONG') break;
    } catch (error) {
      if (tries > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return {
    url,
    client,
    async stop() {
      client.disconnect();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}
