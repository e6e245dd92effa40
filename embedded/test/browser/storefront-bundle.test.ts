import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The storefront's size budget: the JavaScript a first visit loads (the entry script index.html names and every chunk
 * it imports statically, not the pages loaded on demand) stays at or under 250 kB gzipped. Reads the build
 * (`npm run build`); no browser needed.
 */
const dist = path.resolve(__dirname, '..', '..', '..', 'apps', 'storefront', 'dist');
const BUDGET = 250 * 1000; // kB as Vite counts them

/** index.html's module scripts and preloads, then the static imports of each, followed to the end. */
function initialChunks(): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    // Static imports only: `import{a}from"./x.js"` / `import "./x.js"`; `import("./x.js")` is a page loaded later.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  return [...seen];
}

const built = existsSync(path.join(dist, 'index.html'));
(built ? describe : describe.skip)('storefront bundle size', () => {
  test('the JavaScript of a first visit is at most 250 kB gzipped', () => {
    const chunks = initialChunks();
    expect(chunks.length).toBeGreaterThan(0);
    const sizes = chunks.map((file) => ({ file, gzipped: gzipSync(readFileSync(path.join(dist, file))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzipped, 0);
    console.log(`Storefront initial JS: ${(total / 1000).toFixed(1)} kB gzipped in ${chunks.length} chunk(s): ${sizes.map((s) => `${s.file} ${(s.gzipped / 1000).toFixed(1)} kB`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });
});
if (!built) console.warn('Skipped the storefront bundle size check: apps/storefront/dist is not built (npm run build).');
