/** The machine's Redis the tests share (carts, suspensions, sign-in limits, the gateway's entity cache). */
export const testRedisUrl = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The redis-server binary startRedisServer() runs (a test file's own server for event streams and outages). */
export const testRedisServerBinary = (): string => process.env.TEST_REDIS_SERVER || 'redis-server';

/**
 * What jest's global setup (embedded/src/test-servers.ts) found before the workers started. A file run without
 * it sees neither variable and assumes both, as before; with CI=true the setup fails rather than say "missing".
 */
export const redisForTests = {
  /** The machine's Redis at testRedisUrl() answers. */
  machine: process.env.SHOP_TEST_REDIS !== 'unreachable',
  /** The redis-server binary runs. */
  server: process.env.SHOP_TEST_REDIS_SERVER !== 'missing',
};

const told = new Set<string>();

/** One plain line on stderr per skipped part and worker, outside jest's console capture (no stack trace). */
function saySkipped(what: string, need: string, why: string): void {
  if (told.has(what)) return;
  told.add(what);
  process.stderr.write(`SKIPPED ${what}: needs ${need} (${why}); it never skips with CI=true.\n`);
}

const machineRedis = () => `the machine's Redis at ${testRedisUrl()}, which did not answer`;
const redisServer = () => `the ${testRedisServerBinary()} binary, which is not installed`;

/** `describe`, or `describe.skip` saying why, for a block that reads or writes the machine's Redis. */
export function describeWithRedis(what: string, why: string): jest.Describe {
  if (redisForTests.machine) return describe;
  saySkipped(what, machineRedis(), why);
  return describe.skip;
}

/** `it`, or `it.skip` saying why, for one test that reads or writes the machine's Redis. */
export function itWithRedis(what: string, why: string): jest.It {
  if (redisForTests.machine) return it;
  saySkipped(what, machineRedis(), why);
  return it.skip;
}

/** `describe`, or `describe.skip` saying why, for a block that runs a redis-server of its own (Redis Streams). */
export function describeWithRedisServer(what: string, why: string): jest.Describe {
  if (redisForTests.server) return describe;
  saySkipped(what, redisServer(), why);
  return describe.skip;
}
