import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { sparePorts } from '@shop/platform/testing';

/** startEmbeddedPostgres (compiled: npm test builds first) in a child process; see postgres-child.js. */
async function startServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, [path.join(__dirname, 'postgres-child.js'), dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const url = await (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      const found = /^ready (\S+)$/.exec(line)?.[1];
      if (found) return found;
    }
    throw new Error('the embedded PostgreSQL child exited before it was ready');
  })();
  child.stdout.resume(); // keep draining its log lines
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return (await exited)[0];
    },
  };
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'embedded-pg-test-'));
    await chmod(folder, 0o755); // as root the server runs as the user "postgres", which must reach the folder
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('initialises a cluster on first use, answers queries, and keeps its data across a restart', async () => {
    const dataDir = path.join(folder, 'postgres');
    const [port] = await sparePorts(1);

    const first = await startServer(dataDir, port);
    expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await query(first.url, "create table kept (note text); insert into kept values ('still here')");
    expect(await first.stop()).toBe(0);
    await expect(query(first.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);

    // A pid file naming a live process that is not this cluster's server, as when a reboot reuses the pid.
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    const second = await startServer(dataDir, port);
    const rows = await query(second.url, 'select note from kept').finally(() => second.stop());
    expect(rows).toEqual([{ note: 'still here' }]);
  }, 20_000);
});
