import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createLogger } from '@shop/platform';
import { mountWebApps } from '../src/web-apps';

describe('the storefront and admin apps served beside the API', () => {
  let dir: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-apps-'));
    for (const name of ['storefront', 'admin']) {
      mkdirSync(path.join(dir, name, 'assets'), { recursive: true });
      writeFileSync(path.join(dir, name, 'index.html'), `<!doctype html><title>${name}</title>`);
      writeFileSync(path.join(dir, name, 'assets', 'main-abc123.js'), `console.log('${name}')`);
    }
    const app = express();
    app.post('/graphql', (_req, res) => void res.json({ data: { ok: true } }));
    mountWebApps(app, [{ path: '/', dir: path.join(dir, 'storefront') }, { path: '/admin', dir: path.join(dir, 'admin') }, { path: '/missing', dir: path.join(dir, 'none') }], createLogger('test', 'silent'));
    app.use((_req, res) => void res.status(404).json({ errors: [{ message: 'Not found' }] }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (p: string, accept = 'text/html') => fetch(`${base}${p}`, { headers: { accept } });

  test('deep links load each app’s page, the admin’s under /admin, with a content policy and no caching', async () => {
    for (const [p, title] of [['/', 'storefront'], ['/products/linen-shirt', 'storefront'], ['/admin', 'admin'], ['/admin/orders/42', 'admin']]) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<title>${title}</title>`);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  test('hashed assets are cached for a year; a missing asset is a 404, not the page', async () => {
    const asset = await get('/admin/assets/main-abc123.js', '*/*');
    expect(await asset.text()).toContain("'admin'");
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/nope-000.js', '*/*')).status).toBe(404);
  });

  test('the API keeps its own routes, and a client that does not want HTML gets the API’s 404', async () => {
    const api = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await api.json()).toEqual({ data: { ok: true } });
    expect((await get('/whatever', 'application/json')).status).toBe(404);
  });

  test('an app that was not built is skipped: its path falls to the storefront, which routes it', async () => {
    const res = await get('/missing/x');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>storefront</title>');
  });
});
