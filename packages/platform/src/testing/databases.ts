import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { execFile } from 'node:child_process';

import { promisify } from 'node:util';
import { repoRoot } from '../db/paths';
import { withDatabase } from '../db/prisma';

/** The server tests use: the machine's PostgreSQL, or whatever TEST_DATABASE_URL names (the embedded one in CI-less setups). */
export const testServerUrl = () => process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function migrationsHash(context: string): string {
  const dir = path.join(repoRoot(), 'prisma', context, 'migrations');
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(entry).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 10);
}

/**
 * A migrated template per context and migration set, built once under an advisory lock so parallel jest
 * workers wait for one another instead of racing; each test file then clones it, which takes milliseconds.
 */
async function ensureTemplate(context: string): Promise<string> {
  const name = `tpl_${context}_${migrationsHash(context)}`;
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) return;
      await admin.query(`CREATE DATABASE "${name}"`);
      try {
        await migrate(context, withDatabase(testServerUrl(), name));
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        throw error;
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

/**
 * Runs the built migration command in a plain Node process: Prisma's schema engine is a WebAssembly ES module,
 * which jest's CommonJS module system cannot load.
 */
async function migrate(context: string, url: string): Promise<void> {
  const cli = path.join(repoRoot(), 'packages', 'platform', 'dist', 'db', 'migrate-cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the tests (npm test does).`);
  await promisify(execFile)(process.execPath, [cli, 'deploy', context], {
    env: { ...process.env, [`${context.toUpperCase()}_DATABASE_URL`]: url },
  });
}

/** A fresh, fully migrated database of one context for one test file. */
export async function createTestDatabase(context: string): Promise<TestDatabase> {
  const template = await ensureTemplate(context);
  const name = `test_${context}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
