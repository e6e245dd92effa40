import { conflict, uniqueViolation } from '@shop/platform';

export const emailTaken = () => conflict('An account with this email address already exists.');

/** The database has the last word under concurrency: two sign-ups with one email, two default addresses. */
export function explainWriteError(error: unknown): never {
  const fields = uniqueViolation(error);
  if (fields?.some((f) => f === 'email' || f === 'customers_email_key')) throw emailTaken();
  if (fields?.some((f) => f.includes('default'))) throw conflict('Another default address of this type was set at the same time; try again.');
  throw error;
}
