import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../errors';
import { gatewayHeaders, newGatewaySecret, type GatewayHeaders } from './gateway-headers';
import type { SuspendedAccounts } from './suspensions';
import { createTokenVerifier, type TokenSettings, type TokenVerifier } from './tokens';
import { anonymousViewer, type Viewer } from './viewer';

/** How a service turns a request's Authorization header into a verified caller. */
export interface Identity {
  viewerFor(headers: IncomingHttpHeaders): Promise<Viewer>;
  /** Headers only the gateway may set (the client's address): signed by the gateway, verified by subgraphs. */
  gatewayHeaders: GatewayHeaders;
}

export interface IdentityOptions {
  tokens: TokenSettings | TokenVerifier;
  suspended: SuspendedAccounts;
  /**
   * Shared by the gateway and every subgraph (GATEWAY_SIGNING_SECRET). Omitted: a random one, so only services
   * given this same Identity object (one process: embedded mode, tests) trust each other's gateway headers.
   */
  gatewaySecret?: string;
}

/**
 * No Authorization header: an anonymous caller. A header that does not verify, or names a suspended account, is
 * UNAUTHENTICATED for the whole request — never silently anonymous, so a client learns its token is bad.
 */
export function createIdentity({ tokens, suspended, gatewaySecret }: IdentityOptions): Identity {
  const verifier = 'verify' in tokens ? tokens : createTokenVerifier(tokens);
  return {
    gatewayHeaders: gatewayHeaders(gatewaySecret ?? newGatewaySecret()),
    async viewerFor(headers) {
      const header = headers.authorization;
      if (!header) return anonymousViewer;
      const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header)?.[1];
      if (!token) throw unauthenticated('The Authorization header must be "Bearer <access token>".');
      const viewer = await verifier.verify(token);
      if (viewer.customerId && (await suspended.isSuspended(viewer.customerId))) {
        throw unauthenticated('This account is suspended.');
      }
      return viewer;
    },
  };
}
