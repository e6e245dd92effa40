import { Alert, Button, errorMessage, formatMoney, Link, useMutation, usePageTitle, useQuery } from '@shop/web-kit';
import { QueryStatus } from '../components/QueryStatus';
import { CartDocument, ChangeCartLineQuantityDocument, RemoveFromCartDocument, type CartViewFragment } from '../gql/graphql';

export function CartLines({ cart, editable }: { cart: CartViewFragment; editable: boolean }) {
  const [change, changing] = useMutation(ChangeCartLineQuantityDocument, { refetchActive: true });
  const [remove, removing] = useMutation(RemoveFromCartDocument, { refetchActive: true });
  const failure = changing.error ?? removing.error;
  return (
    <>
      {failure && <Alert tone="error">{errorMessage(failure)}</Alert>}
      <table className="sf-cart">
        <caption className="sf-visually-hidden">Items in your cart</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => {
            const name = `${line.variant.product.name}${line.variant.name ? ` (${line.variant.name})` : ''}`;
            return (
              <tr key={line.variant.id} data-testid="cart-line">
                <td>
                  <Link to={`/products/${line.variant.product.slug}`}>{name}</Link>
                  {line.priceChanged && (
                    <p className="sf-notice">Price changed from {formatMoney(line.unitPrice)} to {formatMoney(line.currentUnitPrice)}</p>
                  )}
                  {!line.variant.availability.inStock && <p className="sf-out">Out of stock</p>}
                </td>
                <td>{formatMoney(line.currentUnitPrice)}</td>
                <td>
                  {editable ? (
                    <>
                      <label className="sf-visually-hidden" htmlFor={`qty-${line.variant.id}`}>Quantity of {name}</label>
                      <select
                        id={`qty-${line.variant.id}`}
                        value={line.quantity}
                        onChange={(e) => void change({ variantId: line.variant.id, quantity: Number(e.target.value) }).catch(() => undefined)}
                      >
                        {Array.from({ length: Math.max(10, line.quantity) }, (_, i) => i + 1).map((n) => (
                          <option key={n} value={n}>{n}</option>
                        ))}
                      </select>{' '}
                      <Button variant="link" onClick={() => void remove({ variantId: line.variant.id }).catch(() => undefined)} aria-label={`Remove ${name}`}>
                        Remove
                      </Button>
                    </>
                  ) : (
                    line.quantity
                  )}
                </td>
                <td>{formatMoney(line.lineTotal)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>Subtotal</th>
            <td data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

export default function CartPage() {
  usePageTitle('Your cart');
  const { data, loading, error, refetch } = useQuery(CartDocument);
  const cart = data?.cart;
  return (
    <>
      <h1>Your cart</h1>
      <QueryStatus loading={loading && !data} error={error} retry={refetch} what="your cart" />
      {data && (!cart || cart.lines.length === 0) && (
        <p>Your cart is empty. <Link to="/">Find something you like</Link></p>
      )}
      {cart && cart.lines.length > 0 && (
        <>
          <CartLines cart={cart} editable />
          <p className="sf-actions">
            <Link to="/checkout" className="wk-button wk-button--primary">Check out</Link>
          </p>
        </>
      )}
    </>
  );
}
