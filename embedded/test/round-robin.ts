import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export interface RoundRobin {
  url: string;
  /** Requests each upstream has answered, in the order given. */
  served: number[];
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);

/**
 * A load balancer for tests: every request goes to the next of `upstreams` in turn, headers and body as they
 * came. It lets one gateway reach several replicas of one subgraph, as an orchestrator's service would.
 */
export async function startRoundRobin(upstreams: string[]): Promise<RoundRobin> {
  const agent = new Agent({ connections: 256 });
  const served = upstreams.map(() => 0);
  let next = 0;
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer((req, res) => {
    const index = next++ % upstreams.length;
    served[index]++;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name))) as Record<string, string>;
    body(req)
      .then((payload) => request(target, { method: req.method as 'POST', headers, body: payload.length ? payload : undefined, dispatcher: agent }))
      .then(async (answer) => {
        const text = await answer.body.text();
        res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
        res.end(text);
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: `round-robin: ${String(error)}`, extensions: { code: 'BAD_GATEWAY' } }] }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const path = new URL(upstreams[0]).pathname;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    served,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
