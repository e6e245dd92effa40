// What this machine does today, for benchmarks to print beside their figures: the CPU time of processes from /proc,
// and what a bare round trip costs on it — the floor under any design that makes that many of them. The same code
// has measured 2–3× apart on different days on the 2-core development machine, so a figure means little without
// this line next to it.
const { execFileSync, spawn } = require('node:child_process');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const os = require('node:os');
const { shopPackage } = require('./shop');

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime and the parent of a process, from /proc; null when it is gone. */
function procStat(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name in parentheses: state, ppid (4), … utime, stime, cutime, cstime (14–17).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return { parent: Number(fields[1]), ticks: utime + stime, children: cutime + cstime };
}

/** CPU time (ms) a process has used so far, its own threads only. */
function ownCpuMs(pid) {
  return ((procStat(pid)?.ticks ?? 0) * 1000) / ticksPerSecond;
}

/** CPU time (ms) a process and its descendants have used so far, from /proc (exited children's too). */
function cpuMs(pid) {
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) processes.set(Number(entry), stat);
  }
  const descends = (p) => p === pid || (processes.has(p) && p > 1 && descends(processes.get(p).parent));
  let ticks = 0;
  for (const [p, { ticks: own, children }] of processes) if (descends(p)) ticks += own + children;
  return (ticks * 1000) / ticksPerSecond;
}

/** A Node HTTP server answering every POST with a small JSON body: no framework, no GraphQL, no work. */
const BARE_SERVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{"data":{"ok":true}}'); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * A bare HTTP round trip: a small JSON POST over keep-alive connections (undici, as the gateway and the services
 * send them) to BARE_SERVER, `connections` at once. CPU in µs per request: the server's and the client's.
 */
async function httpRoundTrip({ requests = 3000, connections = 8 } = {}) {
  const { Agent, request } = shopPackage('undici');
  const server = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((resolve, reject) => {
      server.stdout.once('data', (chunk) => resolve(Number(chunk.toString().trim())));
      server.once('exit', (code) => reject(new Error(`the bare HTTP server exited with ${code}`)));
    });
    const agent = new Agent({ connections });
    const body = JSON.stringify({ query: 'mutation($id: ID!) { commitReservations(orderId: $id) { status } }', variables: { id: '6f1c0c1e-8d9a-4b7e-9a51-0b8c2f7f4f10' } });
    const run = async (n) => {
      let sent = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (sent++ < n) {
            const response = await request(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: agent });
            await response.body.json();
          }
        }),
      );
    };
    await run(500); // warm-up: connections, JIT
    const serverBefore = ownCpuMs(server.pid);
    const clientBefore = process.cpuUsage();
    await run(requests);
    const client = process.cpuUsage(clientBefore);
    const serverUs = ((ownCpuMs(server.pid) - serverBefore) * 1000) / requests;
    await agent.close();
    return { serverUs, clientUs: (client.user + client.system) / requests };
  } finally {
    server.kill();
  }
}

/**
 * A bare statement round trip: a prepared one-row SELECT through node-postgres, one after another. CPU in µs per
 * statement: Node's, and the PostgreSQL backend's when the server runs on this machine (else null).
 */
async function sqlRoundTrip(connectionString, { statements = 3000 } = {}) {
  const { Client } = shopPackage('pg');
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const backend = existsSync(`/proc/${rows[0].pid}/stat`) ? rows[0].pid : null;
    const statement = { name: 'bench_round_trip', text: 'SELECT $1::int AS one', values: [1] };
    for (let i = 0; i < 500; i += 1) await client.query(statement);
    const backendBefore = backend && ownCpuMs(backend);
    const nodeBefore = process.cpuUsage();
    for (let i = 0; i < statements; i += 1) await client.query(statement);
    const node = process.cpuUsage(nodeBefore);
    return { nodeUs: (node.user + node.system) / statements, postgresUs: backend ? ((ownCpuMs(backend) - backendBefore) * 1000) / statements : null };
  } finally {
    await client.end();
  }
}

/** Both round trips on this machine now, and a line saying what they cost. */
async function roundTrips(connectionString) {
  const http = await httpRoundTrip();
  const sql = await sqlRoundTrip(connectionString);
  const httpMs = (http.serverUs + http.clientUs) / 1000;
  const sqlMs = (sql.nodeUs + (sql.postgresUs ?? 0)) / 1000;
  const postgres = sql.postgresUs === null ? '' : ` + PostgreSQL ${Math.round(sql.postgresUs)}`;
  return {
    httpMs,
    sqlMs,
    cores: os.availableParallelism(),
    line:
      `this machine now (${os.availableParallelism()} cores): a bare HTTP round trip costs ${Math.round(httpMs * 1000)} µs of CPU ` +
      `(server ${Math.round(http.serverUs)} + client ${Math.round(http.clientUs)}), a prepared statement ${Math.round(sqlMs * 1000)} µs ` +
      `(Node ${Math.round(sql.nodeUs)}${postgres}) — no framework, GraphQL, ORM or SQL work in either`,
  };
}

module.exports = { cpuMs, roundTrips };
