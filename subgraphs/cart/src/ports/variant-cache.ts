import type { VariantInfo } from '../domain/cart';

/**
 * What the catalog said about variants, kept for a few seconds in this process, so showing a cart (the product
 * page's `cart { subtotal }` on every page view) does not ask the catalog each time. Changes to a cart and
 * checkout always ask the catalog afresh, and refresh what is kept. ttlMs 0 keeps nothing.
 */
export class VariantCache {
  private readonly entries = new Map<string, { info: VariantInfo | null; expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** undefined: not known (or too old); null: the catalog does not sell it. */
  get(id: string): VariantInfo | null | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > this.clock()) return entry.info;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, info: VariantInfo | null): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, { info, expiresAt: this.clock() + this.ttlMs });
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
