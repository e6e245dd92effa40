import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * Headers only the gateway may set. The gateway writes them from what it saw itself (its socket), signs them,
 * and a subgraph honours them only when the signature verifies: a caller that reaches a subgraph directly (or
 * sends these headers to the gateway, which overwrites them) cannot choose their values.
 *
 * Not in the list, on purpose: `authorization` (a signed token, verified on its own), `x-cart-session` (the
 * guest's own unguessable cart secret, a bearer credential the client holds, not a fact the gateway vouches
 * for) and `x-request-id` (a log correlation id only; nothing is decided on it).
 */
export const GATEWAY_SET_HEADERS = ['x-client-address'] as const;
export type GatewaySetHeader = (typeof GATEWAY_SET_HEADERS)[number];

export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How far the signer's and the verifier's clocks (and the request's time in flight) may differ. */
const MAX_AGE_SECONDS = 300;
const SCHEME = 'v1';

export interface GatewayHeaders {
  /** Gateway side: the gateway-set headers plus their signature, to send with every subgraph fetch. */
  sign(headers: Partial<Record<GatewaySetHeader, string>>, nowSeconds?: number): Record<string, string>;
  /** Subgraph side: the gateway-set headers of a request whose signature verifies; none otherwise. */
  verified(headers: IncomingHttpHeaders, nowSeconds?: number): Partial<Record<GatewaySetHeader, string>>;
  /** The caller's address: the gateway's signed `x-client-address`, else the socket's (a direct caller). */
  clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>): string;
}

/**
 * HMAC-SHA256 with a secret shared by the gateway and the subgraphs, over a timestamp and the header values:
 * `x-gateway-signature: t=<unix seconds>,v1=<base64url mac>`. The timestamp bounds a replay of a captured
 * signature to a few minutes; capturing one needs the network between gateway and subgraphs.
 */
export function gatewayHeaders(secret: string): GatewayHeaders {
  const mac = (timestamp: string, values: Partial<Record<GatewaySetHeader, string>>) => {
    const hmac = createHmac('sha256', secret).update(`shop-gateway-${SCHEME}\n${timestamp}\n`);
    for (const name of GATEWAY_SET_HEADERS) hmac.update(`${name}:${values[name] ?? ''}\n`);
    return hmac.digest();
  };
  const self: GatewayHeaders = {
    sign(headers, nowSeconds = Math.floor(Date.now() / 1000)) {
      const timestamp = String(nowSeconds);
      const signed: Record<string, string> = {};
      for (const name of GATEWAY_SET_HEADERS) if (headers[name] !== undefined) signed[name] = headers[name];
      signed[GATEWAY_SIGNATURE_HEADER] = `t=${timestamp},${SCHEME}=${mac(timestamp, headers).toString('base64url')}`;
      return signed;
    },
    verified(headers, nowSeconds = Math.floor(Date.now() / 1000)) {
      const signature = headers[GATEWAY_SIGNATURE_HEADER];
      if (typeof signature !== 'string') return {};
      const parsed = /^t=(\d{1,12}),v1=([\w-]{43})$/.exec(signature);
      if (!parsed || Math.abs(nowSeconds - Number(parsed[1])) > MAX_AGE_SECONDS) return {};
      const values: Partial<Record<GatewaySetHeader, string>> = {};
      for (const name of GATEWAY_SET_HEADERS) {
        const value = headers[name];
        if (Array.isArray(value)) return {}; // sent twice: not what the gateway sends
        if (value !== undefined) values[name] = value;
      }
      const expected = mac(parsed[1], values);
      const given = Buffer.from(parsed[2], 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected) ? values : {};
    },
    clientAddress(req) {
      const given = self.verified(req.headers)['x-client-address'];
      return given && given.length <= 64 ? given : (req.socket.remoteAddress ?? 'unknown');
    },
  };
  return self;
}

/** A secret for services that share one process (embedded mode, tests): nobody outside it can know it. */
export const newGatewaySecret = () => randomBytes(32).toString('base64url');
