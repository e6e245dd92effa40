import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** What verifiers need: served at /.well-known/jwks.json and handed to in-process services. */
  jwks: JSONWebKeySet;
}

/**
 * The built-in issuer's ES256 key, generated on first start and kept in the data folder (mode 0600) so tokens
 * survive restarts. Never committed: the data folder is git-ignored.
 */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID() };
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error; // another process made it first: use theirs
    });
  }
  return signingKeyFromJwk(JSON.parse(await readFile(file, 'utf8')));
}

export function signingKeyFromJwk(jwk: JsonWebKey & { kid: string }): SigningKey {
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { kid: jwk.kid, privateKey, jwks: { keys: [{ ...publicJwk, kid: jwk.kid, alg: 'ES256', use: 'sig' } as JWK] } };
}
