import { z } from 'zod';
import { baseConfigSchema, createLogger, envPort, identityConfigSchema, identityFromConfig, loadConfig, postgresUrl, stopOnSignals } from '@shop/platform';
import { DEFAULT_SWEEP_INTERVAL_MS, startInventorySubgraph } from './index';

/** Production entry point: one inventory process, configured from the environment. */
async function main() {
  const config = loadConfig(
    baseConfigSchema.extend(identityConfigSchema.shape).extend({
      INVENTORY_DATABASE_URL: postgresUrl,
      INVENTORY_PORT: envPort(4003),
      /** Milliseconds between sweeps for expired reservations; 0 turns this replica's sweeper off. */
      INVENTORY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_SWEEP_INTERVAL_MS),
      INVENTORY_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    }),
  );
  const log = createLogger('inventory', config.LOG_LEVEL);
  const production = config.NODE_ENV === 'production';
  const auth = identityFromConfig(config, log, { production });
  const service = await startInventorySubgraph({
    databaseUrl: config.INVENTORY_DATABASE_URL,
    port: config.INVENTORY_PORT,
    log,
    production,
    identity: auth.identity,
    sweepIntervalMs: config.INVENTORY_SWEEP_INTERVAL_MS,
    poolSize: config.INVENTORY_DB_POOL_SIZE,
  });
  stopOnSignals([service], log, auth.close);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
