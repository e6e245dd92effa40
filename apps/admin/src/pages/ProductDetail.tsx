import { Link, useMutation, useParams, useQuery, useSearchParams, useShopClient } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { AdminProductQuery, ProductRelationType, ProductStatus } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, formValues, formatDate, formatMoney, optional } from '../ui';
import { useCatalogChoices } from './catalog-choices';
import { STATUSES, parseAttributes } from './Products';

const ProductQuery = graphql(`
  query AdminProduct($id: ID!) {
    product(id: $id) {
      id name slug sku status version description shortDescription productType updatedAt
      category { id name }
      brand { id name }
      images { id url altText isPrimary displayOrder variant { id sku } }
      crossSells { id name slug }
      upSells { id name slug }
      relatedProducts { id name slug }
      variants(includeInactive: true) {
        id sku name isActive isDefault
        price { amount currency }
        compareAtPrice { amount currency }
        attributes { name value }
      }
    }
  }
`);

const UpdateProduct = graphql(`
  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {
    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) { id version name status }
  }
`);

const ArchiveProduct = graphql(`
  mutation ArchiveProduct($id: ID!, $expectedVersion: Int!) { archiveProduct(id: $id, expectedVersion: $expectedVersion) { id status version } }
`);

const AddVariant = graphql(`
  mutation AddVariant($productId: ID!, $expectedVersion: Int!, $input: VariantInput!) {
    addVariant(productId: $productId, expectedVersion: $expectedVersion, input: $input) { id sku }
  }
`);

const UpdateVariant = graphql(`
  mutation UpdateVariant($id: ID!, $expectedVersion: Int!, $input: UpdateVariantInput!) {
    updateVariant(id: $id, expectedVersion: $expectedVersion, input: $input) { id isActive price { amount currency } }
  }
`);

const AddImage = graphql(`
  mutation AddImage($productId: ID!, $input: ProductImageInput!) { addProductImage(productId: $productId, input: $input) { id } }
`);

const RemoveImage = graphql(`mutation RemoveImage($id: ID!) { removeProductImage(id: $id) }`);

const ProductBySlug = graphql(`query ProductBySlug($slug: String!) { product(slug: $slug) { id name } }`);
const SetRelation = graphql(`mutation SetRelation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }`);
const RemoveRelation = graphql(`mutation RemoveRelation($input: ProductRelationInput!) { removeProductRelation(input: $input) { id } }`);

const StockQuery = graphql(`
  query VariantStock($variantId: ID!) {
    inventoryItem(variantId: $variantId) {
      id quantityAvailable quantityReserved quantityCommitted lowStockThreshold reorderPoint reorderQuantity lastRestockedAt sellable
      ledger(first: 5) { edges { node { id type quantityChange reason createdAt } } }
    }
  }
`);

const EnsureItem = graphql(`
  mutation KeepStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }
`);

const RestockVariant = graphql(`
  mutation RestockVariant($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable } }
`);

const DraftCount = graphql(`
  mutation DraftVariantCount($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }
`);

const Settings = graphql(`
  mutation StockSettings($variantId: ID!, $input: InventorySettingsInput!) {
    updateInventorySettings(variantId: $variantId, input: $input) { id lowStockThreshold reorderPoint reorderQuantity }
  }
`);

export function ProductDetail() {
  const { id = '' } = useParams();
  const created = useSearchParams()[0].get('created') === '1';
  const [saved, setSaved] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(ProductQuery, { variables: { id } });
  const product = data?.product;
  if (loading && !data) return <Loading what="Loading the product" />;
  if (!product) return <><PageTitle>Product</PageTitle><ErrorNotice error={error ?? new Error('No such product.')} /></>;
  const reload = () => void refetch();
  return (
    <>
      <PageTitle>{product.name}</PageTitle>
      {created && !saved && <Notice>Product created.</Notice>}
      {saved && <Notice>{saved}</Notice>}
      <p className="muted">
        {product.sku} · version {product.version} · status <span className="badge">{product.status}</span> · updated {formatDate(product.updatedAt)}
      </p>
      {/* Opened afresh at each version this page loads (after your own changes too); a save against it is refused if
          someone else saved since. */}
      <ProductForm key={product.version} product={product} onSaved={(message) => { setSaved(message); reload(); }} onReload={reload} />
      <Variants product={product} onChanged={reload} />
      <Images product={product} onChanged={reload} />
      <Relations product={product} onChanged={reload} />
    </>
  );
}

type Product = NonNullable<AdminProductQuery['product']>;

