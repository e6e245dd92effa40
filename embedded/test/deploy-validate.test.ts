/**
 * deploy/validate.js (CI's "deploy" step) run as CI runs it, on the repository's files and on broken copies: it must
 * pass the real ones and name each planted mistake. Proves the checks bite; it does not prove the images build or
 * the manifests apply (no Docker engine, no cluster here: README "Production").
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-validate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'deploy', 'validate.js'), ...args], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** A copy of docker-compose.yml with `change` applied to its parsed document (comments and anchors kept). */
function composeWith(change: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
  change(doc);
  const file = path.join(dir, `compose-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, doc.toString());
  return file;
}

test('the repository’s compose file, Kubernetes overlays and README pass', async () => {
  const { code, output } = await validate();
  expect(output).toContain('deploy: all checks passed');
  expect(output).toMatch(/overlays\/production: \d+ objects rendered and checked against the Kubernetes schemas/);
  expect(code).toBe(0);
});

test('compose: a missing setting or secret, a malformed value, an unknown or unhealthy dependency, a wrong image are each named', async () => {
  const compose = composeWith((doc) => {
    doc.deleteIn(['services', 'catalog', 'environment', 'CATALOG_DATABASE_URL']);
    doc.setIn(['services', 'order', 'environment', 'ORDER_TAX_RATES'], 'US:lots');
    doc.setIn(['services', 'cart', 'depends_on', 'pricing', 'condition'], 'service_healthy');
    doc.deleteIn(['services', 'mailpit', 'healthcheck']);
    doc.setIn(['services', 'search', 'build', 'args', 'SERVICE'], 'catalog');
    doc.deleteIn(['services', 'payment', 'environment', 'PAYMENT_WEBHOOK_SECRET']);
    doc.setIn(['services', 'redis', 'restart_policy'], 'always');
  });
  const { code, output } = await validate('--only', 'compose', '--compose', compose);
  expect(code).toBe(1);
  expect(output).toMatch(/services\.catalog: would not start: CATALOG_DATABASE_URL/);
  expect(output).toMatch(/services\.order: would not start: ORDER_TAX_RATES: .*US:lots/);
  expect(output).toContain('services.cart: depends_on pricing, which is not a service');
  expect(output).toContain('services.notification: waits for mailpit to be healthy, but mailpit has no healthcheck');
  expect(output).toContain('services.search: the catalog image does not carry subgraphs/search/dist/main.js');
  expect(output).toMatch(/services\.payment: would not start: PAYMENT_WEBHOOK_SECRET: required in production/);
  expect(output).toMatch(/docker(-| )compose config: .*restart_policy/);
  expect(output).toContain('7 problem(s)');
});

test('kubernetes: a schema violation, an unknown field, a second payment replica and a secret key nobody provides are named', async () => {
  const kubernetes = path.join(dir, 'kubernetes');
  cpSync(path.join(root, 'deploy', 'kubernetes'), kubernetes, { recursive: true });
  const scale = path.join(kubernetes, 'overlays', 'production', 'scale.yaml');
  writeFileSync(scale, `${readFileSync(scale, 'utf8')}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment
spec:
  replicas: 2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  template:
    spec:
      containers:
        - name: cart
          readinessProbe:
            periodSeconds: often
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: order
spec:
  template:
    spec:
      containers:
        - name: order
          livenesProbe:
            httpGet:
              path: /health
              port: http
`);
  const secrets = path.join(kubernetes, 'secrets.example.env');
  writeFileSync(secrets, readFileSync(secrets, 'utf8').replace(/^SEARCH_DATABASE_URL=.*$/m, ''));

  const { code, output } = await validate('--only', 'kubernetes', '--kubernetes', kubernetes);
  expect(code).toBe(1);
  expect(output).toMatch(/overlays\/production Deployment\/cart: .*periodSeconds must be integer/);
  expect(output).toMatch(/overlays\/production Deployment\/order: .*'"livenesProbe"' does not exist in type 'IContainer'/);
  expect(output).toContain('overlays/production Deployment/payment: must run as exactly one replica');
  expect(output).toContain('Deployment/search: SEARCH_DATABASE_URL from key SEARCH_DATABASE_URL, missing in deploy/kubernetes/secrets.example.env');
  expect(output).toMatch(/Job\/migrate: no SEARCH_DATABASE_URL/);
  expect(output).not.toContain('overlays/staging Deployment/payment: must run');
});

test('README: a setting a service reads but the Production section does not list is named', async () => {
  const readme = path.join(dir, 'README.md');
  writeFileSync(readme, readFileSync(path.join(root, 'README.md'), 'utf8').replaceAll('`CART_PRICE_CACHE_MS`', 'CART_PRICE_CACHE_MS'));
  const { code, output } = await validate('--only', 'readme', '--readme', readme);
  expect(code).toBe(1);
  expect(output).toContain('README.md "Production": CART_PRICE_CACHE_MS (read by subgraphs/cart/dist/main.js) is not in the settings');
});
