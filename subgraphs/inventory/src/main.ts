import { z } from 'zod';
import { envPort, postgresUrl, runService } from '@shop/platform';
import { DEFAULT_SWEEP_INTERVAL_MS, startInventorySubgraph } from './index';

/** Production entry point: one inventory process, configured from the environment. */
runService({
  name: 'inventory',
  config: {
    INVENTORY_DATABASE_URL: postgresUrl,
    INVENTORY_PORT: envPort(4003),
    /** Milliseconds between sweeps for expired reservations; 0 turns this replica's sweeper off. */
    INVENTORY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_SWEEP_INTERVAL_MS),
  },
  start: ({ config, ...service }) =>
    startInventorySubgraph({
      ...service,
      databaseUrl: config.INVENTORY_DATABASE_URL,
      port: config.INVENTORY_PORT,
      sweepIntervalMs: config.INVENTORY_SWEEP_INTERVAL_MS,
    }),
});
