import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/** Where a service gets the bearer token it presents when it calls another service's internal operations. */
export interface ServiceCredentials {
  token(): Promise<string>;
}

export interface SignedServiceTokenSettings {
  /** The built-in issuer's private key and key id (embedded mode, or AUTH_SIGNING_KEY_FILE). */
  privateKey: KeyObject;
  kid: string;
  issuer: string;
  audience: string;
  /** Which service is calling, for logs (`azp`). */
  service: string;
  lifetimeSeconds?: number;
}

/**
 * Service tokens signed with the built-in issuer's key: role `service`, a fresh subject per service process,
 * reused until a minute before expiry. With Keycloak, use its client-credentials grant instead
 * (`clientCredentials`).
 */
export function signedServiceTokens(settings: SignedServiceTokenSettings): ServiceCredentials {
  const lifetime = settings.lifetimeSeconds ?? 300;
  const subject = randomUUID();
  let cached: { token: string; renewAt: number } | undefined;
  return {
    async token() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      const token = await new SignJWT({ roles: ['service'], azp: settings.service })
        .setProtectedHeader({ alg: 'ES256', kid: settings.kid, typ: 'JWT' })
        .setSubject(subject)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(`${lifetime}s`)
        .sign(settings.privateKey);
      cached = { token, renewAt: Date.now() + (lifetime - 60) * 1000 };
      return token;
    },
  };
}

/** Keycloak (or any OIDC provider): the client-credentials grant of a confidential client with the `service` role. */
export function clientCredentials(tokenUrl: string, clientId: string, clientSecret: string): ServiceCredentials {
  let cached: { token: string; renewAt: number } | undefined;
  return {
    async token() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      if (!response.ok) throw new Error(`The identity provider refused this service's credentials (${response.status})`);
      const body = (await response.json()) as { access_token: string; expires_in: number };
      cached = { token: body.access_token, renewAt: Date.now() + Math.max(body.expires_in - 60, 10) * 1000 };
      return cached.token;
    },
  };
}
