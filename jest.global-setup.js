// Finds or starts the servers the tests need, once for every worker (embedded/src/test-servers.ts, built by npm test).
module.exports = async () => {
  const built = require('node:path').join(__dirname, 'embedded', 'dist', 'test-servers.js');
  if (!require('node:fs').existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before jest (npm test does).`);
  globalThis.shopTestServers = await require(built).prepareTestServers();
};
