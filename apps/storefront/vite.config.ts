import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The storefront, served at / by the gateway (npm start). `npm run dev -w @shop/storefront` serves it with hot reload
 * and proxies /graphql (HTTP and WebSocket) to a running shop: GATEWAY_URL, default http://localhost:4000.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

/** Initial JS budget (gzipped): what a first visit loads before any page chunk. */
const BUDGET_KB = 250;

/** Prints the entry chunk plus its static imports, gzipped, against the budget (embedded/test/browser/storefront-bundle.test.ts enforces it). */
function initialJsReport(): Plugin {
  return {
    name: 'initial-js-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const seen = new Set<string>();
      const queue = Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry).map((c) => c.fileName);
      let total = 0;
      while (queue.length) {
        const chunk = bundle[queue.shift()!];
        if (!chunk || chunk.type !== 'chunk' || seen.has(chunk.fileName)) continue;
        seen.add(chunk.fileName);
        total += gzipSync(chunk.code).length;
        queue.push(...chunk.imports);
      }
      const kb = total / 1000;
      this.info(`initial JS ${kb.toFixed(1)} kB gzipped in ${seen.size} chunk(s) (budget ${BUDGET_KB} kB)`);
      if (kb > BUDGET_KB) this.warn(`initial JS is over its ${BUDGET_KB} kB budget`);
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), initialJsReport()],
  server: { proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: true } } },
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true },
});
