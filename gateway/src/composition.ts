import { composeServices } from '@apollo/composition';
import { parse, printSchema, type DocumentNode } from 'graphql';

export interface SubgraphDefinition {
  name: string;
  url: string;
  typeDefs: DocumentNode | string;
}

/** Composition failed: `errors` holds one message per problem, `message` lists them all. */
export class CompositionError extends Error {
  override name = 'CompositionError';
  constructor(readonly errors: string[]) {
    super(`Composition failed with ${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
}

/** Composes subgraph schemas into supergraph SDL, exactly as `npm run compose` does for the committed file. */
export function composeSupergraph(subgraphs: SubgraphDefinition[]): string {
  return compose(subgraphs).supergraphSdl;
}

/**
 * Like composeSupergraph, also returning composition hints (advice that does not stop composition) and the API
 * schema clients see (no federation machinery), which the SPAs generate their operation types from.
 */
export function compose(subgraphs: SubgraphDefinition[]): { supergraphSdl: string; apiSdl: string; hints: string[] } {
  const syntaxErrors: string[] = [];
  const services = subgraphs.map(({ name, url, typeDefs }) => {
    try {
      return { name, url, typeDefs: typeof typeDefs === 'string' ? parse(typeDefs) : typeDefs };
    } catch (error) {
      syntaxErrors.push(`[${name}] ${(error as Error).message}`);
      return undefined;
    }
  });
  if (syntaxErrors.length > 0) throw new CompositionError(syntaxErrors);
  const result = composeServices(services.filter((s) => s !== undefined));
  if (result.errors) throw new CompositionError(result.errors.map((e) => withCode(e.message, e.extensions.code)));
  return {
    supergraphSdl: result.supergraphSdl,
    apiSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
    hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
  };
}

function withCode(message: string, code: unknown): string {
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
