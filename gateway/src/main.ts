import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baseConfigSchema, ConfigError, createLogger, envPort, identityConfigSchema, identityFromConfig, loadConfig, stopOnSignals } from '@shop/platform';
import { z } from 'zod';
import { operationTimeoutConfigShape, startGateway } from './gateway';
import { repoRoot } from './paths';
import { subgraphsIn, urlVariableFor } from './supergraph';

const corsOrigins = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim() === '*' ? ('*' as const) : v.split(',').map((o) => o.trim())))
  .refine((v) => v === undefined || v === '*' || v.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be * or a comma-separated list of origins like https://shop.example');

const configSchema = baseConfigSchema.extend(identityConfigSchema.shape).extend({
  GATEWAY_PORT: envPort(4000),
  SUPERGRAPH_PATH: z.string().min(1).default(path.join(repoRoot, 'supergraph.graphql')),
  /** Comma-separated browser origins allowed to call the API, or * for any. */
  CORS_ORIGINS: corsOrigins,
  ...operationTimeoutConfigShape,
});

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
  // One optional <NAME>_URL per subgraph in the supergraph, e.g. CATALOG_URL, for deployments where the
  // routing URLs in supergraph.yaml (localhost) are not where the subgraphs run.
  const variables = subgraphsIn(supergraphSdl).map(({ name }) => [name, urlVariableFor(name)] as const);
  const httpUrl = z.url({ protocol: /^https?$/ }).optional();
  const overrides = loadConfig(z.object(Object.fromEntries(variables.map(([, variable]) => [variable, httpUrl]))));
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of variables) {
    const url = overrides[variable];
    if (url) subgraphUrls[name] = url;
  }
  const production = config.NODE_ENV === 'production';
  const auth = identityFromConfig(config, log, { production });
  const gateway = await startGateway({
    identity: auth.identity,
    port: config.GATEWAY_PORT,
    supergraphSdl,
    subgraphUrls,
    log,
    production,
    corsOrigins: config.CORS_ORIGINS,
    operationTimeoutMs: config.GATEWAY_OPERATION_TIMEOUT_MS,
  });
  stopOnSignals([gateway], log, auth.close);
}

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the supergraph at ${file} (SUPERGRAPH_PATH): ${(error as Error).message}. Run \`npm run compose\`.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
