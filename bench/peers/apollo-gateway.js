// Stock Apollo Gateway, set up as its documentation shows and nothing tuned: @apollo/server's standalone server,
// the supergraph from a file, and a RemoteGraphQLDataSource that forwards the shopper's headers to the subgraphs
// (the sign-in token and the guest's cart session). A peer for `npm run bench:gateway`; @apollo/server and
// @apollo/gateway come from the repository's node_modules.
// Settings: SUPERGRAPH_PATH (subgraph URLs written in it), PORT.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const fromShop = (name) => require(require.resolve(name, { paths: [path.resolve(__dirname, '..', '..')] }));
const { ApolloServer } = fromShop('@apollo/server');
const { startStandaloneServer } = fromShop('@apollo/server/standalone');
const { ApolloGateway, RemoteGraphQLDataSource } = fromShop('@apollo/gateway');

const FORWARDED_HEADERS = ['authorization', 'x-cart-session'];

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    for (const name of FORWARDED_HEADERS) {
      const value = context.headers?.[name];
      if (value) request.http.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'),
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});
const server = new ApolloServer({ gateway });

startStandaloneServer(server, {
  context: async ({ req }) => ({ headers: req.headers }),
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
}).then(
  ({ url }) => console.log(`Apollo Gateway at ${url}`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
