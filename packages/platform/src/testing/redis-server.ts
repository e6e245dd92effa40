import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { testRedisServerBinary } from './redis-for-tests';
import { sparePorts } from './spare-ports';

/**
 * A redis-server of one test file's own, on a spare port, which the test may stop and start again there. Event
 * streams and consumer groups are named by context, so two test files sharing the machine's Redis would take
 * each other's events; and an outage test needs a server it may kill.
 */
export interface RedisServer {
  url: string;
  /** A client that reconnects every 100 ms while the server is away; close() disconnects it. */
  connect(): Redis;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and disconnects every client made by connect(). */
  close(): Promise<void>;
}

async function answersPing(port: number): Promise<boolean> {
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startRedisServer(): Promise<RedisServer> {
  const [port] = await sparePorts(1);
  let child: ChildProcess | null = null;
  const connections: Redis[] = [];
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    connect() {
      const redis = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 3, enableAutoPipelining: true, retryStrategy: () => 100 });
      redis.on('error', () => undefined); // reconnects by itself; the code under test reports failures
      connections.push(redis);
      return redis;
    },
    async start() {
      child = spawn(testRedisServerBinary(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const deadline = Date.now() + 10_000;
      while (!(await answersPing(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    async close() {
      for (const connection of connections) connection.disconnect();
      await server.stop();
    },
  };
  await server.start();
  return server;
}
