import { parseInput, unauthenticated, type Role } from '@shop/platform';
import { z } from 'zod';
import type { CustomerContext } from '../context';
import { inTransaction } from '../db';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { email as emailRule, registerInput } from '../domain/customer';
import { explainWriteError } from './errors';
import { builtInIssuer, openSession, type Session } from './sessions';

/** Registering creates the customer, its preferences, its loyalty account and its password in one transaction. */
export async function register(ctx: CustomerContext, input: unknown): Promise<Session> {
  const issuer = builtInIssuer(ctx);
  const data = parseInput(registerInput, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await inTransaction(ctx.db, async (tx) => {
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
      return openSession(tx, issuer, customer, ['customer']);
    });
  } catch (error) {
    explainWriteError(error);
  }
}

const loginInput = z.object({ email: emailRule, password: z.string().max(200, 'must be at most 200 characters') });

/** One answer for an unknown email and a wrong password, in about the same time; limited per email and address. */
export async function login(ctx: CustomerContext, input: { email: string; password: string }): Promise<Session> {
  const issuer = builtInIssuer(ctx);
  const { email, password } = parseInput(loginInput, input);
  await ctx.loginLimits.consume(email, ctx.clientAddress);
  const customer = await ctx.db.customer.findUnique({ where: { email }, include: { credential: true } });
  const valid = await verifyPassword(password, customer?.credential?.passwordHash ?? (await decoyHash()));
  if (!customer?.credential || !valid) throw unauthenticated('The email or password is wrong.');
  if (customer.customerStatus === 'suspended') throw unauthenticated('This account is suspended.');
  await ctx.loginLimits.succeeded(email);
  const { credential, ...plain } = customer;
  return inTransaction(ctx.db, (tx) => openSession(tx, issuer, plain, credential.roles as Role[]));
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
