import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startShopProcess, type ShopProcess } from '../../src/shop-process';

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browser here) against `npm start` as a
 * newcomer runs it: embedded/dist/start.js in a child process, the storefront at /, the admin app at /admin.
 * With CI=true a missing Chromium fails the run; elsewhere the browser suites say they were skipped and why.
 */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;

/** Screenshots of the main pages, kept as CI artifacts (git-ignored). */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '..', '..', '.e2e', 'screenshots');

/** `describe` when a Chromium is found; otherwise a skipped suite that says why (a failure under CI=true). */
export function describeInBrowser(name: string, suite: () => void): void {
  if (chromiumPath) return describe(name, suite);
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('needs Chromium', () => {
        throw new Error('No Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH): browser tests cannot be skipped in CI');
      });
    });
    return;
  }
  console.warn(`Skipped "${name}": no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  describe.skip(name, suite);
}

export interface BrowserShop {
  shop: ShopProcess;
  browser: Browser;
  /** A fresh browser profile (its own storage: one shopper) opened on the shop. */
  newContext(): Promise<BrowserContext>;
  /** A page in a fresh profile; errors the page throws or logs are collected in `errors`. */
  newPage(): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  /** Writes .e2e/screenshots/<name>.png (full page). */
  screenshot(page: Page, name: string): Promise<string>;
  /** The shop's email to `to` (newest first), read from the dev mailbox. */
  mailTo(to: string): Promise<Array<{ id: string; subject: string; to: string[] }>>;
  stop(): Promise<void>;
}

export async function startBrowserShop(env: NodeJS.ProcessEnv = {}): Promise<BrowserShop> {
  if (!chromiumPath) throw new Error('No Chromium found');
  const shop = await startShopProcess(env);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
  } catch (error) {
    await shop.stop();
    throw error;
  }
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const newContext = () => browser.newContext({ baseURL: shop.baseUrl, viewport: { width: 1280, height: 900 } });
  return {
    shop,
    browser,
    newContext,
    async newPage() {
      const context = await newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      return { page, context, errors };
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async mailTo(to) {
      if (!shop.mailboxUrl) return [];
      const messages = (await (await fetch(`${shop.mailboxUrl}/messages`)).json()) as Array<{ id: string; subject: string; to: string[] }>;
      return messages.filter((m) => m.to.includes(to));
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await shop.stop();
    },
  };
}
