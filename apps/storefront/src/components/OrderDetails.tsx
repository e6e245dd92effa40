import { useRef } from 'react';
import { Alert, formatMoney, useSubscription } from '@shop/web-kit';
import { OrderUpdatedDocument, type OrderStatus, type OrderViewFragment } from '../gql/graphql';

export const STATUS_WORDS: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  CONFIRMED: 'Confirmed',
  PROCESSING: 'Being prepared',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  REFUNDED: 'Refunded',
};

/**
 * An order with its live status: the orderUpdated subscription (from the version shown, so nothing is missed) moves
 * the status without a reload and asks for the order again to show tracking details.
 */
export function OrderDetails({ order, accessKey, placed, onChange }: { order: OrderViewFragment; accessKey?: string; placed: boolean; onChange(): void }) {
  const firstVersion = useRef(order.version);
  const live = useSubscription(OrderUpdatedDocument, {
    variables: { number: order.number, afterVersion: firstVersion.current, accessKey },
    onData: onChange,
  });
  const update = live.data?.orderUpdated;
  const status = update && update.version > order.version ? update.status : order.status;
  const carrier = order.shippingCarrier ?? update?.carrier;
  const tracking = order.trackingNumber ?? update?.trackingNumber;
  const a = order.shippingAddress;

  return (
    <>
      {placed && (
        <Alert tone="success" title={`Thank you! Your order ${order.number} is placed.`}>
          A confirmation is on its way to {order.email}.
          {accessKey && ' Keep this page (or the order number and access key) to follow your order.'}
        </Alert>
      )}
      <h1>Order {order.number}</h1>
      <p className="sf-status">
        Status: <strong data-testid="order-status" aria-live="polite">{STATUS_WORDS[status]}</strong>
      </p>
      {(carrier || tracking) && (
        <p>Shipped with {carrier ?? 'the carrier'}{tracking ? `, tracking number ${tracking}` : ''}{order.estimatedDeliveryDate ? `, expected ${order.estimatedDeliveryDate}` : ''}.</p>
      )}
      {live.error && <Alert tone="warning">Live updates paused: {live.error.message}. Reload the page to see the latest status.</Alert>}
      {accessKey && <p className="sf-muted">Access key: <code data-testid="access-key">{accessKey}</code></p>}
      <table className="sf-cart">
        <caption className="sf-visually-hidden">Items</caption>
        <thead>
          <tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Total</th></tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.id}>
              <td>{item.productName}{item.variantName ? ` (${item.variantName})` : ''}</td>
              <td>{item.quantity}</td>
              <td>{formatMoney(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="sf-totals">
        <dt>Subtotal</dt><dd>{formatMoney(order.subtotal)}</dd>
        {order.discounts.map((d) => (
          <FragmentPair key={`${d.name}-${d.code}`} term={d.code ? `Discount ${d.code}` : d.name} value={`−${formatMoney(d.amount)}`} />
        ))}
        {order.loyaltyPointsRedeemed > 0 && <FragmentPair term="Loyalty points used" value={String(order.loyaltyPointsRedeemed)} />}
        <dt>Shipping</dt><dd>{formatMoney(order.shippingTotal)}</dd>
        <dt>Tax</dt><dd>{formatMoney(order.taxTotal)}</dd>
        <dt>Total</dt><dd data-testid="order-total"><strong>{formatMoney(order.total)}</strong></dd>
        {order.refundedTotal.amount !== '0.00' && <FragmentPair term="Refunded" value={formatMoney(order.refundedTotal)} />}
      </dl>
      <h2>Shipping to</h2>
      <address>
        {a.firstName} {a.lastName}<br />
        {a.streetLine1}{a.streetLine2 ? `, ${a.streetLine2}` : ''}<br />
        {a.postalCode} {a.city}{a.stateProvince ? `, ${a.stateProvince}` : ''}, {a.countryCode}
      </address>
      <h2>History</h2>
      <ol className="sf-history">
        {order.statusHistory.map((change) => (
          <li key={`${change.status}-${change.at}`}>
            {STATUS_WORDS[change.status]} — <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time>
            {change.notes ? ` (${change.notes})` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

function FragmentPair({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
