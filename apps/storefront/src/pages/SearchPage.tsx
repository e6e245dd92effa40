import { Pager, SelectField, usePageTitle, useQuery, useSearchParams, Link } from '@shop/web-kit';
import { ProductGrid } from '../components/ProductCard';
import { QueryStatus } from '../components/QueryStatus';
import { useCursorPages } from '../components/useCursorPages';
import { SearchDocument, type SearchFilter, type SearchSort } from '../gql/graphql';

const SORTS: Array<{ value: SearchSort; label: string }> = [
  { value: 'RELEVANCE', label: 'Best match' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'RATING', label: 'Best rated' },
];

const PAGE_SIZE = 12;

/** Search results with facets: every choice lives in the address (shareable, back button works). */
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = (params.get('sort') as SearchSort | null) ?? 'RELEVANCE';
  const filter: SearchFilter = {
    categoryId: params.get('categoryId') || undefined,
    brandIds: params.getAll('brand').length ? params.getAll('brand') : undefined,
    minPrice: params.get('minPrice') || undefined,
    maxPrice: params.get('maxPrice') || undefined,
    minRating: params.get('rating') ? Number(params.get('rating')) : undefined,
    inStock: params.get('inStock') === '1' ? true : undefined,
  };
  const pages = useCursorPages(params.toString());
  usePageTitle(q ? `Search: ${q}` : 'Search');
  const { data, loading, error, refetch } = useQuery(SearchDocument, {
    variables: { query: q || undefined, filter, sort, first: PAGE_SIZE, after: pages.after },
  });

  const update = (changes: Record<string, string | string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
    }
    setParams(next);
  };
  const toggleBrand = (id: string) => {
    const brands = params.getAll('brand');
    update({ brand: brands.includes(id) ? brands.filter((b) => b !== id) : [...brands, id] });
  };

  const result = data?.search;
  const facets = result?.facets;
  return (
    <>
      <h1>{q ? `Results for “${q}”` : 'All products'}</h1>
      {result?.didYouMean && (
        <p>Did you mean <Link to={`/search?q=${encodeURIComponent(result.didYouMean)}`}>{result.didYouMean}</Link>?</p>
      )}
      <div className="sf-listing">
        <aside aria-label="Filters" className="sf-filters">
          <SelectField label="Sort by" value={sort} options={SORTS} onChange={(e) => update({ sort: e.target.value })} />
          {facets && (
            <>
              <fieldset>
                <legend>Category</legend>
                <ul className="sf-facet">
                  {filter.categoryId && <li><button type="button" className="wk-button wk-button--link" onClick={() => update({ categoryId: null })}>Any category</button></li>}
                  {facets.categories.flatMap((c) => [c, ...c.children]).filter((c) => c.count > 0).map((c) => (
                    <li key={c.id}>
                      <button type="button" className="wk-button wk-button--link" aria-pressed={filter.categoryId === c.id} onClick={() => update({ categoryId: c.id })}>
                        {c.name} ({c.count})
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>
              {facets.brands.length > 0 && <fieldset>
                <legend>Brand</legend>
                {facets.brands.map((b) => (
                  <div key={b.id} className="wk-field wk-field--checkbox">
                    <input id={`brand-${b.id}`} type="checkbox" checked={params.getAll('brand').includes(b.id)} onChange={() => toggleBrand(b.id)} />
                    <label htmlFor={`brand-${b.id}`}>{b.name} ({b.count})</label>
                  </div>
                ))}
              </fieldset>}
              <fieldset>
                <legend>Price</legend>
                <ul className="sf-facet">
                  {(filter.minPrice || filter.maxPrice) && <li><button type="button" className="wk-button wk-button--link" onClick={() => update({ minPrice: null, maxPrice: null })}>Any price</button></li>}
                  {facets.prices.filter((p) => p.count > 0).map((p) => (
                    <li key={`${p.min}-${p.max}`}>
                      <button type="button" className="wk-button wk-button--link" onClick={() => update({ minPrice: p.min ?? null, maxPrice: p.max ?? null })}>
                        {p.min && p.max ? `${p.min} to ${p.max}` : p.min ? `${p.min} and up` : `Under ${p.max}`} ({p.count})
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>
              {facets.ratings.some((r) => r.count > 0) && <fieldset>
                <legend>Rating</legend>
                <ul className="sf-facet">
                  {facets.ratings.filter((r) => r.count > 0).map((r) => (
                    <li key={r.min}>
                      <button type="button" className="wk-button wk-button--link" aria-pressed={filter.minRating === r.min} onClick={() => update({ rating: String(r.min) })}>
                        {r.min} stars and up ({r.count})
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>}
              <div className="wk-field wk-field--checkbox">
                <input id="in-stock" type="checkbox" checked={filter.inStock === true} onChange={(e) => update({ inStock: e.target.checked ? '1' : null })} />
                <label htmlFor="in-stock">In stock only ({facets.inStock})</label>
              </div>
            </>
          )}
        </aside>
        <section aria-label="Results" className="sf-results">
          <QueryStatus loading={loading} error={error} retry={refetch} what="the results" />
          {result && (
            <>
              <h2 className="sf-visually-hidden">Results</h2>
              <p role="status">{result.totalCount === 0 ? 'No products match.' : `${result.totalCount} products`}</p>
              <ProductGrid products={result.edges.flatMap((e) => (e.node ? [e.node] : []))} label="Search results" />
              <Pager
                page={pages.page}
                hasPrevious={pages.page > 1}
                hasNext={result.pageInfo.hasNextPage}
                onPrevious={pages.previous}
                onNext={() => pages.next(result.pageInfo.endCursor)}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
