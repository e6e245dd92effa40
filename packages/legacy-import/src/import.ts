import { createCatalogDb, type CatalogDb } from '@shop/catalog';
import { createInventoryDb, type InventoryDb } from '@shop/inventory';
import { inTransaction as inCatalogTransaction, type CatalogTx } from '@shop/catalog/db';
import { inTransaction as inInventoryTransaction, type InventoryTx } from '@shop/inventory/db';
import { CatalogWriter, type CatalogBatch, type ProductOutcome } from './catalog-writer';
import { writeStock, type StockLine, type StockOutcome } from './inventory-writer';
import { LegacySource } from './legacy-source';
import { isSkip, planProduct, type ProductPlan, type Skip, type SkipCode } from './rules';

export interface ImportOptions {
  /** The base service's database (read only). */
  legacyUrl: string;
  /** Schema of its `products` table (default public). */
  legacySchema?: string;
  catalogUrl: string;
  /** The inventory database; without it stock is not taken over. */
  inventoryUrl?: string | null;
  /** Do everything inside transactions that are rolled back: report what would change, write nothing. */
  dryRun?: boolean;
  /** Legacy rows per batch; each batch commits on its own, so a crash loses at most the batch in flight. */
  batchSize?: number;
  currency?: string;
  /** Progress lines (the CLI prints them). */
  report?: (line: string) => void;
  /** Called inside each batch's transaction just before it commits; the crash tests throw from here. */
  beforeCommit?: (stage: 'catalog' | 'inventory', batch: number) => void | Promise<void>;
}

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  products: Record<ProductOutcome, number>;
  skipped: Skip[];
  skippedByReason: Partial<Record<SkipCode, number>>;
  categoriesCreated: string[];
  brandsCreated: string[];
  /** null when no inventory database was given. */
  stock: { set: number; unchanged: number; skipped: Array<{ legacyId: string; reason: string }> } | null;
}

export const DEFAULT_BATCH_SIZE = 200;
/** A batch's transaction may take this much longer than the contexts' usual 15 s, which is sized for one shopper's request. */
const BATCH_EXTRA_MS = 120_000;

