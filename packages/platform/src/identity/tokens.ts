import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { unauthenticated } from '../errors';
import { ROLES, type Role, type Viewer } from './viewer';

/** Where a service finds the keys that sign access tokens, and what the tokens must say. */
export interface TokenSettings {
  issuer: string;
  audience: string;
  /** Keycloak's `…/protocol/openid-connect/certs`, or the built-in issuer's `/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** The public keys themselves, when the issuer runs in this process (embedded mode, tests). */
  jwks?: JSONWebKeySet;
}

export interface TokenVerifier {
  /**
   * A verified token's caller; UNAUTHENTICATED for anything forged, expired, or meant for someone else. When the
   * issuer's keys cannot be fetched, a plain error (the client sees INTERNAL_SERVER_ERROR, a subscriber 1013).
   */
  verify(token: string): Promise<Viewer>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const keys = settings.jwks
    ? createLocalJWKSet(settings.jwks)
    : settings.jwksUrl
      ? // Cached; an unknown `kid` (key rotation) refetches, at most every 30 s.
        createRemoteJWKSet(new URL(settings.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 })
      : null;
  if (!keys) throw new Error('Token verification needs either jwks or jwksUrl');
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: settings.issuer, audience: settings.audience, algorithms: ALGORITHMS }));
      } catch (error) {
        // The issuer's key endpoint down, slow or broken says nothing about the token: not a reason to sign out.
        if (keysUnavailable(error)) throw new Error('The token issuer\'s signing keys could not be fetched', { cause: error });
        throw unauthenticated(explain(error));
      }
      return viewerOf(payload);
    },
  };
}

/**
 * jose reports every fault of a token with a subclass of JOSEError. A failed key fetch is a network error, a
 * timeout, a malformed key set, or the base JOSEError itself (no 200 OK, no JSON).
 */
const keysUnavailable = (error: unknown): boolean =>
  !(error instanceof joseErrors.JOSEError) ||
  error instanceof joseErrors.JWKSTimeout ||
  error instanceof joseErrors.JWKSInvalid ||
  error.constructor === joseErrors.JOSEError;

function explain(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'Your session has expired: sign in again.';
  return 'The access token is not valid: sign in again.';
}

/** The customer is the token's subject; roles come from our own `roles` claim or from Keycloak's realm roles. */
function viewerOf(payload: JWTPayload): Viewer {
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw unauthenticated('The access token names no customer.');
  const claimed = [
    ...(Array.isArray(payload.roles) ? payload.roles : []),
    ...(Array.isArray((payload.realm_access as { roles?: unknown })?.roles) ? (payload.realm_access as { roles: unknown[] }).roles : []),
  ];
  const roles = ROLES.filter((role: Role) => claimed.includes(role));
  // A service account is nobody's customer: its subject must never open a customer's records.
  if (roles.includes('service')) return { customerId: null, roles: ['service'] };
  const text = (claim: unknown) => (typeof claim === 'string' && claim.length <= 255 ? claim : undefined);
  const profile = { email: text(payload.email), firstName: text(payload.given_name), lastName: text(payload.family_name) };
  return { customerId: payload.sub.toLowerCase(), roles, ...(profile.email ? { profile } : {}) };
}
