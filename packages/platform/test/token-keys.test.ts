import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createTokenVerifier } from '../src/identity/tokens';
import { createTestIssuer } from '../src/testing';

/** A token is only refused for what is wrong with it; the issuer's key endpoint failing is the shop's problem. */
const issuer = createTestIssuer();

async function keyServer(answer: (res: http.ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const verifierAt = (jwksUrl: string) => createTokenVerifier({ issuer: issuer.tokens.issuer, audience: issuer.tokens.audience, jwksUrl });

describe('verifying access tokens against the issuer’s keys', () => {
  it('accepts a good token with keys fetched over HTTP', async () => {
    const keys = await keyServer((res) => res.end(JSON.stringify(issuer.tokens.jwks)));
    try {
      const customerId = randomUUID();
      await expect(verifierAt(keys.url).verify(issuer.tokenFor(customerId, ['customer']))).resolves.toMatchObject({ customerId });
    } finally {
      await keys.close();
    }
  });

  it('does not tell a holder of a good token to sign in again when the key endpoint is unreachable or broken', async () => {
    const token = issuer.tokenFor(randomUUID(), ['customer']);
    const closed = await keyServer(() => undefined);
    await closed.close();
    const broken = await keyServer((res) => res.end('<html>bad gateway</html>'));
    try {
      for (const url of [closed.url, broken.url]) {
        const failure = await verifierAt(url).verify(token).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Error);
        expect((failure as { extensions?: { code?: string } }).extensions?.code).toBeUndefined();
        expect((failure as Error).message).toMatch(/signing keys could not be fetched/);
      }
    } finally {
      await broken.close();
    }
  });

  it('still refuses forged, garbled and expired tokens as UNAUTHENTICATED', async () => {
    const keys = await keyServer((res) => res.end(JSON.stringify(issuer.tokens.jwks)));
    try {
      const verifier = verifierAt(keys.url);
      const good = issuer.tokenFor(randomUUID(), ['customer']);
      const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(86)}`;
      const expired = issuer.tokenFor(randomUUID(), ['customer'], { expiresIn: -60 });
      for (const token of [forged, 'not-a-token', 'a.b.c', '', expired]) {
        const failure = await verifier.verify(token).catch((error: unknown) => error);
        expect([token.slice(0, 12), (failure as { extensions?: { code?: string } }).extensions?.code]).toEqual([token.slice(0, 12), 'UNAUTHENTICATED']);
      }
    } finally {
      await keys.close();
    }
  });

  it('keeps a verified token only until it expires: the same frozen caller meanwhile, UNAUTHENTICATED after', async () => {
    const keys = await keyServer((res) => res.end(JSON.stringify(issuer.tokens.jwks)));
    try {
      const verifier = verifierAt(keys.url);
      const customerId = randomUUID();
      const token = issuer.tokenFor(customerId, ['customer'], { expiresIn: 2 });
      const first = await verifier.verify(token);
      expect(first).toMatchObject({ customerId, roles: ['customer'] });
      expect(await verifier.verify(token)).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const failure = await verifier.verify(token).catch((error: unknown) => error);
      expect((failure as { extensions?: { code?: string } }).extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await keys.close();
    }
  });
});
