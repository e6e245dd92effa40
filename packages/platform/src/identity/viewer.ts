import { forbidden, unauthenticated } from '../errors';

/** `service`: another of our services calling an internal operation (e.g. the order saga authorizing a payment). */
export type Role = 'customer' | 'admin' | 'service';
export const ROLES: readonly Role[] = ['customer', 'admin', 'service'];

/** Who is calling, as established from a verified token — never from a bare header. */
export interface Viewer {
  customerId: string | null;
  roles: readonly Role[];
  /** What the token says about the person (Keycloak's email, given_name, family_name), for first sign-in. */
  profile?: { email?: string; firstName?: string; lastName?: string };
}

export const anonymousViewer: Viewer = Object.freeze({ customerId: null, roles: [] });

/** The shop itself acting inside a service (a recovery job, the checkout saga, an in-process call): the service role. */
export const serviceViewer: Viewer = Object.freeze({ customerId: null, roles: Object.freeze(['service'] as const) });

export const isAdmin = (viewer: Viewer) => viewer.roles.includes('admin');
export const isService = (viewer: Viewer) => viewer.roles.includes('service');

export function assertService(viewer: Viewer): void {
  if (isService(viewer)) return;
  if (viewer.roles.length === 0) throw unauthenticated('This operation is internal to the shop.');
  throw forbidden('This operation is internal to the shop.');
}

export function assertAdmin(viewer: Viewer): void {
  if (isAdmin(viewer)) return;
  if (viewer.roles.length === 0) throw unauthenticated('Sign in as staff to do this.');
  throw forbidden('Only shop staff can do this.');
}

/** Staff, or another of our services (the checkout saga) calling an internal operation. */
export function assertStaffOrService(viewer: Viewer): void {
  if (isAdmin(viewer) || isService(viewer)) return;
  if (viewer.roles.length === 0) throw unauthenticated('Sign in as staff to do this.');
  throw forbidden('Only shop staff can do this.');
}

export function assertCustomer(viewer: Viewer): string {
  if (!viewer.customerId) throw unauthenticated('Sign in to do this.');
  return viewer.customerId;
}
