import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * @apollo/federation-internals hands out its 300-odd exports through TypeScript's CommonJS re-export getters, on an
 * object V8 keeps in dictionary mode: every read is a hash lookup and a function call. @apollo/gateway reads them
 * per field of every answer it shapes (`federation_internals_1.isObjectType(…)`), which was 7% of the gateway's CPU
 * on a 50-product category page. The exports are all assigned while the module first runs and never again, so its
 * entry in require's cache is swapped for a plain copy before @apollo/gateway loads it: same values, fast
 * properties. Imported first by the module that loads @apollo/gateway; a module that took the original earlier
 * keeps it, which is only slower. A release without the getters leaves this with nothing to do.
 */
const requireHere = createRequire(__filename);
const file = requireHere.resolve('@apollo/federation-internals', { paths: [path.dirname(requireHere.resolve('@apollo/gateway'))] });
const loaded = requireHere(file) as Record<string, unknown>;
const entry = requireHere.cache[file];
const descriptors = Object.getOwnPropertyDescriptors(loaded);
if (entry && entry.exports === loaded && Object.values(descriptors).some((descriptor) => descriptor.get)) {
  const copy: Record<string, unknown> = { ...loaded };
  Object.defineProperty(copy, '__esModule', { value: true });
  entry.exports = copy;
}
