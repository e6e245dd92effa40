import { randomUUID } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  API_AUDIENCE, BUILTIN_ISSUER, connectRedis, createIdentity, createLogger, inProcessSuspendedAccounts, redisSuspendedAccounts, type Identity, type Redis, type RunningService,
  type SuspendedAccounts,
} from '@shop/platform';
import { createTestDatabase, redisForTests, StatementCounter, testRedisUrl, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { signingKeyFromJwk, type SigningKey } from '../src/auth/signing-key';
import { createCustomerDb, ensureStaffAccount, startCustomerSubgraph, typeDefs, type CustomerDb } from '../src/index';
import type { AccountLimitSettings } from '../src/auth/rate-limits';

export const REDIS_URL = testRedisUrl();
export const STAFF_EMAIL = 'staff@shop.test';
export const STAFF_PASSWORD = 'staff password 123';
export const PASSWORD = 'correct horse battery';

export interface CustomerHarness {
  db: CustomerDb;
  gateway: TestGateway;
  customer: RunningService;
  key: SigningKey;
  suspended: SuspendedAccounts;
  identity: Identity;
  statements: StatementCounter;
  /** The machine's Redis, or null where it does not answer (suspensions and limits then live in this process). */
  redis: Redis | null;
  stop(): Promise<void>;
}

export function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return signingKeyFromJwk({ ...privateKey.export({ format: 'jwk' }), kid: randomUUID() });
}

/**
 * The real customer subgraph with the built-in issuer, on its own database, behind the real gateway, with
 * suspensions and sign-in limits in the machine's real Redis (namespaced per test file), or in process as in
 * `npm start` without REDIS_URL.
 */
export async function startCustomerHarness(limits: Partial<AccountLimitSettings> = {}): Promise<CustomerHarness> {
  const database: TestDatabase = await createTestDatabase('customer');
  const key = newSigningKey();
  const redis = redisForTests.machine ? connectRedis(REDIS_URL) : null;
  const suspended = redis ? redisSuspendedAccounts(redis) : inProcessSuspendedAccounts();
  const identity = createIdentity({ tokens: { issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, jwks: key.jwks }, suspended });
  const statements = new StatementCounter();
  const customer = await startCustomerSubgraph({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    log: createLogger('customer', process.env.LOG_LEVEL ?? 'silent'),
    production: false,
    identity,
    suspended,
    redis: redis ?? undefined,
    issuer: { key, issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, accessTokenSeconds: 300, refreshTokenDays: 1 },
    // Every test file signs up many shoppers from 127.0.0.1: the limits on addresses are the tests' own.
    accountLimits: { perAddress: 1_000, registrationsPerAddress: 1_000, namespace: randomUUID(), ...limits },
    onStatement: statements.record,
  });
  const gateway = await startTestGateway([{ name: 'customer', url: customer.url, typeDefs }], identity);
  const db = createCustomerDb({ connectionString: database.url });
  await ensureStaffAccount({ db }, STAFF_EMAIL, STAFF_PASSWORD);
  return {
    db, gateway, customer, key, suspended, identity, statements, redis,
    async stop() {
      await gateway.stop();
      await customer.stop();
      await db.$disconnect();
      await redis?.quit();
      await database.drop();
    },
  };
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken customer { id email version } } }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken customer { id } } }`;

export interface Shopper {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  headers: Record<string, string>;
}

/** Registers a fresh customer through the gateway. */
export async function registerShopper(h: CustomerHarness, overrides: Record<string, unknown> = {}): Promise<Shopper> {
  const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
  const r = await h.gateway.query(REGISTER, { input: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace', ...overrides } });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const { accessToken, refreshToken, customer } = r.data.register;
  return { id: customer.id, email, accessToken, refreshToken, headers: { authorization: `Bearer ${accessToken}` } };
}

export async function signIn(h: CustomerHarness, email: string, password: string): Promise<Shopper> {
  const r = await h.gateway.query(LOGIN, { email, password });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const { accessToken, refreshToken, customer } = r.data.login;
  return { id: customer.id, email, accessToken, refreshToken, headers: { authorization: `Bearer ${accessToken}` } };
}

/** A token signed with the issuer's real key but already expired. */
export function expiredToken(h: CustomerHarness, customerId: string): Promise<string> {
  return new SignJWT({ roles: ['customer'] })
    .setProtectedHeader({ alg: 'ES256', kid: h.key.kid })
    .setSubject(customerId)
    .setIssuer(BUILTIN_ISSUER)
    .setAudience(API_AUDIENCE)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(h.key.privateKey);
}

export const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code ?? (r.errors ? 'ERROR' : 'ok');

/** The order context calling an internal operation: a service token from this issuer. */
export async function serviceHeaders(h: CustomerHarness): Promise<Record<string, string>> {
  const token = await new SignJWT({ roles: ['service'] })
    .setProtectedHeader({ alg: 'ES256', kid: h.key.kid })
    .setSubject(randomUUID())
    .setIssuer(BUILTIN_ISSUER)
    .setAudience(API_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(h.key.privateKey);
  return { authorization: `Bearer ${token}` };
}
