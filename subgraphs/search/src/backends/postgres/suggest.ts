import type { Pool } from 'pg';
import type { Suggestion } from '../port';

/** Prefixes shorter than this complete by prefix only: trigrams need three characters to be selective. */
const TRIGRAM_MIN_LENGTH = 3;
const KIND_ORDER = `CASE kind WHEN 'CATEGORY' THEN 0 WHEN 'BRAND' THEN 1 ELSE 2 END`;

/** The typed prefix as the suggestions' norm column holds text: lower-case, unaccented, single spaces. */
export function normalizedPrefix(prefix: string): string {
  return prefix.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}\- ]+/gu, ' ').replace(/\s+/g, ' ').trimStart();
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Completions for a search box, each query index-backed: texts starting with the prefix (btree range on the C
 * collation), then texts with a word starting with it (trigram GIN, LIKE '% word%'), then, only when those find
 * nothing, close spellings (trigram word similarity): "hedphone" still suggests "Headphones".
 */
export async function suggestions(pool: Pool, prefix: string, limit: number): Promise<Suggestion[]> {
  const norm = normalizedPrefix(prefix);
  if (!norm.trim() || limit <= 0) return [];
  const found = new Map<string, Suggestion>();
  const add = (rows: Array<{ kind: Suggestion['kind']; ref_id: string; text: string }>) => {
    for (const r of rows) if (found.size < limit) found.set(`${r.kind}:${r.ref_id}`, { kind: r.kind, id: r.ref_id, text: r.text });
  };
  const wordPrefix = norm.length >= TRIGRAM_MIN_LENGTH;
  const { rows } = await pool.query(
    `SELECT kind, ref_id, text FROM ((SELECT kind, ref_id, text, 0 AS tier FROM search_suggestions
      WHERE norm >= $1 AND norm < $1 || chr(1114111) ORDER BY ${KIND_ORDER}, length(norm), norm LIMIT $2)
     ${wordPrefix ? `UNION ALL
     (SELECT kind, ref_id, text, 1 FROM search_suggestions
      WHERE norm LIKE $3 AND NOT (norm >= $1 AND norm < $1 || chr(1114111)) ORDER BY ${KIND_ORDER}, length(norm), norm LIMIT $2)` : ''}) s
     ORDER BY tier, ${KIND_ORDER}, length(text), text`,
    wordPrefix ? [norm, limit, `% ${likeEscaped(norm)}%`] : [norm, limit],
  );
  add(rows);
  if (found.size === 0 && norm.trim().length >= TRIGRAM_MIN_LENGTH) {
    const close = await pool.query(
      `SELECT kind, ref_id, text FROM search_suggestions WHERE $1 <% norm
       ORDER BY word_similarity($1, norm) DESC, ${KIND_ORDER}, length(norm) LIMIT $2`,
      [norm.trim(), limit],
    );
    add(close.rows);
  }
  return [...found.values()];
}
