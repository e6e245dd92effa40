import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '@shop/platform';
import { repoRoot } from './paths';

/** A single-page app built to static files (the storefront at `/`, the admin app at `/admin`). */
export interface WebApp {
  /** Where it is served, e.g. `/` or `/admin`. */
  path: string;
  /** Its build output (index.html and hashed assets). */
  dir: string;
}

/**
 * The shop's two apps: the storefront at `/`, the admin app at `/admin`, from `<buildsDir>/storefront` and
 * `<buildsDir>/admin`, or by default from the repository's own builds (apps/<name>/dist).
 */
export function shopWebApps(buildsDir?: string): WebApp[] {
  const build = (name: string) => (buildsDir ? path.join(buildsDir, name) : path.join(repoRoot, 'apps', name, 'dist'));
  return [
    { path: '/', dir: build('storefront') },
    { path: '/admin', dir: build('admin') },
  ];
}

/**
 * The apps talk to /graphql on the same origin over HTTP and WebSocket; images may come from anywhere over https
 * (product images are URLs) and sign-in may go to an OIDC issuer elsewhere (Keycloak).
 */
const APP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self' ws: wss: https:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self' https:",
].join('; ');

/**
 * Serves each app's files; any other GET under its path that accepts HTML gets its index.html, so deep links
 * (/products/linen-shirt, /admin/orders/42) load the app, which routes on the client. Hashed assets are cached for
 * a year, index.html never (a new build is picked up at once). Apps are mounted longest path first, after /graphql.
 */
export function mountWebApps(app: Express, apps: WebApp[], log: Logger): void {
  for (const web of [...apps].sort((a, b) => b.path.length - a.path.length)) {
    const index = path.join(web.dir, 'index.html');
    if (!existsSync(index)) {
      log.warn({ app: web.path, dir: web.dir }, 'web app not built: run npm run build');
      continue;
    }
    const headers = (res: Response) => {
      res.setHeader('content-security-policy', APP_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'same-origin');
    };
    app.use(
      web.path,
      express.static(web.dir, {
        index: false,
        setHeaders: (res, file) => {
          headers(res);
          res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      }),
      (req: Request, res: Response, next: NextFunction) => {
        if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.accepts('html') || path.extname(req.path)) return next();
        headers(res);
        res.setHeader('cache-control', 'no-cache');
        res.sendFile(index);
      },
    );
    log.info({ app: web.path }, 'serving web app');
  }
}
