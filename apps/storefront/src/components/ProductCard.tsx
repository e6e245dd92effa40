import { formatMoney, Link } from '@shop/web-kit';
import type { ProductCardFragment } from '../gql/graphql';

export function Rating({ average, count }: { average: number | null | undefined; count: number }) {
  if (!count || average == null) return <span className="sf-muted">No reviews yet</span>;
  return <span>{`★ ${average.toFixed(1)} of 5 (${count} review${count === 1 ? '' : 's'})`}</span>;
}

/** A product in a grid; the link's accessible name is the product's name. */
export function ProductCard({ product }: { product: Pick<ProductCardFragment, 'name' | 'slug' | 'brand' | 'priceRange' | 'rating' | 'availability' | 'images'> }) {
  const image = product.images[0];
  return (
    <article className="sf-card">
      {image ? <img src={image.url} alt={image.altText ?? product.name} width={400} height={400} loading="lazy" /> : <div className="sf-no-picture" aria-hidden="true" />}
      <h3>
        <Link to={`/products/${product.slug}`}>{product.name}</Link>
      </h3>
      {product.brand && <p className="sf-muted">{product.brand.name}</p>}
      <p className="sf-price">{product.priceRange ? `From ${formatMoney(product.priceRange.min)}` : 'Not for sale'}</p>
      <p><Rating average={product.rating.average} count={product.rating.count} /></p>
      {!product.availability.inStock && <p className="sf-out">Out of stock</p>}
    </article>
  );
}

export function ProductGrid({ products, label }: { products: Parameters<typeof ProductCard>[0]['product'][]; label: string }) {
  return (
    <ul className="sf-grid" aria-label={label}>
      {products.map((p) => (
        <li key={p.slug}><ProductCard product={p} /></li>
      ))}
    </ul>
  );
}
