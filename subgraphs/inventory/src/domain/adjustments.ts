import { conflict, forbidden } from '@shop/platform';

export type AdjustmentStatus = 'pending' | 'approved' | 'rejected';

export interface CountedLine {
  variantId: string;
  /** The sellable quantity counted on the shelf: what quantity_available becomes on approval. */
  adjustedQuantity: number;
}

export interface DraftLine {
  itemId: string;
  variantId: string;
  currentQuantity: number;
  adjustedQuantity: number;
  quantityDifference: number;
}

/** A draft records what the books said when it was written, so the reviewer approves a known change. */
export function draftLines(lines: CountedLine[], items: Map<string, { id: string; quantityAvailable: number }>): DraftLine[] {
  return lines.map((line) => {
    const item = items.get(line.variantId);
    if (!item) throw new Error(`draftLines: no item for ${line.variantId}`);
    return {
      itemId: item.id,
      variantId: line.variantId,
      currentQuantity: item.quantityAvailable,
      adjustedQuantity: line.adjustedQuantity,
      quantityDifference: line.adjustedQuantity - item.quantityAvailable,
    };
  });
}

interface Reviewable {
  status: string | null;
  createdBy: string;
  adjustmentNumber: string;
}

/** Four eyes: another admin approves. Only a pending adjustment can be decided. */
export function assertCanApprove(adjustment: Reviewable, reviewerId: string): void {
  assertPending(adjustment);
  if (adjustment.createdBy === reviewerId) throw forbidden('Another admin must approve a stock adjustment you drafted.');
}

/** Any admin may reject a pending adjustment; its author rejecting it is withdrawing it. */
export function assertCanReject(adjustment: Reviewable): void {
  assertPending(adjustment);
}

function assertPending(adjustment: Reviewable): void {
  const status = adjustment.status ?? 'pending';
  if (status !== 'pending') throw conflict(`Stock adjustment ${adjustment.adjustmentNumber} is already ${status}.`, { status });
}

export interface MovedLine {
  variantId: string;
  drafted: number;
  current: number;
}

/**
 * Lines whose sellable stock moved since the draft (a sale, a restock, another adjustment): approving would
 * apply a count to books that changed under it, so approval fails and the admin recounts.
 */
export function linesMovedSinceDraft(lines: DraftLine[], current: Map<string, number>): MovedLine[] {
  return lines
    .filter((line) => current.get(line.itemId) !== line.currentQuantity)
    .map((line) => ({ variantId: line.variantId, drafted: line.currentQuantity, current: current.get(line.itemId) ?? 0 }));
}

export function assertStockUnmoved(adjustmentNumber: string, moved: MovedLine[]): void {
  if (moved.length === 0) return;
  throw conflict(`Stock moved since adjustment ${adjustmentNumber} was drafted; draft it again from a fresh count.`, { lines: moved });
}

/** ADJ-20261125-4F9A1C: the day it was drafted and six random hex digits. */
export function adjustmentNumber(now: Date, random: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `ADJ-${day}-${random.slice(0, 6).toUpperCase()}`;
}
