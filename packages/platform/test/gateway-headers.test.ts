import type { IncomingHttpHeaders } from 'node:http';
import {
  createIdentity, createLogger, gatewayHeaders, GATEWAY_SIGNATURE_HEADER, identityConfigSchema, identityFromConfig, inProcessSuspendedAccounts, newGatewaySecret,
} from '../src/index';

const secret = newGatewaySecret();
const now = Math.floor(Date.now() / 1000);
// Half a minute past the five-minute window, so a test that runs late (clientAddress reads the real clock) still is.
const OUTSIDE_WINDOW = 330;
const request = (headers: IncomingHttpHeaders) => ({ headers, socket: { remoteAddress: '192.0.2.50' } }) as never;

describe('headers only the gateway may set', () => {
  const signed = gatewayHeaders(secret).sign({ 'x-client-address': '203.0.113.7' }, now);

  it('are honoured when the gateway signed them with the shared secret', () => {
    expect(gatewayHeaders(secret).verified(signed, now)).toEqual({ 'x-client-address': '203.0.113.7' });
    expect(gatewayHeaders(secret).clientAddress(request(signed))).toBe('203.0.113.7');
  });

  it.each([
    ['no signature', { 'x-client-address': '203.0.113.7' }],
    ['a changed address', { ...signed, 'x-client-address': '203.0.113.8' }],
    ['a signature made with another secret', gatewayHeaders(newGatewaySecret()).sign({ 'x-client-address': '203.0.113.7' }, now)],
    ['a signature older than five minutes', gatewayHeaders(secret).sign({ 'x-client-address': '203.0.113.7' }, now - OUTSIDE_WINDOW)],
    ['a signature from the future', gatewayHeaders(secret).sign({ 'x-client-address': '203.0.113.7' }, now + OUTSIDE_WINDOW)],
    ['the address sent twice', { ...signed, 'x-client-address': ['203.0.113.7', '203.0.113.7'] }],
    ['a malformed signature', { ...signed, [GATEWAY_SIGNATURE_HEADER]: `${signed[GATEWAY_SIGNATURE_HEADER]}=` }],
    ['an empty signature', { ...signed, [GATEWAY_SIGNATURE_HEADER]: '' }],
  ])('are ignored with %s: the socket address counts', (_what, headers) => {
    expect(gatewayHeaders(secret).verified(headers as IncomingHttpHeaders, now)).toEqual({});
    expect(gatewayHeaders(secret).clientAddress(request(headers as IncomingHttpHeaders))).toBe('192.0.2.50');
  });

  it('are trusted between services given one Identity, and not by another one made without the secret', () => {
    const tokens = { issuer: 'https://issuer.test', audience: 'shop-api', jwks: { keys: [] } };
    const shared = createIdentity({ tokens, suspended: inProcessSuspendedAccounts() });
    const other = createIdentity({ tokens, suspended: inProcessSuspendedAccounts() });
    const headers = shared.gatewayHeaders.sign({ 'x-client-address': '203.0.113.7' });
    expect(shared.gatewayHeaders.clientAddress(request(headers))).toBe('203.0.113.7');
    expect(other.gatewayHeaders.clientAddress(request(headers))).toBe('192.0.2.50');
    const configured = createIdentity({ tokens, suspended: inProcessSuspendedAccounts(), gatewaySecret: secret });
    expect(configured.gatewayHeaders.clientAddress(request(signed))).toBe('203.0.113.7');
  });
});

describe('the gateway signing secret in production configuration', () => {
  const log = createLogger('test', 'silent');
  const config = (env: Record<string, string>) => identityConfigSchema.parse({ REDIS_URL: 'redis://127.0.0.1:6379', ...env });

  it('is required, with a message naming it', () => {
    expect(() => identityFromConfig(config({}), log, { production: true, jwks: { keys: [] } })).toThrow(/^GATEWAY_SIGNING_SECRET: required in production/);
  });

  it('must be at least 32 characters', () => {
    const parsed = identityConfigSchema.safeParse({ GATEWAY_SIGNING_SECRET: 'too short' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['GATEWAY_SIGNING_SECRET']);
  });
});
