import type { IncomingHttpHeaders } from 'node:http';
import { forbidden, unauthenticated } from './errors';

export type Role = 'customer' | 'admin';

/** Who is calling, as established from a verified credential — never from a bare header in production. */
export interface Viewer {
  customerId: string | null;
  roles: readonly Role[];
}

export const anonymousViewer: Viewer = Object.freeze({ customerId: null, roles: [] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Until token verification lands (identity issue), the only way to act as someone is the development switch
 * UNSAFE_DEV_IDENTITY_HEADERS: when on, `x-dev-customer-id` and `x-dev-roles` are believed. It is off by
 * default, and when off those headers are ignored, so admin and customer mutations are closed.
 */
export function viewerFromHeaders(headers: IncomingHttpHeaders, trustDevIdentityHeaders: boolean): Viewer {
  if (!trustDevIdentityHeaders) return anonymousViewer;
  const id = single(headers['x-dev-customer-id']);
  const roles = (single(headers['x-dev-roles']) ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is Role => r === 'customer' || r === 'admin');
  const customerId = id && UUID.test(id) ? id.toLowerCase() : null;
  if (customerId && !roles.includes('customer')) roles.push('customer');
  return { customerId, roles };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function assertAdmin(viewer: Viewer): void {
  if (viewer.roles.includes('admin')) return;
  if (viewer.roles.length === 0) throw unauthenticated('Sign in as staff to do this.');
  throw forbidden('Only shop staff can do this.');
}

export function assertCustomer(viewer: Viewer): string {
  if (!viewer.customerId) throw unauthenticated('Sign in to do this.');
  return viewer.customerId;
}
