import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../src/db/paths';
import { withDatabase } from '../src/db/prisma';
import { testServerUrl } from '../src/testing';

/**
 * Prisma's schema engine is a WebAssembly ES module that jest's CommonJS runtime cannot load, so these tests
 * drive the built library (dist/) in a plain Node process, against the real PostgreSQL server.
 */
const lib = path.join(repoRoot(), 'packages/platform/dist/db/migrations.js');

async function run(fn: 'applyMigrations' | 'createMigration', args: Record<string, unknown>): Promise<unknown> {
  const script = `require(${JSON.stringify(lib)}).${fn}(${JSON.stringify(args)})
    .then((r) => { console.log(JSON.stringify(r ?? null)); process.exit(0); }, (e) => { console.error(e.message); process.exit(1); })`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

const SCHEMA = `datasource db {\n  provider = "postgresql"\n}\n\nmodel Widget {\n  id   String @id @db.Uuid\n  name String @db.VarChar(50)\n  @@map("widgets")\n}\n`;

let dir: string;
let database: string;
let url: string;
const target = () => ({ connectionString: url, migrationsDir: path.join(dir, 'migrations'), schemaPath: path.join(dir, 'schema.prisma') });

async function sql<T>(query: string, on = url): Promise<T[]> {
  const client = new Client({ connectionString: on });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  writeFileSync(path.join(dir, 'schema.prisma'), SCHEMA);
  database = `test_migrations_${process.pid}_${Date.now()}`;
  url = withDatabase(testServerUrl(), database);
  await sql(`CREATE DATABASE "${database}"`, withDatabase(testServerUrl(), 'postgres'));
});

afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`, withDatabase(testServerUrl(), 'postgres'));
});

describe('migrations through Prisma’s schema engine', () => {
  it('creates a first migration in Prisma’s layout, applies it once, and finds nothing to do the second time', async () => {
    const created = (await run('createMigration', { ...target(), name: 'init' })) as { name: string; file: string };
    expect(created.name).toMatch(/^\d{14}_init$/);
    expect(readFileSync(created.file, 'utf8')).toContain('CREATE TABLE "widgets"');
    expect(readFileSync(path.join(dir, 'migrations', 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

    expect(await run('applyMigrations', target())).toEqual([created.name]);
    expect(await run('applyMigrations', target())).toEqual([]);
    const rows = await sql<{ migration_name: string; finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations`,
    );
    expect(rows).toEqual([{ migration_name: created.name, finished: true }]);
    expect(await sql(`SELECT 1 FROM information_schema.tables WHERE table_name = 'widgets'`)).toHaveLength(1);
  });

  it('writes a new migration for a schema change, nothing when schema and history agree, and leaves no shadow database', async () => {
    await run('createMigration', { ...target(), name: 'init' });
    expect(await run('createMigration', { ...target(), name: 'unchanged' })).toBeNull();
    writeFileSync(path.join(dir, 'schema.prisma'), SCHEMA.replace('name String @db.VarChar(50)', 'name String @db.VarChar(50)\n  size Int?'));
    const changed = (await run('createMigration', { ...target(), name: 'add_size' })) as { file: string };
    expect(readFileSync(changed.file, 'utf8')).toMatch(/ALTER TABLE "widgets" ADD COLUMN\s+"size" INTEGER/);
    expect(readdirSync(path.join(dir, 'migrations')).filter((d) => d.endsWith('_add_size'))).toHaveLength(1);
    const shadows = await sql(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`);
    expect(shadows).toEqual([]);
  });

  it('fails loudly on a migration that does not apply, recording it as failed', async () => {
    const broken = path.join(dir, 'migrations', '20260101000000_broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE nope (id UUID REFERENCES missing(id));');
    await expect(run('applyMigrations', target())).rejects.toThrow(/missing/);
    const rows = await sql<{ finished: boolean }>(`SELECT finished_at IS NOT NULL AS finished FROM _prisma_migrations`);
    expect(rows).toEqual([{ finished: false }]);
  });
});
