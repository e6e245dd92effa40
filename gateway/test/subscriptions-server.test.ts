import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLogger, inProcessTransport, shopError, type EventTransport, type Identity, type Viewer } from '@shop/platform';
import { createTestIssuer } from '@shop/platform/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startGateway } from '../src/gateway';
import type { OrderFeed } from '../src/subscriptions/order-feed';
import { DEFAULT_SUBSCRIPTION_LIMITS, startSubscriptionServer, type SubscriptionLimits, type SubscriptionServer } from '../src/subscriptions/server';

/** The WebSocket server alone, with an identity whose answers each test decides. */
const CUSTOMER: Viewer = { customerId: '00000000-0000-4000-8000-0000000000c1', roles: ['customer'] };
const feed: OrderFeed = { listen: () => () => undefined, listenerCount: () => 0, stop: async () => undefined };

let httpServer: http.Server;
let server: SubscriptionServer | undefined;
let url: string;
let check: () => Promise<Viewer>;
let checks = 0;

async function start(limits: Partial<SubscriptionLimits> = {}): Promise<void> {
  httpServer = http.createServer();
  const identity = {
    viewerFor: async () => {
      checks += 1;
      return check();
    },
    gatewayHeaders: { sign: () => ({}) },
  } as unknown as Identity;
  server = startSubscriptionServer({
    httpServer, path: '/graphql', log: createLogger('test', 'silent'), identity, feed, schema: () => undefined,
    execute: async () => ({ data: null }), limits: { ...DEFAULT_SUBSCRIPTION_LIMITS, ...limits },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
}

afterEach(async () => {
  if (!server) return;
  await server.stop();
  await new Promise((resolve) => httpServer.close(resolve));
  server = undefined;
  checks = 0;
});

/** A graphql-ws client: whether it was acknowledged, and the close code once it closed. */
function connect(authorization?: string) {
  let closedWith: number | null = null;
  let acknowledged = false;
  const client = createClient({
    url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined,
    connectionParams: authorization ? { authorization } : {},
    on: { connected: () => (acknowledged = true), closed: (event) => (closedWith = (event as { code: number }).code) },
  });
  return { client, acknowledged: () => acknowledged, closedWith: () => closedWith };
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the subscription server', () => {
  it('closes with 1013 (try again later), not 4403, when the token cannot be checked at connect', async () => {
    await start();
    check = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const c = connect('Bearer a.b.c');
    try {
      await until(() => c.closedWith() !== null, 'the close');
      expect(c.closedWith()).toBe(1013);
    } finally {
      await c.client.dispose();
    }
  });

  it('keeps a connection when a recheck fails for another reason than the token, and ends it (4403) when the token is refused', async () => {
    await start({ recheckMs: 20 });
    check = async () => CUSTOMER;
    const c = connect('Bearer a.b.c');
    try {
      await until(c.acknowledged, 'the acknowledgement');
      check = async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      };
      const before = checks;
      await until(() => checks >= before + 3, 'three failed rechecks');
      expect(c.closedWith()).toBeNull();
      check = async () => {
        throw shopError('UNAUTHENTICATED', 'This account is suspended.');
      };
      await until(() => c.closedWith() !== null, 'the close');
      expect(c.closedWith()).toBe(4403);
    } finally {
      await c.client.dispose();
    }
  });

  it('refuses a token the identity rejects with 4403', async () => {
    await start();
    check = async () => {
      throw shopError('UNAUTHENTICATED', 'The access token is not valid: sign in again.');
    };
    const c = connect('Bearer a.b.c');
    try {
      await until(() => c.closedWith() !== null, 'the close');
      expect(c.closedWith()).toBe(4403);
    } finally {
      await c.client.dispose();
    }
  });

  it('caps connections without an account per client address, apart from signed-in accounts', async () => {
    await start({ maxAnonymousConnectionsPerAddress: 2 });
    const guests = [connect(), connect()];
    const signedIn: ReturnType<typeof connect>[] = [];
    try {
      check = async () => ({ customerId: null, roles: [] });
      for (const guest of guests) await until(guest.acknowledged, 'a guest to be acknowledged');
      const third = connect();
      guests.push(third);
      await until(() => third.closedWith() !== null, 'the third guest to be closed');
      expect(third.closedWith()).toBe(4029);
      check = async () => CUSTOMER;
      signedIn.push(connect('Bearer a.b.c'));
      await until(signedIn[0].acknowledged, 'the customer to be acknowledged');
      // A guest that leaves makes room for another.
      await guests[0].client.dispose();
      check = async () => ({ customerId: null, roles: [] });
      await until(() => server!.connectionCount() === 2, 'the guest to be gone');
      const next = connect();
      guests.push(next);
      await until(next.acknowledged, 'another guest to be acknowledged');
    } finally {
      for (const c of [...guests, ...signedIn]) await c.client.dispose();
    }
  });
});

describe('a gateway that cannot listen', () => {
  it('stops its order feed and removes its group of the order stream', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const base = inProcessTransport();
    const groups = new Set<string>();
    const events: EventTransport = {
      ...base,
      ensureGroup: async (stream, group, from) => {
        groups.add(group);
        await base.ensureGroup(stream, group, from);
      },
      dropGroup: async (stream, group) => {
        groups.delete(group);
        await base.dropGroup(stream, group);
      },
    };
    try {
      await expect(startGateway({
        port: (taken.address() as AddressInfo).port, host: '127.0.0.1', log: createLogger('test', 'silent'), production: false,
        supergraphSdl: readFileSync(join(__dirname, '../../supergraph.graphql'), 'utf8'), identity: createTestIssuer().identity, events,
      })).rejects.toThrow(/EADDRINUSE/);
      expect(groups.size).toBe(0);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
