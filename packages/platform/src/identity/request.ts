import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../errors';
import type { SuspendedAccounts } from './suspensions';
import { createTokenVerifier, type TokenSettings, type TokenVerifier } from './tokens';
import { anonymousViewer, type Viewer } from './viewer';

/** How a service turns a request's Authorization header into a verified caller. */
export interface Identity {
  viewerFor(headers: IncomingHttpHeaders): Promise<Viewer>;
}

export interface IdentityOptions {
  tokens: TokenSettings | TokenVerifier;
  suspended: SuspendedAccounts;
}

/**
 * No Authorization header: an anonymous caller. A header that does not verify, or names a suspended account, is
 * UNAUTHENTICATED for the whole request — never silently anonymous, so a client learns its token is bad.
 */
export function createIdentity({ tokens, suspended }: IdentityOptions): Identity {
  const verifier = 'verify' in tokens ? tokens : createTokenVerifier(tokens);
  return {
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
