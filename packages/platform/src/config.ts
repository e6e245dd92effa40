import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits';

/**
 * Parses environment variables with a zod object schema. A bad value stops start-up with one line per
 * variable that names it, instead of failing later in some unrelated place.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const shown = typeof env[name] === 'string' ? ` (got "${env[name]}")` : '';
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment booleans: only the words people actually write, anything else is an error. */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

export const envPort = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000_000).default(fallback);

/**
 * How every GraphQL service (gateway and subgraphs) treats operations and errors. Defaults in
 * DEFAULT_QUERY_LIMITS (graphql/limits.ts); README "Limits and abuse".
 */
export const graphqlConfigShape = {
  QUERY_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  QUERY_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  QUERY_MAX_ROOT_FIELDS: limit(DEFAULT_QUERY_LIMITS.maxRootFields),
  QUERY_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  QUERY_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  QUERY_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  /** The size the cost estimate assumes for a list without `first` or a declared @listSize. */
  QUERY_DEFAULT_LIST_SIZE: limit(DEFAULT_QUERY_LIMITS.defaultListSize),
  /** Stack traces and raw messages of unexpected errors in responses: for a developer's machine only. */
  GRAPHQL_DEBUG: envBoolean(false),
  /** Schema introspection (Apollo Sandbox needs it). Default: on outside production, off in production. */
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v))),
};

/** Settings every service reads. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...graphqlConfigShape,
});

/** How a GraphQL service limits operations and shows errors. */
export interface GraphqlSettings {
  limits: QueryLimits;
  /** Stack traces and raw messages of unexpected errors in responses. */
  debug: boolean;
  introspection: boolean;
}

/**
 * The GraphQL settings from the environment, validated (a bad value is a ConfigError naming the variable).
 * Services read them when they start, so every process, whichever way it was started, applies the same limits.
 */
export function graphqlSettingsFromEnv(production: boolean, env: NodeJS.ProcessEnv = process.env): GraphqlSettings {
  const c = loadConfig(z.object(graphqlConfigShape), env);
  return {
    limits: {
      maxDepth: c.QUERY_MAX_DEPTH,
      maxAliases: c.QUERY_MAX_ALIASES,
      maxRootFields: c.QUERY_MAX_ROOT_FIELDS,
      maxTokens: c.QUERY_MAX_TOKENS,
      maxDirectives: c.QUERY_MAX_DIRECTIVES,
      maxCost: c.QUERY_MAX_COST,
      defaultListSize: c.QUERY_DEFAULT_LIST_SIZE,
    },
    debug: c.GRAPHQL_DEBUG,
    introspection: c.GRAPHQL_INTROSPECTION ?? !production,
  };
}
