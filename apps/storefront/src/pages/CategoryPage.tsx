import { Link, Pager, SelectField, TextField, usePageTitle, useParams, useQuery, useSearchParams } from '@shop/web-kit';
import { ProductGrid } from '../components/ProductCard';
import { QueryStatus } from '../components/QueryStatus';
import { useCursorPages } from '../components/useCursorPages';
import { CategoryFilteredDocument, CategoryInfoDocument, CategoryPageDocument, type ProductSort } from '../gql/graphql';

const SORTS: Array<{ value: ProductSort | ''; label: string }> = [
  { value: '', label: 'Newest' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NAME_ASC', label: 'Name' },
  { value: 'RATING_DESC', label: 'Best rated' },
];

const PAGE_SIZE = 12;

/** A fresh page per slug: nothing of the previous one (its data, choices) shows while the next loads. */
export default function CategoryPageRoute() {
  const { slug } = useParams<{ slug: string }>();
  return <CategoryPage key={slug} slug={slug} />;
}

/**
 * A category's products. The plain listing is the shared CategoryPage query; once the shopper filters (brand, price)
 * or sorts, the same cards come from `products(filter, sort)`.
 */
function CategoryPage({ slug }: { slug: string }) {
  const [params, setParams] = useSearchParams();
  const brand = params.get('brand') ?? '';
  const minPrice = params.get('minPrice') ?? '';
  const maxPrice = params.get('maxPrice') ?? '';
  const sort = (params.get('sort') ?? '') as ProductSort | '';
  const filtered = Boolean(brand || minPrice || maxPrice || sort);
  const pages = useCursorPages(`${slug}?${params.toString()}`);

  const info = useQuery(CategoryInfoDocument, { variables: { slug } });
  const plain = useQuery(CategoryPageDocument, { variables: { category: slug, first: PAGE_SIZE, after: pages.after }, skip: filtered });
  const narrowed = useQuery(CategoryFilteredDocument, {
    variables: {
      filter: { categorySlug: slug, brandSlug: brand || undefined, priceMin: minPrice || undefined, priceMax: maxPrice || undefined },
      sort: sort || 'NEWEST',
      first: PAGE_SIZE,
      after: pages.after,
    },
    skip: !filtered,
  });
  const listing = filtered ? narrowed : plain;
  const products = (filtered ? narrowed.data?.products : plain.data?.products) ?? null;
  const category = info.data?.category;
  usePageTitle(category?.name ?? 'Category');

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (info.data && !category) {
    return (
      <>
        <h1>Category not found</h1>
        <p><Link to="/">Back to the shop</Link></p>
      </>
    );
  }
  return (
    <>
      {category && (
        <nav aria-label="Breadcrumbs" className="sf-breadcrumbs">
          <ol>
            <li><Link to="/">Home</Link></li>
            {category.breadcrumbs.map((b) => (
              <li key={b.slug}><Link to={`/c/${b.slug}`}>{b.name}</Link></li>
            ))}
          </ol>
        </nav>
      )}
      <h1>{category?.name ?? 'Category'}</h1>
      {category?.description && <p>{category.description}</p>}
      {category && category.children.length > 0 && (
        <ul className="sf-chips" aria-label="Sub-categories">
          {category.children.map((c) => (
            <li key={c.slug}><Link to={`/c/${c.slug}`}>{c.name}</Link></li>
          ))}
        </ul>
      )}
      <div className="sf-listing">
        <form aria-label="Filters" className="sf-filters" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Sort by" value={sort} options={SORTS} onChange={(e) => update('sort', e.target.value)} />
          <SelectField
            label="Brand"
            value={brand}
            options={[{ value: '', label: 'Any brand' }, ...(info.data?.brands ?? []).map((b) => ({ value: b.slug, label: b.name }))]}
            onChange={(e) => update('brand', e.target.value)}
          />
          <TextField label="Minimum price" inputMode="decimal" defaultValue={minPrice} onBlur={(e) => update('minPrice', e.target.value.trim())} />
          <TextField label="Maximum price" inputMode="decimal" defaultValue={maxPrice} onBlur={(e) => update('maxPrice', e.target.value.trim())} />
        </form>
        <section aria-label="Products" className="sf-results">
          <QueryStatus loading={listing.loading} error={listing.error ?? info.error} retry={listing.refetch} what="the products" />
          {products && (
            <>
              <h2 className="sf-visually-hidden">Products</h2>
              <p role="status">{products.totalCount === 0 ? 'No products match.' : `${products.totalCount} products`}</p>
              <ProductGrid products={products.edges.map((e) => e.node)} label={`Products in ${category?.name ?? 'this category'}`} />
              <Pager
                page={pages.page}
                hasPrevious={pages.page > 1}
                hasNext={products.pageInfo.hasNextPage}
                onPrevious={pages.previous}
                onNext={() => pages.next(products.pageInfo.endCursor)}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
