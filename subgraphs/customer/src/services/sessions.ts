import { randomUUID } from 'node:crypto';
import { shopError, unauthenticated, type Role } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction, type CustomerTx } from '../db';
import { hashRefreshToken, type Issuer } from '../auth/issuer';
import type { Customer } from '../generated/prisma/client';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  customer: Customer;
}

export function builtInIssuer(ctx: CustomerContext): Issuer {
  if (!ctx.issuer) throw shopError('FORBIDDEN', 'This shop signs in through its identity provider (Keycloak): use its sign-in page.');
  return ctx.issuer;
}

/**
 * Stores a new one-time refresh token of a session (a new family, or `familyId`'s), inside the caller's
 * transaction; the access token is signed by `sessionFor` after commit, so no transaction waits on crypto.
 */
export async function storeRefreshToken(
  tx: Pick<CustomerTx, 'refreshToken'>,
  issuer: Issuer,
  customerId: string,
  familyId: string = randomUUID(),
): Promise<string> {
  const refresh = issuer.newRefreshToken();
  await tx.refreshToken.create({ data: { customerId, familyId, tokenHash: refresh.hash, expiresAt: refresh.expiresAt } });
  return refresh.token;
}

/** The session a client receives: a freshly signed access token beside the stored refresh token. */
export async function sessionFor(issuer: Issuer, customer: Customer, roles: readonly Role[], refreshToken: string): Promise<Session> {
  const access = await issuer.accessToken(customer.id, customer.email, roles);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken, customer };
}

/**
 * Trades a refresh token for a new pair. The claim is a conditional update, so of two concurrent uses exactly
 * one wins; a token presented after it was used means it leaked, and the whole family is revoked.
 */
export async function rotateRefreshToken(ctx: CustomerContext, refreshToken: string): Promise<Session> {
  const issuer = builtInIssuer(ctx);
  const expired = unauthenticated('This session has ended: sign in again.');
  if (refreshToken.length > 100) throw expired;
  const hash = hashRefreshToken(refreshToken);
  type Outcome = { reused: string } | { customer: Customer; roles: Role[]; refreshToken: string } | null;
  const outcome = await inTransaction(ctx.db, async (tx): Promise<Outcome> => {
    const row = await tx.refreshToken.findUnique({ where: { tokenHash: hash } });
    if (!row || row.revokedAt || row.expiresAt < new Date()) return null;
    const { count } = await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (count === 0) return { reused: row.familyId };
    const customer = await tx.customer.findUnique({ where: { id: row.customerId }, include: { credential: true } });
    if (!customer || customer.customerStatus === 'suspended') return null;
    const { credential, ...plain } = customer;
    const roles = (credential?.roles ?? ['customer']) as Role[];
    return { customer: plain, roles, refreshToken: await storeRefreshToken(tx, issuer, plain.id, row.familyId) };
  });
  if (outcome === null) throw expired;
  if ('reused' in outcome) {
    await revokeFamily(ctx, outcome.reused);
    ctx.log.warn({ familyId: outcome.reused }, 'a refresh token was used twice: its session family is revoked');
    throw expired;
  }
  return sessionFor(issuer, outcome.customer, outcome.roles, outcome.refreshToken);
}

export async function revokeFamily(ctx: CustomerContext, familyId: string): Promise<void> {
  await ctx.db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function logout(ctx: CustomerContext, refreshToken: string): Promise<boolean> {
  builtInIssuer(ctx);
  if (refreshToken.length > 100) return true;
  const row = await ctx.db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(refreshToken) } });
  if (row) await revokeFamily(ctx, row.familyId);
  return true;
}
