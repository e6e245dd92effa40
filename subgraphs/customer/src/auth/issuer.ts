import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '@shop/platform';
import type { SigningKey } from './signing-key';

export interface IssuerSettings {
  key: SigningKey;
  issuer: string;
  audience: string;
  accessTokenSeconds: number;
  refreshTokenDays: number;
}

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** The built-in issuer: short-lived signed access tokens, and opaque refresh tokens stored only as hashes. */
export function createIssuer(settings: IssuerSettings) {
  return {
    settings,
    async accessToken(customerId: string, email: string, roles: readonly Role[]): Promise<AccessToken> {
      const expiresAt = new Date(Date.now() + settings.accessTokenSeconds * 1000);
      const token = await new SignJWT({ roles, email })
        .setProtectedHeader({ alg: 'ES256', kid: settings.key.kid, typ: 'JWT' })
        .setSubject(customerId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(settings.key.privateKey);
      return { token, expiresAt };
    },
    newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
      const token = randomBytes(32).toString('base64url');
      return { token, hash: hashRefreshToken(token), expiresAt: new Date(Date.now() + settings.refreshTokenDays * 86_400_000) };
    },
  };
}

export type Issuer = ReturnType<typeof createIssuer>;

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
