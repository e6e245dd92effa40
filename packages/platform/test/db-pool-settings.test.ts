import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { ConfigError } from '../src/config';
import { defaultPoolLimits, pgAdapter, poolSettingsFromEnv, preparedStatementNames, usePoolLimits, withDatabase, type PoolLimits } from '../src/db/prisma';
import { runService } from '../src/run-service';
import { testServerUrl } from '../src/testing';

describe('pool settings from the environment', () => {
  it('defaults to 10 connections, none kept idle, idle ones closed after 30 s', () => {
    expect(poolSettingsFromEnv('CATALOG', {})).toEqual({ max: 10, min: 0, idleSeconds: 30 });
  });

  it("takes the shared DB_POOL_* values, and a context's own over them", () => {
    const env = { DB_POOL_SIZE: '50', DB_POOL_MIN: '5', DB_POOL_IDLE_SECONDS: '30', ORDER_DB_POOL_SIZE: '20', ORDER_DB_POOL_MIN: '2' };
    expect(poolSettingsFromEnv('catalog', env)).toEqual({ max: 50, min: 5, idleSeconds: 30 });
    expect(poolSettingsFromEnv('order', env)).toEqual({ max: 20, min: 2, idleSeconds: 30 });
    expect(poolSettingsFromEnv(undefined, { ...env, DB_POOL_IDLE_SECONDS: '0' })).toEqual({ max: 50, min: 5, idleSeconds: 0 });
  });

  it('refuses a bad value with the name of the variable that holds it', () => {
    expect(() => poolSettingsFromEnv('cart', { CART_DB_POOL_SIZE: '0' })).toThrow(new ConfigError('CART_DB_POOL_SIZE: must be a whole number from 1 to 1000'));
    expect(() => poolSettingsFromEnv('cart', { DB_POOL_IDLE_SECONDS: 'half a minute' })).toThrow(/^DB_POOL_IDLE_SECONDS: must be a whole number/);
    expect(() => poolSettingsFromEnv('cart', { DB_POOL_SIZE: '4', CART_DB_POOL_MIN: '5' })).toThrow(
      new ConfigError("CART_DB_POOL_MIN: must not exceed the pool's maximum (4)"),
    );
  });
});

describe('prepared statements', () => {
  const select = (table: string) => `SELECT "public"."${table}"."id" FROM "public"."${table}" WHERE "public"."${table}"."id" = $1`;

  it('names each repeating query or write once, and the same text always alike', () => {
    const nameOf = preparedStatementNames();
    const first = nameOf(select('orders'), 1);
    expect(first).toMatch(/^shop_\d+$/);
    expect(nameOf(select('payments'), 1)).not.toBe(first);
    expect(nameOf(select('orders'), 1)).toBe(first);
    expect(nameOf('/* prepared:x */ WITH t AS (SELECT 1) UPDATE orders SET status = $1', 1)).toMatch(/^shop_/);
  });

  it('leaves unnamed what does not repeat: transaction control, long parameter lists, texts past the cap', () => {
    const nameOf = preparedStatementNames();
    expect(nameOf('BEGIN', 0)).toBe('');
    expect(nameOf('COMMIT', 0)).toBe('');
    const longList = `SELECT id FROM products WHERE id IN (${Array.from({ length: 33 }, (_, i) => `$${i + 1}`).join(',')})`;
    expect(nameOf(longList, 33)).toBe('');
    for (let i = 0; i < 500; i += 1) nameOf(`SELECT ${i} FROM products WHERE id = $1`, 1);
    expect(nameOf('SELECT id FROM brands WHERE id = $1', 1)).toBe('');
    expect(nameOf('SELECT 0 FROM products WHERE id = $1', 1)).toBe('shop_0');
  });

  it("keeps a context's own names first", () => {
    const nameOf = preparedStatementNames((sql) => (sql.includes('reserve') ? 'reserve-stock' : ''));
    expect(nameOf('/* reserve */ SELECT 1 WHERE $1', 1)).toBe('reserve-stock');
    expect(nameOf(select('inventory_items'), 1)).toBe('shop_0');
  });
});

describe('the pools a process opens', () => {
  const url = withDatabase(testServerUrl(), 'postgres');
  const opened: Array<{ dispose(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(opened.map((driver) => driver.dispose()));
  });

  async function poolOf(settings: Parameters<typeof pgAdapter>[0]): Promise<Pool> {
    const driver = await pgAdapter(settings).connect();
    opened.push(driver);
    return driver.underlyingDriver() as Pool;
  }

  it("take the process's limits (runService sets its context's) unless the caller names its own", async () => {
    usePoolLimits({ max: 3, min: 1, idleSeconds: 7 });
    expect(defaultPoolLimits()).toEqual({ max: 3, min: 1, idleSeconds: 7 });
    expect((await poolOf({ connectionString: url })).options).toMatchObject({ max: 3, min: 1, idleTimeoutMillis: 7_000 });
    expect((await poolOf({ connectionString: url, max: 2, idleSeconds: 0 })).options).toMatchObject({ max: 2, min: 1, idleTimeoutMillis: 0 });
    // A minimum above the pool's own maximum is capped to it.
    expect((await poolOf({ connectionString: url, max: 1 })).options).toMatchObject({ max: 1, min: 1 });
  });

  it('keep the minimum open and close the other idle connections after the idle lifetime, on a real server', async () => {
    const app = `pool-test-${randomUUID().slice(0, 8)}`;
    const pool = await poolOf({ connectionString: `${url}?application_name=${app}`, max: 3, min: 1, idleSeconds: 1 });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const connections = async () =>
      Number((await admin.query('SELECT count(*) FROM pg_stat_activity WHERE application_name = $1', [app])).rows[0].count);
    try {
      await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.2)')));
      expect(await connections()).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await connections()).toBe(1);
    } finally {
      await admin.end();
    }
  });
});

describe("a service's entry point", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  /** Runs runService for `name` with this environment; resolves with the pool limits its start saw, or the exit message. */
  function run(name: string, env: Record<string, string>): Promise<PoolLimits | string> {
    Object.assign(process.env, { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks' }, env);
    return new Promise((resolve) => {
      jest.spyOn(process, 'once').mockReturnValue(process);
      jest.spyOn(console, 'error').mockImplementation((message: unknown) => resolve(String(message)));
      jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
      runService({
        name,
        config: {},
        start: async () => {
          resolve(defaultPoolLimits());
          return { name, url: '', port: 0, stop: async () => undefined };
        },
      });
    });
  }

  it("opens its pools with its context's settings", async () => {
    const env = { DB_POOL_SIZE: '50', DB_POOL_MIN: '5', CART_DB_POOL_SIZE: '20', CART_DB_POOL_IDLE_SECONDS: '60' };
    expect(await run('cart', env)).toEqual({ max: 20, min: 5, idleSeconds: 60 });
  });

  it('does not start with a bad pool setting, and says which', async () => {
    expect(await run('catalog', { CATALOG_DB_POOL_MIN: '-1' })).toBe('CATALOG_DB_POOL_MIN: must be a whole number from 0 to 1000');
    expect(process.exit).toHaveBeenCalledWith(1);
  });
});
