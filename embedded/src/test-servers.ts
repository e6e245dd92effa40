import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createLogger, withDatabase, type RunningService } from '@shop/platform';
import { sparePorts, testRedisServerBinary, testRedisUrl, testServerUrl } from '@shop/platform/testing';
import { startEmbeddedPostgres } from './postgres';

/**
 * The servers of one jest run, found or started once in jest's global setup (jest.global-setup.js) before the
 * workers start: they inherit the environment set here. PostgreSQL: the machine's, else an embedded one of this
 * run's own, as `npm start` does. Redis: the machine's and the redis-server binary if present; the workers read
 * SHOP_TEST_REDIS and SHOP_TEST_REDIS_SERVER (packages/platform/src/testing/redis-for-tests.ts), run on the
 * in-process adapters without them and skip, saying so, what only Redis can prove. With CI=true nothing is
 * started or skipped: every missing server fails the run.
 */
export interface TestServers {
  stop(): Promise<void>;
}

export async function prepareTestServers(say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<TestServers> {
  const ci = process.env.CI === 'true';
  const postgresUrl = testServerUrl();
  const redisServer = redisServerRuns();
  const [postgres, redis] = await Promise.all([postgresAnswers(postgresUrl), redisAnswers(testRedisUrl())]);

  if (ci) {
    const missing = [
      !postgres && `PostgreSQL at ${safe(postgresUrl)} (TEST_DATABASE_URL)`,
      !redis && `Redis at ${testRedisUrl()} (TEST_REDIS_URL)`,
      !redisServer && `the ${testRedisServerBinary()} binary (TEST_REDIS_SERVER)`,
    ].filter(Boolean);
    if (missing.length) throw new Error(`CI=true: every test must run, but these cannot be reached: ${missing.join('; ')}.`);
  }

  process.env.SHOP_TEST_REDIS = redis ? 'reachable' : 'unreachable';
  process.env.SHOP_TEST_REDIS_SERVER = redisServer ? 'present' : 'missing';
  if (!redis) say(`Redis at ${testRedisUrl()} does not answer: carts, suspensions and the entity cache use the in-process adapters, and the tests that need Redis itself are skipped (each says so).`);
  if (!redisServer) say(`${testRedisServerBinary()} is not installed: events travel in process, and the Redis Streams tests are skipped (each says so).`);

  const embedded = postgres ? null : await startPostgresForRun(postgresUrl, say);
  return { stop: async () => embedded?.stop() };
}

/** A fresh cluster in a temporary folder on a free port; TEST_DATABASE_URL points every worker (and migration) at it. */
async function startPostgresForRun(unreachableUrl: string, say: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  const started = Date.now();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'shop-test-postgres-'));
  const [port] = await sparePorts(1);
  let server: RunningService;
  try {
    server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), port, log: createLogger('test-postgres', process.env.LOG_LEVEL ?? 'silent') });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  process.env.TEST_DATABASE_URL = server.url;
  say(`PostgreSQL at ${safe(unreachableUrl)} does not answer: started an embedded PostgreSQL for this run on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s (${folder}, removed at the end).`);
  return {
    async stop() {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PONG (or NOAUTH: a server is there, the URL's password is the tests' business) within a second. */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port) || 6379, hostname.replace(/^\[|\]$/g, ''));
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(String(data))));
  });
}

function redisServerRuns(): boolean {
  return spawnSync(testRedisServerBinary(), ['--version'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
}

/** The URL without its password, for messages. */
function safe(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
