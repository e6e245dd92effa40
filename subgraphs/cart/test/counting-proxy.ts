import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP hop in front of a subgraph that counts the requests it forwards (the gateway's and the cart's fetches). */
export interface CountingProxy {
  url: string;
  count: number;
  /** What each request asked: the first word of the GraphQL operation and the entity typenames, for test messages. */
  seen: string[];
  reset(): void;
  stop(): Promise<void>;
}

export async function countingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true });
  const proxy: CountingProxy = {
    url: '',
    count: 0,
    seen: [],
    reset() {
      proxy.count = 0;
      proxy.seen = [];
    },
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST') {
        proxy.count++;
        proxy.seen.push(describe(body));
      }
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    agent.destroy();
  };
  return proxy;
}

function describe(body: Buffer): string {
  try {
    const { query } = JSON.parse(body.toString('utf8')) as { query?: string };
    return (query ?? '').replace(/\s+/g, ' ').slice(0, 80);
  } catch {
    return '(not JSON)';
  }
}
