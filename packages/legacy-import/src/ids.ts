import { createHash } from 'node:crypto';

/** The namespace of every id this import derives (a constant: the same legacy row maps to the same id on every run). */
const NAMESPACE = 'b3f7c1de-6a52-4e0b-9d3c-1f0e7a4c2b91';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A name-based UUID (RFC 9562 version 5): the same name always gives the same id. */
export function uuidFrom(name: string): string {
  const hash = createHash('sha1').update(Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The stable key of the import: a legacy product keeps its UUID as the catalog product's id (so order lines and
 * links that name it stay valid); a legacy id of another type (serial, text) gets a derived UUID. Either way a
 * re-run finds the product it imported before, with no mapping table.
 */
export const productIdFor = (legacyId: string): string => (isUuid(legacyId) ? legacyId.toLowerCase() : uuidFrom(`product:${legacyId}`));

/** The one default variant the import gives each product. */
export const defaultVariantIdFor = (productId: string): string => uuidFrom(`default-variant:${productId}`);

/** Categories and brands keep a legacy UUID id; others (or ones known only by name) get an id derived from it. */
export const referenceIdFor = (kind: 'category' | 'brand', key: string): string =>
  isUuid(key) ? key.toLowerCase() : uuidFrom(`${kind}:${key}`);
