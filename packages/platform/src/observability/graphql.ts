import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { boundedLabel, graphqlDuration, graphqlErrors, graphqlRequests } from './metrics';

/** Distinct operation names (and error codes) per service before further ones count as `other`. */
const MAX_OPERATIONS = 200;
const MAX_CODES = 50;

/**
 * Request rate, latency and errors per GraphQL operation of `service`, and the request's span named after the
 * operation. Operations without a name count as `anonymous`, ones that did not parse or validate as `unknown`.
 */
export function graphqlObservability<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  const operationLabel = boundedLabel(MAX_OPERATIONS);
  const codeLabel = boundedLabel(MAX_CODES);
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = trace.getActiveSpan();
          if (!operation) return;
          span?.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
          span?.setAttributes({ 'graphql.operation.type': operation.operation, 'graphql.operation.name': operationName ?? '' });
        },
        async willSendResponse({ operation, operationName, response }) {
          const name = !operation ? 'unknown' : operationName ? operationLabel(operationName) : 'anonymous';
          const labels = { service, operation: name, type: operation?.operation ?? 'unknown' };
          graphqlRequests.inc(labels);
          graphqlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
            graphqlErrors.inc({ service, operation: name, code: codeLabel(code) });
          }
        },
      };
    },
  };
}
