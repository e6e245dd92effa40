import { useState } from 'react';
import {
  Alert, Button, errorMessage, formatMoney, Link, TextField, useMutation, usePageTitle, useParams, useQuery, useShopClient,
} from '@shop/web-kit';
import { Rating } from '../components/ProductCard';
import { QueryStatus } from '../components/QueryStatus';
import { AddToCartDocument, ProductPageDocument } from '../gql/graphql';
import { cartSession } from '../shop';

/** A fresh page per slug: nothing of the previous one (its data, choices) shows while the next loads. */
export default function ProductPageRoute() {
  const { slug } = useParams<{ slug: string }>();
  return <ProductPage key={slug} slug={slug} />;
}

/** The shared product-page query: variants with stock and what the cart holds, reviews, cross-sells. */
function ProductPage({ slug }: { slug: string }) {
  const { data, loading, error, refetch } = useQuery(ProductPageDocument, { variables: { slug } });
  const client = useShopClient();
  const [addToCart, adding] = useMutation(AddToCartDocument);
  const [chosen, setChosen] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [added, setAdded] = useState<string | null>(null);
  const product = data?.product;
  usePageTitle(product?.name ?? 'Product');

  if (!product) {
    if (data) {
      return (
        <>
          <h1>Product not found</h1>
          <p>It may have been withdrawn. <Link to="/search">Search the shop</Link></p>
        </>
      );
    }
    return <QueryStatus loading={loading} error={error} retry={refetch} what="the product" />;
  }

  const variant = product.variants.find((v) => v.id === chosen) ?? product.variants.find((v) => v.availability.inStock) ?? product.variants[0];
  const add = async () => {
    if (!variant) return;
    setAdded(null);
    try {
      const result = await addToCart({ variantId: variant.id, quantity: Number(quantity) || 1 });
      if (result.addToCart.sessionToken) cartSession.set(result.addToCart.sessionToken);
      // Only now (with the session header for a new guest cart) can "in your cart" and the header's count be read.
      client.refetchActive();
      setAdded(`${product.name}${variant.name ? ` (${variant.name})` : ''} is in your cart.`);
    } catch {
      // shown from the mutation's state
    }
  };

  return (
    <>
      <nav aria-label="Breadcrumbs" className="sf-breadcrumbs">
        <ol>
          <li><Link to="/">Home</Link></li>
          {product.category.breadcrumbs.map((b) => (
            <li key={b.slug}><Link to={`/c/${b.slug}`}>{b.name}</Link></li>
          ))}
        </ol>
      </nav>
      <div className="sf-product">
        <div className="sf-gallery">
          {product.images.map((image, i) => (
            <img key={image.url} src={image.url} alt={image.altText ?? `${product.name}, picture ${i + 1}`} width={600} height={600} loading={i ? 'lazy' : 'eager'} />
          ))}
        </div>
        <div>
          <h1>{product.name}</h1>
          {product.brand && <p className="sf-muted">{product.brand.name}</p>}
          <p><Rating average={product.rating.average} count={product.rating.count} /></p>
          {variant && (
            <p className="sf-price">
              {formatMoney(variant.price)}{' '}
              {variant.compareAtPrice && <s aria-label={`was ${formatMoney(variant.compareAtPrice)}`}>{formatMoney(variant.compareAtPrice)}</s>}
            </p>
          )}
          {product.variants.length > 1 && (
            <fieldset>
              <legend>Choose a variant</legend>
              {product.variants.map((v) => (
                <div key={v.id} className="wk-field wk-field--checkbox">
                  <input type="radio" id={`variant-${v.id}`} name="variant" checked={v.id === variant?.id} onChange={() => setChosen(v.id)} />
                  <label htmlFor={`variant-${v.id}`}>
                    {v.name ?? v.sku} — {formatMoney(v.price)}
                    {v.availability.inStock ? '' : ' (out of stock)'}
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {variant && (
            <>
              <p data-testid="stock">
                {variant.availability.inStock ? `In stock: ${variant.availability.quantityAvailable} available` : 'Out of stock'}
              </p>
              {variant.cartQuantity > 0 && <p data-testid="in-your-cart">In your cart: {variant.cartQuantity}</p>}
              <div className="sf-add">
                <TextField label="Quantity" type="number" min={1} max={99} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
                <Button onClick={() => void add()} busy={adding.loading} disabled={!variant.availability.inStock}>Add to cart</Button>
              </div>
            </>
          )}
          {adding.error && <Alert tone="error">{errorMessage(adding.error)}</Alert>}
          {added && (
            <Alert tone="success">
              {added} <Link to="/cart">View your cart</Link>
            </Alert>
          )}
          {data.cart && data.cart.itemCount > 0 && (
            <p className="sf-muted">Your cart: {data.cart.itemCount} items, {formatMoney(data.cart.subtotal)}</p>
          )}
          {product.description && <p>{product.description}</p>}
        </div>
      </div>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        {product.reviews.edges.length === 0 && <p>No reviews yet.</p>}
        <ul className="sf-reviews">
          {product.reviews.edges.map(({ node }, i) => (
            <li key={i}>
              <p><strong>{`${node.rating} of 5`}</strong> {node.title}</p>
              {node.content && <p>{node.content}</p>}
              {node.verifiedPurchase && <p className="sf-muted">Verified purchase</p>}
            </li>
          ))}
        </ul>
      </section>
      {product.crossSells.length > 0 && (
        <section aria-labelledby="cross-sells-heading">
          <h2 id="cross-sells-heading">Goes well with</h2>
          <ul className="sf-chips">
            {product.crossSells.map((p) => (
              <li key={p.id}><Link to={`/products/${p.slug}`}>{p.name}</Link></li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
