import type { Pool } from 'pg';

/** At most this many words of a query are searched for (the rest are ignored). */
export const MAX_QUERY_WORDS = 10;
const MAX_WORD_LENGTH = 50;

/**
 * The shopper's words: letters and digits only, lower-cased. Everything else (`& | ! ( ) : * \ '`, quotes,
 * punctuation) separates words, so no character a shopper types can change the meaning of a tsquery.
 */
export function wordsOf(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
}

interface TermRow {
  word: string;
  stopword: boolean;
  known: boolean;
  synonyms: string[] | null;
  close: string[];
}

export interface TextQuery {
  /** tsquery text: any word (or its synonyms or close spellings) matches. */
  any: string;
  /** tsquery text: every word matches (ranked first). */
  all: string;
  /** The query with unknown words replaced by their closest known spelling, when any was. */
  corrected: string | null;
  /** The whole query, normalized like the index's name_norm, for the exact-name boost. */
  exact: string;
}

const quoted = (word: string) => `'${word}'`;
const phrase = (text: string) => wordsOf(text).map(quoted).join(' <-> ');

/**
 * Expands the words with the synonym table and, for a word no indexed product contains, with the closest words of
 * the vocabulary (trigram similarity): "hedphones" also looks for "headphones". The last word also matches as a
 * prefix (search as you type). Returns null when no word is left (only stop words).
 */
export async function textQuery(pool: Pool, text: string): Promise<TextQuery | null> {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  const { rows } = await pool.query<TermRow>(
    `SELECT t.word, t.stopword, t.known, t.synonyms,
            CASE WHEN t.known OR t.stopword OR length(t.word) < 3 THEN '{}'::text[]
                 ELSE ARRAY(SELECT v.word FROM search_vocabulary v WHERE v.word % t.word ORDER BY similarity(v.word, t.word) DESC, v.word LIMIT 3)
            END AS close
     FROM (
       SELECT w.word, w.ord,
              numnode(plainto_tsquery('shop_search', w.word)) = 0 AS stopword,
              EXISTS (SELECT 1 FROM search_index i
                      WHERE i.document @@ to_tsquery('shop_search', quote_literal(w.word) || CASE WHEN w.ord = $2 THEN ':*' ELSE '' END)) AS known,
              (SELECT s.synonyms FROM search_synonyms s WHERE s.term = w.word) AS synonyms
       FROM unnest($1::text[]) WITH ORDINALITY w(word, ord)
     ) t
     ORDER BY t.ord`,
    [words.map((w) => w.normalize('NFD').replace(/\p{M}/gu, '')), words.length],
  );
  const alternatives: string[] = [];
  let corrected = false;
  const spelled: string[] = [];
  rows.forEach((row, i) => {
    spelled.push(row.close[0] ?? row.word);
    if (row.stopword) return;
    if (row.close.length) corrected = true;
    const last = i === rows.length - 1;
    const options = [quoted(row.word) + (last ? ':*' : ''), ...(row.synonyms ?? []).map(phrase).filter(Boolean), ...row.close.map(quoted)];
    alternatives.push(options.length > 1 ? `(${options.map((o) => `(${o})`).join(' | ')})` : options[0]);
  });
  if (alternatives.length === 0) return null;
  return {
    any: alternatives.join(' | '),
    all: alternatives.join(' & '),
    corrected: corrected ? spelled.join(' ') : null,
    exact: words.join(' '),
  };
}
