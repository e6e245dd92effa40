import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The storefront, served at / by the gateway (npm start). `npm run dev -w @shop/storefront` serves it with hot reload
 * and proxies /graphql (HTTP and WebSocket) to a running shop: GATEWAY_URL, default http://localhost:4000.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: { proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: true } } },
  build: { target: 'es2022', sourcemap: true, reportCompressedSize: true },
});
