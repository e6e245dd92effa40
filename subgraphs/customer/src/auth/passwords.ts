import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createHashingQueue } from './hashing-queue';

/**
 * scrypt, memory-hard and built into Node: N=2^15, r=8, p=3 is one of OWASP's recommended settings (32 MiB per
 * hash). The parameters are stored with the hash so they can be raised without invalidating old passwords.
 */
const COST = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

/**
 * One line for every hash in this process (all subgraphs share the threadpool in embedded mode): two at a time
 * keep both cores busy and leave half of libuv's four threads for token signing and verification.
 */
export const passwordHashing = createHashingQueue({ concurrency: 2, maxWaiting: 64, maxWaitMs: 10_000 });

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verified against when the email is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = () =>
  (decoy ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
    decoy = undefined; // refused while busy: try again next time
    throw error;
  }));
