// Hive Gateway for `npm run bench:gateway`: its documented header propagation, forwarding the shopper's headers to
// the subgraphs (the sign-in token and the guest's cart session); everything else at its defaults.
import { defineConfig } from '@graphql-hive/gateway';

const FORWARDED_HEADERS = ['authorization', 'x-cart-session'];

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
});
