import { generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { createIdentity, type Identity } from '../identity/request';
import { inProcessSuspendedAccounts, type SuspendedAccounts } from '../identity/suspensions';
import type { TokenSettings } from '../identity/tokens';
import type { Role } from '../identity/viewer';

export interface TokenOptions {
  /** Seconds until expiry; negative for a token that has already expired. */
  expiresIn?: number;
  /** Shape the claims like a Keycloak access token (`realm_access.roles`) instead of the built-in issuer's `roles`. */
  keycloak?: boolean;
  /** Extra claims, e.g. Keycloak's email, given_name and family_name. */
  claims?: Record<string, unknown>;
}

export interface TestIssuer {
  tokens: TokenSettings;
  suspended: SuspendedAccounts;
  identity: Identity;
  tokenFor(customerId: string, roles: Role[], options?: TokenOptions): string;
  /** Authorization headers for a request as that caller. */
  as(customerId: string, roles: Role[], options?: TokenOptions): Record<string, string>;
  /** A token with the right claims, signed by a key nobody trusts. */
  forged(customerId: string, roles: Role[]): string;
}

const ISSUER = 'https://issuer.test/realms/shop';
const AUDIENCE = 'shop-api';

interface SigningKey {
  privateKey: KeyObject;
  kid: string;
  jwk: JWK;
}

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  return { privateKey, kid, jwk: { ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), kid, alg: 'ES256', use: 'sig' } as JWK };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** ES256 signed synchronously with node:crypto, so test helpers can build headers without awaiting. */
function signToken(key: SigningKey, customerId: string, roles: Role[], options: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    ...options.claims,
    ...(options.keycloak ? { realm_access: { roles: [...roles, 'offline_access'] }, azp: 'storefront' } : { roles }),
    sub: customerId,
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + (options.expiresIn ?? 3600),
  };
  const input = `${base64url({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${base64url(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** An issuer for tests of services that only verify tokens; the customer context tests its real issuer. */
export function createTestIssuer(): TestIssuer {
  const trusted = signingKey();
  const untrusted = signingKey();
  const tokens: TokenSettings = { issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [trusted.jwk] } };
  const suspended = inProcessSuspendedAccounts();
  const tokenFor: TestIssuer['tokenFor'] = (customerId, roles, options) => signToken(trusted, customerId, roles, options);
  return {
    tokens,
    suspended,
    identity: createIdentity({ tokens, suspended }),
    tokenFor,
    as: (customerId, roles, options) => ({ authorization: `Bearer ${tokenFor(customerId, roles, options)}` }),
    forged: (customerId, roles) => signToken(untrusted, customerId, roles),
  };
}
