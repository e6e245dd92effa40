import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Subscriptions run over WebSocket (graphql-ws) on the same URL; over HTTP they would reach Apollo Gateway, which has none. */
export function subscriptionsOverWebSocketOnly<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions use WebSocket (graphql-ws) at this same URL: ws(s)://…/graphql.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
