import { badUserInput, conflict, uniqueViolation } from '@shop/platform';

/**
 * Turns the database's own refusals into errors a client can act on. Checks in code come first, but the
 * database has the last word under concurrency (two admins creating the same SKU at once).
 */
export function explainWriteError(error: unknown, names: Record<string, string> = {}): never {
  const fields = uniqueViolation(error);
  if (fields) {
    const what = fields.map((f) => names[f] ?? f).join(', ') || 'value';
    throw conflict(`That ${what} is already in use.`, { fields });
  }
  const code = (error as { code?: string })?.code;
  if (code === 'P2003') throw badUserInput('A referenced record does not exist.');
  throw error;
}
