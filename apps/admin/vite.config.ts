import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// Served by the gateway at /admin (SPA fallback there); the web kit is read from source in the workspace.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: { '@shop/web-kit': path.resolve(here, '../../packages/web-kit/src/index.ts') } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: true, sourcemap: false },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
