import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import path from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { repoRoot } from '../src/db/paths';
import { prettyLogs } from '../src/logger';
import { boundedLabel, mountMetrics, startTracingFromEnv, tracingEnabled } from '../src/observability';

/**
 * The OTLP exporter loads its HTTP agent with a dynamic import(), which jest's CommonJS runtime refuses, and
 * pino-pretty writes straight to file descriptor 1: these run the built library (dist/) in a plain Node process.
 */
const dist = (file: string) => path.join(repoRoot(), 'packages/platform/dist', file);
async function node(script: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } });
  return stdout;
}

describe('bounded labels', () => {
  test('the first names keep their label, later ones and malformed ones count as other', () => {
    const label = boundedLabel(2);
    expect(label('ProductPage')).toBe('ProductPage');
    expect(label('Checkout')).toBe('Checkout');
    expect(label('ProductPage')).toBe('ProductPage');
    expect(label('ThirdOne')).toBe('other');
    expect(label('has space"')).toBe('other');
    expect(label('x'.repeat(200))).toBe('other');
  });
});

describe('log format', () => {
  test('LOG_FORMAT decides; without it, pretty only on a terminal outside production', () => {
    expect(prettyLogs({ LOG_FORMAT: 'pretty' }, false)).toBe(true);
    expect(prettyLogs({ LOG_FORMAT: 'json' }, true)).toBe(false);
    expect(prettyLogs({}, true)).toBe(true);
    expect(prettyLogs({ NODE_ENV: 'production' }, true)).toBe(false);
    expect(prettyLogs({}, false)).toBe(false);
  });

  test('pretty lines are readable text, JSON lines are JSON', async () => {
    const script = `require(${JSON.stringify(dist('logger.js'))}).createLogger('catalog').info({ sku: 'TSHIRT-1' }, 'product created')`;
    const log = (env: Record<string, string>) => node(script, env);
    const pretty = (await log({ LOG_FORMAT: 'pretty' })).trim();
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(catalog\): product created\n\s+sku: "TSHIRT-1"$/);
    // Coloured on a terminal (FORCE_COLOR stands in for one here).
    expect(await log({ LOG_FORMAT: 'pretty', FORCE_COLOR: '1' })).toContain('\u001b[32mINFO\u001b[39m');
    expect(JSON.parse(await log({ LOG_FORMAT: 'json' }))).toMatchObject({ service: 'catalog', msg: 'product created', sku: 'TSHIRT-1' });
  });
});

describe('metrics endpoint', () => {
  test('without a token it answers anyone; with one, only the scrape that brings it', async () => {
    const app = express();
    mountMetrics(app, 'secret');
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      expect((await fetch(url)).status).toBe(401);
      const scraped = await fetch(url, { headers: { authorization: 'Bearer secret' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/^# HELP nodejs_eventloop_lag_seconds/m);
    } finally {
      server.close();
    }
  });
});

describe('tracing settings', () => {
  test('off unless an OTLP endpoint is configured', () => {
    expect(startTracingFromEnv('catalog', {})).toBeNull();
    expect(startTracingFromEnv('catalog', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
    expect(tracingEnabled()).toBe(false);
  });

  test('with OTEL_EXPORTER_OTLP_ENDPOINT, spans go over OTLP/HTTP to <endpoint>/v1/traces, named after the service, with OTEL_RESOURCE_ATTRIBUTES', async () => {
    const received: { path?: string; body: string }[] = [];
    const collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        received.push({ path: req.url, body: Buffer.concat(chunks).toString('latin1') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    try {
      await node(
        `const t = require(${JSON.stringify(dist('observability/tracing.js'))});
         const tracing = t.startTracingFromEnv('catalog');
         t.tracer().startSpan('product page').end();
         tracing.shutdown().then(() => console.log(t.tracingEnabled()));`,
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging' },
      );
    } finally {
      collector.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/v1/traces');
    expect(received[0].body).toContain('product page');
    expect(received[0].body).toContain('catalog');
    expect(received[0].body).toContain('staging');
  });
});
