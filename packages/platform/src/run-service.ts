import type { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
import { eventTransport } from './events/context-events';
import type { EventTransport } from './events/transport';
import { identityConfigSchema, identityFromConfig } from './identity/config';
import type { Identity } from './identity/request';
import type { SuspendedAccounts } from './identity/suspensions';
import type { TokenSettings } from './identity/tokens';
import { poolSettingsFromEnv, usePoolLimits } from './db/prisma';
import { createLogger, type Logger } from './logger';
import { startTracingFromEnv } from './observability/tracing';
import type { Redis } from './redis';
import { stopOnSignals, type RunningService } from './server';

/** What every service reads: NODE_ENV, LOG_LEVEL, the GraphQL limits and the identity settings. */
export const serviceConfigSchema = baseConfigSchema.extend(identityConfigSchema.shape);

const withOwn = <S extends z.ZodRawShape>(shape: S) => serviceConfigSchema.extend(shape);
/** A service's whole configuration: what every service reads and its own variables. */
export type ServiceConfig<S extends z.ZodRawShape> = z.infer<ReturnType<typeof withOwn<S>>>;

/** What a process gives each service it starts: the logger, the mode, the identity and the one event transport. */
export interface ProcessServices {
  log: Logger;
  production: boolean;
  /** Verifies each request's bearer token (suspensions shared through Redis when REDIS_URL is set). */
  identity: Identity;
  suspended: SuspendedAccounts;
  redis?: Redis;
  /** The process's integration-event transport: Redis Streams with REDIS_URL, else this process's in-process one. */
  eventTransport: EventTransport;
}

/** What a service's `start` gets: its validated configuration and what the process gives every service. */
export interface ServiceEnvironment<C, K> extends ProcessServices {
  config: C;
  /** What `signingKey` loaded, for a service that issues tokens. */
  signingKey?: K;
}

export interface ServiceMain<S extends z.ZodRawShape, K> {
  /** The logger's service name. */
  name: string;
  /** The service's own environment variables, beside the ones every service reads. */
  config: S;
  /** Rules across variables, checked before anything starts: throw a ConfigError naming the variable. */
  check?: (config: ServiceConfig<S>) => void;
  /** A service that issues tokens: its key, whose public half verifies them (no AUTH_JWKS_URL needed then). */
  signingKey?: (config: ServiceConfig<S>) => Promise<(K & { jwks: TokenSettings['jwks'] }) | undefined>;
  start: (env: ServiceEnvironment<ServiceConfig<S>, K>) => Promise<RunningService>;
}

/**
 * A production entry point (main.ts): validates the environment (a bad value stops start-up with one line per
 * variable), makes the logger and the identity, starts the service, and stops it on SIGTERM/SIGINT. A
 * configuration error prints its message alone; anything else that stops start-up prints in full; exit code 1.
 */
export function runService<S extends z.ZodRawShape, K = never>(main: ServiceMain<S, K>): void {
  start(main).catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}

async function start<S extends z.ZodRawShape, K>(main: ServiceMain<S, K>): Promise<void> {
  const config = loadConfig(withOwn(main.config)) as ServiceConfig<S>;
  const common = config as unknown as z.infer<typeof serviceConfigSchema>;
  main.check?.(config);
  // The context's <NAME>_DB_POOL_* settings become the default of every pool the service opens.
  usePoolLimits(poolSettingsFromEnv(main.name));
  const log = createLogger(main.name, common.LOG_LEVEL);
  const production = common.NODE_ENV === 'production';
  // Before anything opens a connection: traces of start-up work are exported too.
  const tracing = startTracingFromEnv(main.name);
  if (tracing) log.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'exporting traces over OTLP');
  const signingKey = await main.signingKey?.(config);
  const auth = identityFromConfig(common, log, { production, jwks: signingKey?.jwks });
  const stopAll = async () => {
    await auth.close();
    await tracing?.shutdown();
  };
  try {
    const service = await main.start({
      config, log, production, identity: auth.identity, suspended: auth.suspended, redis: auth.redis,
      eventTransport: eventTransport(auth.redis ?? null), signingKey,
    });
    stopOnSignals([service], log, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}
