/**
 * The shop's synonym table, one group of interchangeable words per line. Kept here until the search context has
 * one shared list (src/domain/synonyms.ts) that both backends read.
 */
export const SHOP_SYNONYMS: readonly (readonly string[])[] = [
  ['tee', 't-shirt', 'tshirt'],
  ['headphones', 'headset', 'earphones'],
  ['sneakers', 'trainers'],
  ['laptop', 'notebook'],
  ['phone', 'smartphone', 'mobile'],
  ['sofa', 'couch'],
  ['hoodie', 'sweatshirt'],
  ['tv', 'television'],
];

/** Solr-format rules ("tee, t-shirt, tshirt") as Elasticsearch's synonym_graph filter takes them. */
export function synonymRules(groups: readonly (readonly string[])[]): string[] {
  return groups.map((words) => words.join(', '));
}
