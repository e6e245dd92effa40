import { useMutation, useQuery } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from '@shop/web-kit';
import { graphql } from '../gql';
import type { ProductStatus } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Pager, PageTitle, formValues, formatMoney, optional } from '../ui';
import { useCatalogChoices } from './catalog-choices';

const ProductList = graphql(`
  query AdminProducts($status: ProductStatus, $category: String, $after: String) {
    products(filter: { status: $status, categorySlug: $category }, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name sku status version
          category { name }
          brand { name }
          priceRange { min { amount currency } max { amount currency } }
          availability { totalAvailable }
        }
      }
    }
  }
`);

const CreateProduct = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) { id name sku variants { id sku } }
  }
`);

const EnsureStock = graphql(`
  mutation EnsureStock($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id quantityAvailable } }
`);

const Restock = graphql(`
  mutation Restock($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable lastRestockedAt version } }
`);

export const STATUSES: ProductStatus[] = ['DRAFT', 'ACTIVE', 'INACTIVE', 'ARCHIVED'];

export function Products() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ProductStatus | null) ?? undefined;
  const category = params.get('category') ?? undefined;
  const { categories } = useCatalogChoices();
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(ProductList, { variables: { status, category, after } });
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
    setAfter(undefined);
  };
  return (
    <>
      <PageTitle actions={<Link className="button" to="/products/new">New product</Link>}>Products</PageTitle>
      <div className="filters">
        <Field label="Status">
          <select value={status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        <Field label="Category">
          <select value={category ?? ''} onChange={(e) => setFilter('category', e.target.value)}>
            <option value="">Any</option>
            {categories.map((c) => <option key={c.id} value={c.slug}>{c.label}</option>)}
          </select>
        </Field>
      </div>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="Loading products" />}
      {data && (
        <>
          <p className="muted">{data.products.totalCount} products</p>
          <table>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">SKU</th><th scope="col">Category</th><th scope="col">Brand</th>
                <th scope="col">Price</th><th scope="col">In stock</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {data.products.edges.map(({ node: p }) => (
                <tr key={p.id}>
                  <td><Link to={`/products/${p.id}`}>{p.name}</Link></td>
                  <td>{p.sku}</td>
                  <td>{p.category.name}</td>
                  <td>{p.brand?.name ?? '—'}</td>
                  <td>{p.priceRange ? formatMoney(p.priceRange.min) : '—'}</td>
                  <td>{p.availability.totalAvailable}</td>
                  <td><span className="badge">{p.status}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pageInfo={data.products.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

/** A product with its first variant and that variant's opening stock, in one form. */
export function NewProduct() {
  const navigate = useNavigate();
  const { categories, brands, loading } = useCatalogChoices();
  const [create] = useMutation(CreateProduct);
  const [ensure] = useMutation(EnsureStock);
  const [restock] = useMutation(Restock);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const data = await create({
        input: {
            name: v.name, sku: v.sku, categoryId: v.categoryId, brandId: optional(v.brandId), status: v.status as ProductStatus,
            description: optional(v.description), shortDescription: optional(v.shortDescription),
            variants: [{ sku: v.variantSku || v.sku, name: optional(v.variantName), price: v.price, compareAtPrice: optional(v.compareAtPrice),
              attributes: parseAttributes(v.attributes), isDefault: true }],
        },
      });
      const product = data.createProduct;
      const variant = product.variants[0];
      const quantity = Number(v.stock || '0');
      if (variant) {
        await ensure({ input: { variantId: variant.id, productId: product.id, sku: variant.sku } });
        if (quantity > 0) await restock({ input: { variantId: variant.id, quantity, reason: 'Opening stock' } });
      }
      navigate(`/products/${product.id}?created=1`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>New product</PageTitle>
      {loading && <Loading what="Loading categories and brands" />}
      <form onSubmit={(e) => void submit(e)} className="form">
        <fieldset>
          <legend>Product</legend>
          <Field label="Name"><input name="name" required /></Field>
          <Field label="SKU"><input name="sku" required /></Field>
          <Field label="Category">
            <select name="categoryId" required defaultValue="">
              <option value="" disabled>Choose a category</option>
              {categories.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          </Field>
          <Field label="Brand">
            <select name="brandId" defaultValue="">
              <option value="">No brand</option>
              {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
          </Field>
          <Field label="Status">
            <select name="status" defaultValue="ACTIVE">
              {STATUSES.filter((s) => s !== 'ARCHIVED').map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
            </select>
          </Field>
          <Field label="Short description"><input name="shortDescription" /></Field>
          <Field label="Description"><textarea name="description" rows={4} /></Field>
        </fieldset>
        <fieldset>
          <legend>First variant</legend>
          <Field label="Variant SKU" hint="Defaults to the product's SKU."><input name="variantSku" /></Field>
          <Field label="Variant name"><input name="variantName" /></Field>
          <Field label="Price" hint="Decimal, e.g. 19.90"><input name="price" required inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></Field>
          <Field label="Compare-at price"><input name="compareAtPrice" inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></Field>
          <Field label="Attributes" hint="One per line: name=value (e.g. color=red)"><textarea name="attributes" rows={2} /></Field>
          <Field label="Opening stock"><input name="stock" type="number" min={0} defaultValue={0} /></Field>
        </fieldset>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create product'}</button>
      </form>
    </>
  );
}

export function parseAttributes(text: string | undefined): Array<{ name: string; value: string }> | undefined {
  const pairs = (text ?? '').split('\n').map((line) => line.split('=').map((s) => s.trim())).filter(([name, value]) => name && value);
  return pairs.length ? pairs.map(([name, value]) => ({ name, value })) : undefined;
}