/** The import stopped: batches before `batch` are committed (a re-run continues); `batch` itself is not. */
export class ImportStopped extends Error {
  constructor(readonly batch: number, readonly dryRun: boolean, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Carries a dry run's results out of the transaction it rolls back. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

/** Runs a batch in a transaction started by the context's own helper; a dry run rolls it back and keeps the result. */
async function inBatchTransaction<Tx, T>(
  begin: (work: (tx: Tx) => Promise<T>) => Promise<T>,
  dryRun: boolean,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await begin(async (tx) => {
      const result = await work(tx);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}

/**
 * Imports the base service's products into the catalog (and their stock into the inventory), batch by batch in id
 * order. Idempotent: product ids are the legacy ids (or derived from them, ids.ts), so a re-run compares and finds
 * nothing to change; after a crash, a re-run finds the committed batches unchanged and finishes the rest.
 */
export async function importLegacyProducts(options: ImportOptions): Promise<ImportSummary> {
  const source = await LegacySource.open(options.legacyUrl, options.legacySchema);
  const catalogDb = createCatalogDb({ connectionString: options.catalogUrl, poolSize: 2 });
  const inventoryDb = options.inventoryUrl ? createInventoryDb({ connectionString: options.inventoryUrl, poolSize: 2 }) : null;
  try {
    return await new LegacyImport(options, source, catalogDb, inventoryDb).run();
  } finally {
    await Promise.allSettled([source.close(), catalogDb.$disconnect(), inventoryDb?.$disconnect()]);
  }
}

class LegacyImport {
  private readonly dryRun: boolean;
  private readonly report: (line: string) => void;
  private readonly summary: ImportSummary;

  constructor(
    private readonly options: ImportOptions,
    private readonly source: LegacySource,
    private readonly catalogDb: CatalogDb,
    private readonly inventoryDb: InventoryDb | null,
  ) {
    this.dryRun = options.dryRun ?? false;
    this.report = options.report ?? (() => undefined);
    this.summary = {
      dryRun: this.dryRun, rows: 0, products: { imported: 0, updated: 0, unchanged: 0 }, skipped: [], skippedByReason: {},
      categoriesCreated: [], brandsCreated: [], stock: inventoryDb ? { set: 0, unchanged: 0, skipped: [] } : null,
    };
  }

  async run(): Promise<ImportSummary> {
    const { source } = this;
    this.report(`Legacy columns used: ${Object.values(source.shape.columns).join(', ')}; ${await source.count()} rows.`);
    // One connection to the legacy database: its queries run one after another.
    const sharedSkus = await source.sharedSkus();
    const writer = new CatalogWriter(await source.references('categories'), await source.references('brands'), this.options.currency ?? 'USD');
    let afterId: string | null = null;
    for (let batch = 1; ; batch++) {
      try {
        const rows = await source.batch(afterId, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
        if (rows.length === 0) return this.summary;
        afterId = rows[rows.length - 1].id;
        this.summary.rows += rows.length;
        const planned = rows.map((row) => planProduct(row, sharedSkus));
        planned.filter(isSkip).forEach((s) => this.skipped(s));
        const inCatalog = await this.catalogBatch(writer, planned.filter((p): p is ProductPlan => !isSkip(p)), batch);
        await this.stockBatch(inCatalog, batch);
        this.report(`batch ${batch}: ${this.summary.rows} rows read${this.dryRun ? ' (dry run: nothing written)' : ', committed'}`);
      } catch (error) {
        throw new ImportStopped(batch, this.dryRun, error);
      }
    }
  }

  /** Writes the batch's products in one catalog transaction; returns the plans now in the catalog. */
  private async catalogBatch(writer: CatalogWriter, plans: ProductPlan[], batch: number): Promise<ProductPlan[]> {
    const begin = (work: (tx: CatalogTx) => Promise<CatalogBatch>) => inCatalogTransaction(this.catalogDb, work, BATCH_EXTRA_MS);
    const written = await inBatchTransaction(begin, this.dryRun, async (tx) => {
      const result = await writer.writeBatch(tx, plans);
      await this.options.beforeCommit?.('catalog', batch);
      return result;
    });
    const inCatalog: ProductPlan[] = [];
    for (const outcome of written.outcomes) {
      if (isSkip(outcome)) {
        this.skipped(outcome);
        continue;
      }
      this.summary.products[outcome.outcome]++;
      inCatalog.push(outcome.plan);
      if (outcome.outcome !== 'unchanged') {
        const changes = outcome.changes?.length ? `: ${outcome.changes.join(', ')}` : '';
        this.report(`${outcome.plan.sku}: ${this.dryRun ? 'would be ' : ''}${outcome.outcome} (legacy ${outcome.plan.legacyId})${changes}`);
      }
    }
    addNew(this.summary.categoriesCreated, written.categoriesCreated);
    addNew(this.summary.brandsCreated, written.brandsCreated);
    return inCatalog;
  }

  /** Takes the stock of the batch's products over in one inventory transaction (after the catalog's committed). */
  private async stockBatch(inCatalog: ProductPlan[], batch: number): Promise<void> {
    const { inventoryDb } = this;
    const stock = this.summary.stock;
    if (!inventoryDb || !stock) return;
    const stockSkipped = (legacyId: string, reason: string) => {
      stock.skipped.push({ legacyId, reason });
      this.report(`stock of legacy ${legacyId} not taken over: ${reason}`);
    };
    for (const plan of inCatalog) if (plan.stockProblem) stockSkipped(plan.legacyId, plan.stockProblem);
    const lines: StockLine[] = inCatalog
      .filter((p) => p.stock !== null)
      .map((p) => ({ legacyId: p.legacyId, productId: p.productId, variantId: p.variantId, sku: p.sku, units: p.stock as number }));
    const begin = (work: (tx: InventoryTx) => Promise<StockOutcome[]>) => inInventoryTransaction(inventoryDb, work, BATCH_EXTRA_MS);
    const outcomes = await inBatchTransaction(begin, this.dryRun, async (tx) => {
      const result = await writeStock(tx, lines);
      await this.options.beforeCommit?.('inventory', batch);
      return result;
    });
    for (const o of outcomes) {
      if ('reason' in o) stockSkipped(o.legacyId, o.reason);
      else stock[o.outcome]++;
    }
  }

  private skipped(skip: Skip): void {
    this.summary.skipped.push(skip);
    this.summary.skippedByReason[skip.code] = (this.summary.skippedByReason[skip.code] ?? 0) + 1;
    this.report(`skipped legacy ${skip.legacyId} (${skip.code}): ${skip.reason}`);
  }
}

/** A dry run rolls each batch back, so a category "created" in one batch is created again in the next: count it once. */
function addNew(into: string[], names: string[]): void {
  for (const name of names) if (!into.includes(name)) into.push(name);
}

/** The summary as the CLI prints it. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    s.dryRun ? 'Dry run: nothing was written. Had it run:' : 'Import finished.',
    `  rows read       ${s.rows}`,
    `  imported        ${s.products.imported}`,
    `  updated         ${s.products.updated}`,
    `  unchanged       ${s.products.unchanged}`,
    `  skipped         ${s.skipped.length}`,
    ...Object.entries(s.skippedByReason).map(([code, n]) => `    ${code.padEnd(26)}${n}`),
    `  categories created ${s.categoriesCreated.length}${s.categoriesCreated.length ? `: ${s.categoriesCreated.join(', ')}` : ''}`,
    `  brands created     ${s.brandsCreated.length}${s.brandsCreated.length ? `: ${s.brandsCreated.join(', ')}` : ''}`,
  ];
  if (s.stock) lines.push(`  stock: ${s.stock.set} set, ${s.stock.unchanged} unchanged, ${s.stock.skipped.length} skipped`);
  else lines.push('  stock: not taken over (no inventory database given)');
  return lines.join('\n');
}
