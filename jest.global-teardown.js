// Stops what jest.global-setup.js started (an embedded PostgreSQL, if it had to), after the last worker.
module.exports = async () => {
  await globalThis.shopTestServers?.stop();
};
