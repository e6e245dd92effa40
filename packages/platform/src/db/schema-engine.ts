import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

type Bindings = typeof import('@prisma/schema-engine-wasm', { with: { 'resolution-mode': 'import' } }) & {
  __wbg_set_wasm(exports: unknown): void;
};

/** The little of the WebAssembly API used here (lib ES2023 has no WebAssembly typings). */
declare const WebAssembly: {
  instantiate(bytes: Buffer, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

/**
 * Prisma's own schema engine, from its WebAssembly build, talking to PostgreSQL through the pg driver adapter.
 * The CLI's native engine is downloaded at install time, which these machines cannot do; this is the same engine.
 */
export type { SchemaEngine };

const PG_CHAR = 18;
const PG_TEXT = 25;
/** Marks, in a column's name, that PostgreSQL sent it as `"char"`; see charColumns. */
const CHAR_MARK = '\u0000char:';

interface PgResult {
  fields?: { name: string; dataTypeID: number }[];
}

function markCharFields<T>(result: T): T {
  for (const field of (result as PgResult)?.fields ?? []) {
    if (field.dataTypeID !== PG_CHAR) continue;
    field.dataTypeID = PG_TEXT;
    field.name = CHAR_MARK + field.name;
  }
  return result;
}

/**
 * The engine reads system catalogs whose `"char"` columns (one-byte characters such as contype) adapter-pg
 * cannot map, so it fails the query. The pg client reports them as text with a marked name, and charColumns
 * turns marked columns into the Character type the engine expects. Only the engine's own pools use this.
 */
class CatalogReadingClient extends pg.Client {
  // pg's query has many overloads; this forwards every form and fixes the result it yields.
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, res: unknown) => void;
      args[last] = (err: Error | null, res: unknown) => callback(err, res === undefined ? res : markCharFields(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(markCharFields) : result) as never;
  }
}

type Queryable = Pick<SqlQueryable, 'queryRaw'>;

function charColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (!name.startsWith(CHAR_MARK)) return;
      result.columnNames[i] = name.slice(CHAR_MARK.length);
      result.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return result;
  };
  return queryable;
}

function engineAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  charColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolation) => charColumns(await startTransaction(isolation));
  wholeScripts(adapter);
  return adapter;
}

/**
 * adapter-pg runs a migration script by splitting it on every ';', which breaks a function body ($$ … $$, such as
 * the outbox's NOTIFY trigger). PostgreSQL's simple query protocol runs a multi-statement script as sent, as
 * Prisma's native engine does.
 */
function wholeScripts(adapter: SqlDriverAdapter): void {
  const pg = adapter as unknown as { client?: { query(sql: string): Promise<unknown> }; onError?(error: unknown): never };
  if (!pg.client || !pg.onError) return;
  adapter.executeScript = async (script) => {
    try {
      await pg.client!.query(script);
    } catch (error) {
      pg.onError!.call(adapter, error);
    }
  };
}

/**
 * Connection settings as separate fields: with a connection string, adapter-pg's shadow database
 * (`{ ...config, database }`) would silently reuse the main database.
 */
function poolConfig(connectionString: string): pg.PoolConfig {
  const url = new URL(connectionString);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
    max: 2,
    Client: CatalogReadingClient,
  };
}

let wasmReady: Promise<Bindings> | undefined;

/** The package is a bundler-style ES module importing its .wasm; instantiate it by hand for Node. */
function loadWasm(): Promise<Bindings> {
  wasmReady ??= (async () => {
    // The engine reports a Rust panic's message through this global before it throws.
    const registry = { message: '', set_message(message: string) { registry.message = message; } };
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Bindings;
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(dir, 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return wasmReady;
}

/**
 * adapter-pg's own shadow database is dropped while its pool still holds connections, which PostgreSQL refuses;
 * this one closes the pool first. The engine replays the migration history in it to diff against the schema.
 */
function migrationAwareFactory(connectionString: string, shadows: Set<string>, opened: Set<SqlDriverAdapter>): SqlMigrationAwareDriverAdapterFactory {
  const config = poolConfig(connectionString);
  const { host, port, user, password } = config;
  const adminConnection = { host, port, user, password, database: config.database };
  const main = new PrismaPg(config);
  return {
    provider: 'postgres',
    adapterName: main.adapterName,
    async connect() {
      const adapter = engineAdapter(await main.connect());
      opened.add(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client(adminConnection);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      shadows.add(database);
      const adapter = engineAdapter(await new PrismaPg({ ...config, database }).connect());
      const close = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await close();
        await dropShadow(adminConnection, database, shadows);
      };
      return adapter;
    },
  };
}

async function dropShadow(connection: pg.ClientConfig, database: string, shadows: Set<string>): Promise<void> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    shadows.delete(database);
  } finally {
    await client.end();
  }
}

export interface EngineOptions {
  connectionString: string;
  schemaPath: string;
  log?: (line: string) => void;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and drops any shadow database it left behind (it does not always dispose of them). */
  close(): Promise<void>;
}

export async function openSchemaEngine({ connectionString, schemaPath, log }: EngineOptions): Promise<OpenEngine> {
  const { SchemaEngine } = await loadWasm();
  const shadows = new Set<string>();
  const opened = new Set<SqlDriverAdapter>();
  const adapter = bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(connectionString, shadows, opened));
  const datamodel = await readFile(schemaPath, 'utf8');
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, (line: string) => log?.(line), adapter);
  const { host, port, user, password, database } = poolConfig(connectionString);
  return {
    engine,
    async close() {
      engine.free();
      // Idle pooled connections would otherwise keep the process alive for pg's idle timeout.
      for (const connection of opened) await connection.dispose();
      for (const shadow of [...shadows]) await dropShadow({ host, port, user, password, database }, shadow, shadows);
    },
  };
}
