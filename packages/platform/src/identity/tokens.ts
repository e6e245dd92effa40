import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
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
  const verified = verifiedTokens();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) return known;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: settings.issuer, audience: settings.audience, algorithms: ALGORITHMS }));
      } catch (error) {
        // The issuer's key endpoint down, slow or broken says nothing about the token: not a reason to sign out.
        if (keysUnavailable(error)) throw new Error('The token issuer\'s signing keys could not be fetched', { cause: error });
        throw unauthenticated(explain(error));
      }
      return verified.keep(token, viewerOf(payload), payload);
    },
  };
}

/**
 * Tokens this process verified, until they expire: a service token or a shopper's access token comes with every
 * request for minutes, and checking its signature again each time was a noticeable part of a subgraph's CPU (an
 * ES256 verification per request). Only the exact token string hits, so nothing unverified gets in.
 */
function verifiedTokens() {
  const cache = new LRUCache<string, Viewer>({ max: 10_000 });
  return {
    get: (token: string) => cache.get(token),
    /** Frozen: one viewer now serves many requests. */
    keep(token: string, viewer: Viewer, payload: JWTPayload): Viewer {
      const kept = Object.freeze({ ...viewer, roles: Object.freeze([...viewer.roles]), ...(viewer.profile ? { profile: Object.freeze({ ...viewer.profile }) } : {}) });
      const ttl = typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : 0;
      const notBefore = typeof payload.nbf === 'number' && payload.nbf * 1000 > Date.now();
      if (ttl > 0 && !notBefore) cache.set(token, kept, { ttl });
      return kept;
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
