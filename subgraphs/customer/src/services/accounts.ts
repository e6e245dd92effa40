import { parseInput, unauthenticated, type Role } from '@shop/platform';
import { z } from 'zod';
import type { CustomerContext } from '../context';
import { inTransaction } from '../db';
import type { Customer } from '../generated/prisma/client';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { email as emailRule, registerInput } from '../domain/customer';
import { customerRegistered } from '../events/publish';
import { emailTaken, explainWriteError } from './errors';
import { builtInIssuer, sessionFor, storeRefreshToken, type Session } from './sessions';

/**
 * Registering creates the customer, its preferences, its loyalty account and its password in one transaction.
 * Limited per client network; a taken email is answered before any hashing; the password is hashed (in the
 * hashing queue) before the transaction and the access token signed after it, so a connection is held only for
 * the inserts. Two sign-ups with one email race on the unique key: one account, the other CONFLICT.
 */
export async function register(ctx: CustomerContext, input: unknown): Promise<Session> {
  const issuer = builtInIssuer(ctx);
  const data = parseInput(registerInput, input);
  await ctx.accountLimits.admitRegistration(ctx.clientAddress);
  if (await ctx.db.customer.findUnique({ where: { email: data.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(data.password).catch(async (error: unknown) => {
    await ctx.accountLimits.registrationWithdrawn(ctx.clientAddress); // told to come back: not a registration
    throw error;
  });
  let created: { customer: Customer; refreshToken: string };
  try {
    created = await inTransaction(ctx.db, async (tx) => {
      const customer = await tx.customer.create({
        data: {
          email: data.email,
          firstName: data.firstName,
          lastName: data.lastName,
          phone: data.phone ?? null,
          dateOfBirth: data.dateOfBirth ? new Date(`${data.dateOfBirth}T00:00:00Z`) : null,
          preferences: { create: {} },
          loyalty: { create: {} },
          credential: { create: { passwordHash, roles: ['customer'] } },
        },
      });
      await customerRegistered(tx, customer);
      return { customer, refreshToken: await storeRefreshToken(tx, issuer, customer.id) };
    });
  } catch (error) {
    explainWriteError(error);
  }
  return sessionFor(issuer, created.customer, ['customer'], created.refreshToken);
}

const loginInput = z.object({ email: emailRule, password: z.string().max(200, 'must be at most 200 characters') });

/**
 * One answer for an unknown email and a wrong password, in about the same time. Each attempt passes the
 * sign-in limits first (per email and client network, see auth/rate-limits) and counts as a failure unless the
 * password is right.
 */
export async function login(ctx: CustomerContext, input: { email: string; password: string }): Promise<Session> {
  const issuer = builtInIssuer(ctx);
  const { email, password } = parseInput(loginInput, input);
  const attempt = await ctx.accountLimits.admitSignIn(email, ctx.clientAddress);
  const customer = await ctx.db.customer.findUnique({ where: { email }, include: { credential: true } });
  const valid = await verifyPassword(password, customer?.credential?.passwordHash ?? (await decoyHash())).catch(async (error: unknown) => {
    await attempt.withdrawn(); // not checked (the hashing line was full): not a failure
    throw error;
  });
  if (!customer?.credential || !valid) throw unauthenticated('The email or password is wrong.');
  await attempt.succeeded();
  if (customer.customerStatus === 'suspended') throw unauthenticated('This account is suspended.');
  const { credential, ...plain } = customer;
  const refreshToken = await storeRefreshToken(ctx.db, issuer, plain.id);
  return sessionFor(issuer, plain, credential.roles as Role[], refreshToken);
}

/**
 * A staff account for the built-in issuer (embedded start creates one). Idempotent: an existing account keeps
 * its password and gains the admin role.
 */
export async function ensureStaffAccount(ctx: Pick<CustomerContext, 'db'>, email: string, password: string): Promise<string> {
  const existing = await ctx.db.customer.findUnique({ where: { email }, include: { credential: true } });
  if (existing?.credential) {
    if (!existing.credential.roles.includes('admin')) {
      await ctx.db.customerCredential.update({ where: { customerId: existing.id }, data: { roles: [...existing.credential.roles, 'admin'] } });
    }
    return existing.id;
  }
  const passwordHash = await hashPassword(password);
  const staff = await ctx.db.customer.create({
    data: {
      email,
      firstName: 'Shop',
      lastName: 'Staff',
      preferences: { create: {} },
      loyalty: { create: {} },
      credential: { create: { passwordHash, roles: ['customer', 'admin'] } },
    },
  });
  return staff.id;
}
