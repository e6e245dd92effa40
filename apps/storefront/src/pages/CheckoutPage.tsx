import { useState, type FormEvent } from 'react';
import {
  Alert, Button, errorCode, errorMessage, formatMoney, Link, SelectField, shortLines, TextField, useAuth, useMutation,
  useNavigate, usePageTitle, useQuery, useShopClient, type ApiError,
} from '@shop/web-kit';
import { QueryStatus } from '../components/QueryStatus';
import { CartDocument, CheckoutDocument, CheckoutInfoDocument, type CartViewFragment } from '../gql/graphql';
import { cartSession, rememberOrderKey } from '../shop';
import { CartLines } from './CartPage';

const COUNTRIES = [
  { value: 'US', label: 'United States' },
  { value: 'CA', label: 'Canada' },
  { value: 'GB', label: 'United Kingdom' },
  { value: 'DE', label: 'Germany' },
  { value: 'FR', label: 'France' },
  { value: 'NL', label: 'Netherlands' },
];

interface Address {
  firstName: string;
  lastName: string;
  streetLine1: string;
  streetLine2: string;
  city: string;
  stateProvince: string;
  postalCode: string;
  countryCode: string;
}

const EMPTY: Address = { firstName: '', lastName: '', streetLine1: '', streetLine2: '', city: '', stateProvince: '', postalCode: '', countryCode: 'US' };

function lineName(cart: CartViewFragment | null | undefined) {
  return (variantId: string) => {
    const line = cart?.lines.find((l) => l.variant.id === variantId);
    return line ? `${line.variant.product.name}${line.variant.name ? ` (${line.variant.name})` : ''}` : undefined;
  };
}

/**
 * Addresses, shipping, discount code, loyalty points and the card; the API prices the cart again, holds the stock
 * and authorizes the card. A refusal leaves the cart as it was and says why in plain words.
 */
