import { Link, usePageTitle, useQuery } from '@shop/web-kit';
import { ProductGrid } from '../components/ProductCard';
import { QueryStatus } from '../components/QueryStatus';
import { HomeDocument } from '../gql/graphql';

export function HomePage() {
  usePageTitle('Welcome');
  const { data, loading, error, refetch } = useQuery(HomeDocument);
  return (
    <>
      <h1>Welcome to the shop</h1>
      <QueryStatus loading={loading && !data} error={error} retry={refetch} what="the shop" />
      {data && (
        <>
          <section aria-labelledby="categories-heading">
            <h2 id="categories-heading">Shop by category</h2>
            <ul className="sf-categories">
              {data.categories.map((c) => (
                <li key={c.id}>
                  <Link to={`/c/${c.slug}`} className="sf-category-root">{c.name}</Link>
                  {c.children.length > 0 && (
                    <ul>
                      {c.children.map((child) => (
                        <li key={child.id}><Link to={`/c/${child.slug}`}>{child.name}</Link></li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="featured-heading">
            <h2 id="featured-heading">New in</h2>
            <ProductGrid products={data.products.edges.map((e) => e.node)} label="New products" />
          </section>
        </>
      )}
    </>
  );
}