function ProductForm({ product, onSaved, onReload }: { product: Product; onSaved: (message: string) => void; onReload: () => void }) {
  const { categories, brands } = useCatalogChoices();
  const [update, saving] = useMutation(UpdateProduct);
  const [archive, archiving] = useMutation(ArchiveProduct);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const data = await update({
      id: product.id, expectedVersion: product.version,
      input: { name: v.name, sku: v.sku, slug: v.slug, categoryId: v.categoryId, brandId: optional(v.brandId), status: v.status as ProductStatus,
        shortDescription: v.shortDescription, description: v.description },
    }).catch(() => undefined);
    if (data) onSaved('Saved.');
  }

  async function doArchive() {
    if (!window.confirm(`Archive "${product.name}"? It leaves the storefront but stays in order history.`)) return;
    const data = await archive({ id: product.id, expectedVersion: product.version }).catch(() => undefined);
    if (data) onSaved('Archived: the product left the storefront.');
  }

  return (
    <section aria-labelledby="details-heading" className="panel">
      <h2 id="details-heading">Details</h2>
      <form key={product.id} onSubmit={(e) => void submit(e)} className="form">
        <Field label="Name"><input name="name" defaultValue={product.name} required /></Field>
        <Field label="SKU"><input name="sku" defaultValue={product.sku} required /></Field>
        <Field label="Slug"><input name="slug" defaultValue={product.slug} required /></Field>
        <Field label="Category">
          <select name="categoryId" defaultValue={product.category.id}>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            {categories.length === 0 && <option value={product.category.id}>{product.category.name}</option>}
          </select>
        </Field>
        <Field label="Brand">
          <select name="brandId" defaultValue={product.brand?.id ?? ''}>
            <option value="">No brand</option>
            {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </Field>
        <Field label="Status">
          <select name="status" defaultValue={product.status}>
            {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        <Field label="Short description"><input name="shortDescription" defaultValue={product.shortDescription ?? ''} /></Field>
        <Field label="Description"><textarea name="description" rows={4} defaultValue={product.description ?? ''} /></Field>
        <ErrorNotice error={saving.error ?? archiving.error} />
        {(saving.error ?? archiving.error)?.code === 'CONFLICT' && (
          <button type="button" onClick={onReload}>Load the latest version (your edits here are dropped)</button>
        )}
        <div className="actions">
          <button type="submit" disabled={saving.loading}>Save changes</button>
          {product.status !== 'ARCHIVED' && (
            <button type="button" className="danger" onClick={() => void doArchive()} disabled={archiving.loading}>Archive product</button>
          )}
        </div>
      </form>
    </section>
  );
}

function Variants({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const [add, adding] = useMutation(AddVariant);
  const [update, updating] = useMutation(UpdateVariant);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const data = await add({
      productId: product.id, expectedVersion: product.version,
      input: { sku: v.sku, name: optional(v.name), price: v.price, attributes: parseAttributes(v.attributes) },
    }).catch(() => undefined);
    if (data) {
      form.reset();
      onChanged();
    }
  }

  async function toggle(variantId: string, isActive: boolean) {
    const data = await update({ id: variantId, expectedVersion: product.version, input: { isActive } }).catch(() => undefined);
    if (data) onChanged();
  }

  async function reprice(event: FormEvent<HTMLFormElement>, variantId: string) {
    event.preventDefault();
    const { price } = formValues(event.currentTarget);
    const data = await update({ id: variantId, expectedVersion: product.version, input: { price } }).catch(() => undefined);
    if (data) onChanged();
  }

  return (
    <section aria-labelledby="variants-heading" className="panel">
      <h2 id="variants-heading">Variants and stock</h2>
      <ErrorNotice error={updating.error} />
      {product.variants.map((variant) => (
        <article key={variant.id} className="variant" aria-label={`Variant ${variant.sku}`}>
          <h3>
            {variant.name ?? variant.sku} <small className="muted">{variant.sku} · id {variant.id}</small>{' '}
            {!variant.isActive && <span className="badge">inactive</span>}
          </h3>
          <p>
            {formatMoney(variant.price)}
            {variant.attributes.length > 0 && ` · ${variant.attributes.map((a) => `${a.name}: ${a.value}`).join(', ')}`}
          </p>
          <div className="actions">
            <form onSubmit={(e) => void reprice(e, variant.id)} className="inline">
              <Field label="New price"><input name="price" required inputMode="decimal" pattern="\d+(\.\d{1,2})?" defaultValue={variant.price.amount} /></Field>
              <button type="submit">Change price</button>
            </form>
            <button type="button" onClick={() => void toggle(variant.id, !variant.isActive)}>
              {variant.isActive ? 'Deactivate' : 'Reactivate'}
            </button>
          </div>
          <VariantStock productId={product.id} variantId={variant.id} sku={variant.sku} />
        </article>
      ))}
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="Add a variant">
        <h3>Add a variant</h3>
        <Field label="SKU"><input name="sku" required /></Field>
        <Field label="Name"><input name="name" /></Field>
        <Field label="Price"><input name="price" required inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></Field>
        <Field label="Attributes" hint="One per line: name=value"><textarea name="attributes" rows={2} /></Field>
        <ErrorNotice error={adding.error} />
        <button type="submit" disabled={adding.loading}>Add variant</button>
      </form>
    </section>
  );
}

function VariantStock({ productId, variantId, sku }: { productId: string; variantId: string; sku: string }) {
  const { data, loading, error, refetch } = useQuery(StockQuery, { variables: { variantId } });
  const [ensure, ensuring] = useMutation(EnsureItem);
  const [restock, restocking] = useMutation(RestockVariant);
  const [settings, saving] = useMutation(Settings);
  const [draftCount, drafting] = useMutation(DraftCount);
  const [drafted, setDrafted] = useState<string | null>(null);
  const item = data?.inventoryItem;

  async function doCount(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const done = await draftCount({ input: { reason: v.reason, lines: [{ variantId, adjustedQuantity: Number(v.counted) }] } }).catch(() => undefined);
    if (done) {
      setDrafted(`Count ${done.draftStockAdjustment.adjustmentNumber} drafted: another member of staff approves it on the Stock page.`);
      form.reset();
    }
  }

  async function doRestock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const done = await restock({ input: { variantId, quantity: Number(v.quantity), reason: optional(v.reason) } })
      .catch(() => undefined);
    if (done) {
      form.reset();
      void refetch();
    }
  }

  async function saveSettings(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const num = (s: string) => (s === '' ? null : Number(s));
    await settings({ variantId, input: { lowStockThreshold: num(v.lowStockThreshold), reorderPoint: num(v.reorderPoint),
      reorderQuantity: num(v.reorderQuantity) } }).catch(() => undefined);
  }

  if (loading && !data) return <Loading what="Loading stock" />;
  if (!item) {
    return (
      <div>
        <ErrorNotice error={error ?? ensuring.error} />
        <p className="muted">No stock is kept for this variant yet.</p>
        <button type="button" disabled={ensuring.loading}
          onClick={() => void ensure({ input: { variantId, productId, sku } }).then(() => refetch()).catch(() => undefined)}>
          Keep stock for this variant
        </button>
      </div>
    );
  }
  return (
    <div className="stock">
      <p>
        <strong data-testid={`stock-${sku}`}>{item.quantityAvailable}</strong> available · {item.quantityReserved} reserved ·{' '}
        {item.quantityCommitted} committed · last restocked {formatDate(item.lastRestockedAt)}
        {!item.sellable && ' · not sellable (archived)'}
      </p>
      <div className="actions">
        <form onSubmit={(e) => void doRestock(e)} className="inline" aria-label={`Restock ${sku}`}>
          <Field label="Quantity received"><input name="quantity" type="number" min={1} required /></Field>
          <Field label="Reason"><input name="reason" placeholder="Delivery note" /></Field>
          <button type="submit" disabled={restocking.loading}>Restock</button>
        </form>
        <form onSubmit={(e) => void saveSettings(e)} className="inline" aria-label={`Stock settings of ${sku}`}>
          <Field label="Low-stock threshold"><input name="lowStockThreshold" type="number" min={0} defaultValue={item.lowStockThreshold ?? ''} /></Field>
          <Field label="Reorder point"><input name="reorderPoint" type="number" min={0} defaultValue={item.reorderPoint ?? ''} /></Field>
          <Field label="Reorder quantity"><input name="reorderQuantity" type="number" min={1} defaultValue={item.reorderQuantity ?? ''} /></Field>
          <button type="submit" disabled={saving.loading}>Save settings</button>
        </form>
      </div>
      <form onSubmit={(e) => void doCount(e)} className="inline" aria-label={`Count ${sku}`}>
        <Field label="Counted on the shelf"><input name="counted" type="number" min={0} required /></Field>
        <Field label="Why"><input name="reason" required placeholder="Cycle count" /></Field>
        <button type="submit" disabled={drafting.loading}>Draft a stock count</button>
      </form>
      <ErrorNotice error={restocking.error ?? saving.error ?? drafting.error} />
      {drafted && <Notice>{drafted}</Notice>}
      {item.ledger.edges.length > 0 && (
        <details>
          <summary>Latest stock movements</summary>
          <ul className="plain">
            {item.ledger.edges.map(({ node }) => (
              <li key={node.id}>{formatDate(node.createdAt)}: {node.type.toLowerCase()} {node.quantityChange > 0 ? '+' : ''}{node.quantityChange}
                {node.reason ? ` (${node.reason})` : ''}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Images({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const [add, adding] = useMutation(AddImage);
  const [remove, removing] = useMutation(RemoveImage);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const data = await add({ productId: product.id, input: { url: v.url, altText: optional(v.altText), isPrimary: v.isPrimary === 'on',
      variantId: optional(v.variantId), displayOrder: product.images.length } }).catch(() => undefined);
    if (data) {
      form.reset();
      onChanged();
    }
  }
  return (
    <section aria-labelledby="images-heading" className="panel">
      <h2 id="images-heading">Images</h2>
      <ul className="images">
        {product.images.map((image) => (
          <li key={image.id}>
            <img src={image.url} alt={image.altText ?? ''} width={120} height={120} />
            <span>{image.altText ?? <em>no alt text</em>}{image.isPrimary && ' (primary)'}{image.variant && ` · ${image.variant.sku}`}</span>
            <button type="button" disabled={removing.loading}
              onClick={() => void remove({ id: image.id }).then(onChanged).catch(() => undefined)}>Remove</button>
          </li>
        ))}
      </ul>
      {product.images.length === 0 && <p className="muted">No images yet.</p>}
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="Add an image">
        <Field label="Image URL"><input name="url" type="url" required /></Field>
        <Field label="Alt text" hint="What the image shows, for people who cannot see it."><input name="altText" required /></Field>
        <Field label="Shows the variant">
          <select name="variantId" defaultValue="">
            <option value="">Every variant</option>
            {product.variants.map((v) => <option key={v.id} value={v.id}>{v.name ?? v.sku} ({v.sku})</option>)}
          </select>
        </Field>
        <label className="check"><input name="isPrimary" type="checkbox" /> Primary image</label>
        <ErrorNotice error={adding.error ?? removing.error} />
        <button type="submit" disabled={adding.loading}>Add image</button>
      </form>
    </section>
  );
}

const RELATIONS: Array<[ProductRelationType, string, 'crossSells' | 'upSells' | 'relatedProducts']> = [
  ['CROSS_SELL', 'Bought together (cross-sells)', 'crossSells'],
  ['UP_SELL', 'Better alternatives (up-sells)', 'upSells'],
  ['RELATED', 'Related products', 'relatedProducts'],
];

/** Cross-sells, up-sells and related products, as the storefront's product page shows them. */
function Relations({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const client = useShopClient();
  const [set, setting] = useMutation(SetRelation);
  const [remove, removing] = useMutation(RemoveRelation);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    setError(null);
    try {
      const { product: other } = await client.request(ProductBySlug, { slug: v.slug });
      if (!other) throw new Error(`No product has the slug "${v.slug}".`);
      await set({ input: { productId: product.id, relatedProductId: other.id, type: v.type as ProductRelationType } });
      form.reset();
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="relations-heading" className="panel">
      <h2 id="relations-heading">Related products</h2>
      {RELATIONS.map(([type, label, field]) => (
        <div key={type}>
          <h3>{label}</h3>
          {product[field].length === 0 ? <p className="muted">None.</p> : (
            <ul className="plain">
              {product[field].map((p) => (
                <li key={p.id}>
                  <Link to={`/products/${p.id}`}>{p.name}</Link>{' '}
                  <button type="button" disabled={removing.loading} onClick={() => void remove({ input: { productId: product.id, relatedProductId: p.id, type } })
                    .then(onChanged).catch(setError)}>Remove {p.name}</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <form onSubmit={(e) => void submit(e)} className="inline" aria-label="Relate a product">
        <Field label="Kind">
          <select name="type" defaultValue="CROSS_SELL">{RELATIONS.map(([type, label]) => <option key={type} value={type}>{label}</option>)}</select>
        </Field>
        <Field label="Other product's slug"><input name="slug" required /></Field>
        <button type="submit" disabled={setting.loading}>Relate</button>
      </form>
      <ErrorNotice error={error} />
    </section>
  );
}