export default function CheckoutPage() {
  usePageTitle('Checkout');
  const { status } = useAuth();
  const signedIn = status === 'signed-in';
  const navigate = useNavigate();
  const client = useShopClient();
  const cartQuery = useQuery(CartDocument);
  const info = useQuery(CheckoutInfoDocument, { skip: !signedIn });
  const [checkout, placing] = useMutation(CheckoutDocument);
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState<Address>(EMPTY);
  const [discountCode, setDiscountCode] = useState('');
  const [points, setPoints] = useState('');
  const [card, setCard] = useState({ number: '', expMonth: '12', expYear: String(new Date().getFullYear() + 2), cvc: '', holderName: '' });
  // One key per purchase attempt; kept after a lost answer so the retry is the same purchase.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<ApiError | null>(null);

  const cart = cartQuery.data?.cart;
  const me = info.data?.me;
  const set = (field: keyof Address) => (e: { target: { value: string } }) => setAddress((a) => ({ ...a, [field]: e.target.value }));

  const fillFromSaved = (id: string) => {
    const saved = me?.addresses.find((a) => a.id === id);
    if (!saved || !me) return;
    setAddress({
      firstName: me.firstName, lastName: me.lastName, streetLine1: saved.streetLine1, streetLine2: saved.streetLine2 ?? '', city: saved.city,
      stateProvince: saved.stateProvince, postalCode: saved.postalCode, countryCode: saved.countryCode,
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!cart) return;
    setFailure(null);
    const shipping = { ...address, streetLine2: address.streetLine2 || undefined, stateProvince: address.stateProvince || undefined };
    try {
      const { checkout: order } = await checkout({
        input: {
          idempotencyKey: attemptKey,
          expectedSubtotal: cart.subtotal.amount,
          email: signedIn ? undefined : email.trim(),
          shippingAddress: shipping,
          shippingMethod: 'Standard',
          card: { number: card.number.replace(/\s+/g, ''), expMonth: Number(card.expMonth), expYear: Number(card.expYear), cvc: card.cvc, holderName: card.holderName || undefined },
          discountCode: discountCode.trim() || undefined,
          loyaltyPoints: signedIn && points ? Number(points) : undefined,
        },
      });
      if (order.accessKey) {
        rememberOrderKey(order.number, order.accessKey);
        cartSession.clear();
      }
      client.refetchActive(); // the header's cart count: the cart was emptied
      navigate(order.accessKey ? `/track?number=${encodeURIComponent(order.number)}&placed=1` : `/orders/${encodeURIComponent(order.number)}?placed=1`);
    } catch (error) {
      const apiError = error as ApiError;
      setFailure(apiError);
      if (errorCode(apiError) !== 'NETWORK') setAttemptKey(crypto.randomUUID());
      cartQuery.refetch();
      info.refetch();
    }
  };

  if (!cart) {
    return (
      <>
        <h1>Checkout</h1>
        <QueryStatus loading={cartQuery.loading} error={cartQuery.error} retry={cartQuery.refetch} what="your cart" />
        {cartQuery.data && <p>Your cart is empty. <Link to="/">Find something you like</Link></p>}
      </>
    );
  }

  const lines = shortLines(failure, { describeVariant: lineName(cart) });
  return (
    <>
      <h1>Checkout</h1>
      {failure && (
        <Alert tone="error" title="Your order was not placed." data-testid="checkout-error">
          {lines.length > 0 ? (
            <>
              <p>Some items are no longer in stock in the quantity you asked for:</p>
              <ul>{lines.map((line) => <li key={line}>{line}</li>)}</ul>
            </>
          ) : (
            <p>{errorMessage(failure, { formatAmount: (amount) => formatMoney({ amount, currency: cart.subtotal.currency }) })}</p>
          )}
          <p>Your cart is unchanged.</p>
        </Alert>
      )}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Your order</h2>
        <CartLines cart={cart} editable={false} />
        <p className="sf-muted">Shipping: 5.99 flat rate, free from 100.00. Discounts and points are applied when you place the order.</p>
      </section>
      <form onSubmit={(e) => void submit(e)} className="sf-checkout" aria-label="Checkout">
        <fieldset>
          <legend>Contact</legend>
          {signedIn ? (
            <p>Signed in as {me?.email}. <Link to="/account">Your account</Link></p>
          ) : (
            <>
              <TextField label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} hint="For your confirmation. Or sign in to use your account." />
              <p><Link to="/sign-in?returnTo=/checkout">Sign in</Link> to use saved addresses and loyalty points.</p>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Shipping address</legend>
          {me && me.addresses.length > 0 && (
            <SelectField
              label="Saved addresses"
              defaultValue=""
              onChange={(e) => fillFromSaved(e.target.value)}
              options={[{ value: '', label: 'Choose a saved address…' }, ...me.addresses.map((a) => ({ value: a.id, label: `${a.label ?? a.streetLine1}, ${a.city}` }))]}
            />
          )}
          <div className="sf-row">
            <TextField label="First name" autoComplete="given-name" required value={address.firstName} onChange={set('firstName')} />
            <TextField label="Last name" autoComplete="family-name" required value={address.lastName} onChange={set('lastName')} />
          </div>
          <TextField label="Street address" autoComplete="address-line1" required value={address.streetLine1} onChange={set('streetLine1')} />
          <TextField label="Apartment, suite (optional)" autoComplete="address-line2" value={address.streetLine2} onChange={set('streetLine2')} />
          <div className="sf-row">
            <TextField label="City" autoComplete="address-level2" required value={address.city} onChange={set('city')} />
            <TextField label="State or province" autoComplete="address-level1" value={address.stateProvince} onChange={set('stateProvince')} />
            <TextField label="Postal code" autoComplete="postal-code" required value={address.postalCode} onChange={set('postalCode')} />
          </div>
          <SelectField label="Country" autoComplete="country" value={address.countryCode} onChange={set('countryCode')} options={COUNTRIES} />
          <SelectField label="Shipping method" value="Standard" onChange={() => undefined} options={[{ value: 'Standard', label: 'Standard delivery (5.99, free from 100.00)' }]} />
        </fieldset>
        <fieldset>
          <legend>Savings</legend>
          <TextField label="Discount code" value={discountCode} onChange={(e) => setDiscountCode(e.target.value)} autoComplete="off" />
          {signedIn && (
            <TextField
              label="Loyalty points to use"
              type="number"
              min={0}
              max={me?.loyalty.pointsBalance ?? 0}
              value={points}
              onChange={(e) => setPoints(e.target.value)}
              hint={`You have ${me?.loyalty.pointsBalance ?? 0} points.`}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Payment</legend>
          <TextField label="Card number" inputMode="numeric" autoComplete="cc-number" required value={card.number} onChange={(e) => setCard((c) => ({ ...c, number: e.target.value }))} hint="Test card: 4242 4242 4242 4242" />
          <div className="sf-row">
            <TextField label="Expiry month" type="number" min={1} max={12} autoComplete="cc-exp-month" required value={card.expMonth} onChange={(e) => setCard((c) => ({ ...c, expMonth: e.target.value }))} />
            <TextField label="Expiry year" type="number" autoComplete="cc-exp-year" required value={card.expYear} onChange={(e) => setCard((c) => ({ ...c, expYear: e.target.value }))} />
            <TextField label="Security code" inputMode="numeric" autoComplete="cc-csc" required value={card.cvc} onChange={(e) => setCard((c) => ({ ...c, cvc: e.target.value }))} />
          </div>
          <TextField label="Name on card" autoComplete="cc-name" value={card.holderName} onChange={(e) => setCard((c) => ({ ...c, holderName: e.target.value }))} />
        </fieldset>
        <Button type="submit" busy={placing.loading}>Place order ({formatMoney(cart.subtotal)} before shipping)</Button>
      </form>
    </>
  );
}
