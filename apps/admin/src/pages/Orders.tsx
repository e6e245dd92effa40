import { Link, useMutation, useParams, useQuery, useSearchParams, useSubscription } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { AdminOrderQuery, OrderStatus } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, Pager, formValues, formatDate, formatMoney, newIdempotencyKey, optional } from '../ui';

const OrderList = graphql(`
  query AdminOrders($filter: OrderFilter, $after: String) {
    orders(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id number status email placedAt total { amount currency } items { quantity } } }
    }
  }
`);

const OrderQuery = graphql(`
  query AdminOrder($number: String!) {
    order(number: $number) {
      id number status email version placedAt updatedAt source notes
      customer { id firstName lastName }
      items { id sku productName variantName quantity unitPrice { amount currency } lineTotal { amount currency } }
      discounts { type code name amount { amount currency } }
      subtotal { amount currency } discountTotal { amount currency } shippingTotal { amount currency } taxTotal { amount currency }
      total { amount currency } refundedTotal { amount currency }
      loyaltyPointsRedeemed
      shippingAddress { firstName lastName company streetLine1 streetLine2 city stateProvince postalCode countryCode phone }
      shippingMethod shippingCarrier trackingNumber estimatedDeliveryDate actualDeliveryDate
      statusHistory { previousStatus status notes changedBy at }
    }
  }
`);

const PaymentsQuery = graphql(`
  query AdminOrderPayments($orderId: ID!) {
    orderPayments(orderId: $orderId) {
      id status createdAt failureCode failureMessage
      amount { amount currency } capturedAmount { amount currency } refundedAmount { amount currency } refundableAmount { amount currency }
      paymentMethod { displayName }
      events { id type amount { amount currency } reason source createdAt }
      refunds { id amount { amount currency } reason status createdAt }
    }
  }
`);

const Move = graphql(`
  mutation MoveOrder($id: ID!, $status: OrderStatus!, $expectedVersion: Int!, $carrier: String, $trackingNumber: String,
    $estimatedDeliveryDate: String, $notes: String, $idempotencyKey: String) {
    moveOrder(id: $id, status: $status, expectedVersion: $expectedVersion, carrier: $carrier, trackingNumber: $trackingNumber,
      estimatedDeliveryDate: $estimatedDeliveryDate, notes: $notes, idempotencyKey: $idempotencyKey) { id status version }
  }
`);

const Refund = graphql(`
  mutation RefundOrder($id: ID!, $amount: String, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {
    refundOrder(id: $id, amount: $amount, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      id status version refundedTotal { amount currency }
    }
  }
`);

const Followed = graphql(`
  subscription FollowOrder($number: String!, $after: Int) {
    orderUpdated(number: $number, afterVersion: $after) { kind status version }
  }
`);

export const ORDER_STATUSES: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'];

export function Orders() {
  const [params, setParams] = useSearchParams();
  const [after, setAfter] = useState<string | undefined>();
  const status = params.get('status') as OrderStatus | null;
  const filter = {
    number: optional(params.get('number') ?? undefined), email: optional(params.get('email') ?? undefined),
    status: status ? [status] : undefined, placedFrom: optional(params.get('from') ?? undefined),
  };
  const { data, loading, error } = useQuery(OrderList, { variables: { filter, after } });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    setAfter(undefined);
    setParams(Object.fromEntries(Object.entries(v).filter(([, value]) => value)));
  }

  return (
    <>
      <PageTitle>Orders</PageTitle>
      <form role="search" onSubmit={search} className="filters" aria-label="Search orders">
        <Field label="Order number"><input name="number" defaultValue={params.get('number') ?? ''} placeholder="SO-…" /></Field>
        <Field label="Email"><input name="email" defaultValue={params.get('email') ?? ''} /></Field>
        <Field label="Status">
          <select name="status" defaultValue={status ?? ''}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        <Field label="Placed from"><input name="from" type="date" defaultValue={params.get('from') ?? ''} /></Field>
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="Loading orders" />}
      {data && (
        <>
          <p className="muted">{data.orders.totalCount} orders</p>
          <table>
            <thead>
              <tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Customer email</th><th scope="col">Items</th>
                <th scope="col">Total</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {data.orders.edges.map(({ node: o }) => (
                <tr key={o.id}>
                  <td><Link to={`/orders/${o.number}`}>{o.number}</Link></td>
                  <td>{formatDate(o.placedAt)}</td>
                  <td>{o.email}</td>
                  <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
                  <td>{formatMoney(o.total)}</td>
                  <td><span className={`badge status-${o.status.toLowerCase()}`}>{o.status}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pageInfo={data.orders.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

type Order = NonNullable<AdminOrderQuery['order']>;

/** The moves staff can make from each status (the order service refuses the others with CONFLICT). */
const NEXT: Partial<Record<OrderStatus, OrderStatus[]>> = {
  CONFIRMED: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  PENDING: ['CANCELLED'],
};

export function OrderDetail() {
  const { number = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(OrderQuery, { variables: { number } });
  const order = data?.order;
  // Another member of staff (or the checkout) moving this order shows here without a reload.
  useSubscription(Followed, { variables: { number, after: order?.version }, skip: !order, onData: () => refetch() });
  if (loading && !data) return <Loading what="Loading the order" />;
  if (!order) return <><PageTitle>Order</PageTitle><ErrorNotice error={error ?? new Error(`No order ${number}.`)} /></>;
  return (
    <>
      <PageTitle>{`Order ${order.number}`}</PageTitle>
      <p>
        <span className={`badge status-${order.status.toLowerCase()}`} data-testid="admin-order-status">{order.status}</span>{' '}
        <span className="muted">placed {formatDate(order.placedAt)} · {order.source.toLowerCase()} · version {order.version}</span>
      </p>
      <ErrorNotice error={error} />
      <div className="columns">
        <section className="panel" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <table>
            <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col">Qty</th><th scope="col">Unit</th><th scope="col">Total</th></tr></thead>
            <tbody>
              {order.items.map((i) => (
                <tr key={i.id}>
                  <td>{i.productName}{i.variantName ? ` — ${i.variantName}` : ''}</td><td>{i.sku}</td><td>{i.quantity}</td>
                  <td>{formatMoney(i.unitPrice)}</td><td>{formatMoney(i.lineTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="totals">
            <dt>Subtotal</dt><dd>{formatMoney(order.subtotal)}</dd>
            {order.discounts.map((d) => <FragmentRow key={`${d.type}-${d.code ?? d.name}`} label={`Discount: ${d.code ?? d.name}`} value={`−${formatMoney(d.amount)}`} />)}
            {order.loyaltyPointsRedeemed > 0 && <FragmentRow label="Loyalty points redeemed" value={String(order.loyaltyPointsRedeemed)} />}
            <dt>Shipping</dt><dd>{formatMoney(order.shippingTotal)}</dd>
            <dt>Tax</dt><dd>{formatMoney(order.taxTotal)}</dd>
            <dt>Total</dt><dd><strong>{formatMoney(order.total)}</strong></dd>
            <dt>Refunded</dt><dd>{formatMoney(order.refundedTotal)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="customer-heading">
          <h2 id="customer-heading">Customer and delivery</h2>
          <p>
            {order.customer ? <Link to={`/customers/${order.customer.id}`}>{order.customer.firstName} {order.customer.lastName}</Link> : 'Guest'}
            {' · '}{order.email}
          </p>
          <address>
            {order.shippingAddress.firstName} {order.shippingAddress.lastName}<br />
            {order.shippingAddress.streetLine1}{order.shippingAddress.streetLine2 ? `, ${order.shippingAddress.streetLine2}` : ''}<br />
            {order.shippingAddress.postalCode} {order.shippingAddress.city} {order.shippingAddress.stateProvince ?? ''} {order.shippingAddress.countryCode}
          </address>
          <p>
            {order.shippingMethod ?? 'Standard shipping'}
            {order.trackingNumber && <> · <span data-testid="admin-tracking">{order.shippingCarrier} {order.trackingNumber}</span></>}
            {order.estimatedDeliveryDate && ` · expected ${order.estimatedDeliveryDate}`}
            {order.actualDeliveryDate && ` · delivered ${formatDate(order.actualDeliveryDate)}`}
          </p>
          {order.notes && <p>Notes: {order.notes}</p>}
        </section>
      </div>
      <Fulfilment order={order} onDone={refetch} />
      <RefundForm order={order} onDone={refetch} />
      <Payments key={order.version} orderId={order.id} />
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="history">
          {order.statusHistory.map((h) => (
            <li key={`${h.at}-${h.status}`}>
              {formatDate(h.at)}: {h.previousStatus ? `${h.previousStatus} → ` : ''}<strong>{h.status}</strong>
              {h.notes ? ` — ${h.notes}` : ''}{h.changedBy ? ` (by ${h.changedBy.slice(0, 8)}…)` : ' (by the shop)'}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return <><dt>{label}</dt><dd>{value}</dd></>;
}

function Fulfilment({ order, onDone }: { order: Order; onDone: () => void }) {
  const moves = NEXT[order.status] ?? [];
  const [target, setTarget] = useState<OrderStatus | ''>('');
  const [move, moving] = useMutation(Move);
  const [done, setDone] = useState<string | null>(null);
  // One key per attempted move: a retry after a lost answer is the same move, never a second capture.
  const [key, setKey] = useState(() => newIdempotencyKey('move'));
  const chosen = target && moves.includes(target) ? target : moves[0];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    setDone(null);
    const result = await move({
      id: order.id, status: chosen!, expectedVersion: order.version, carrier: optional(v.carrier), trackingNumber: optional(v.trackingNumber),
      estimatedDeliveryDate: optional(v.estimatedDeliveryDate), notes: optional(v.notes), idempotencyKey: key,
    }).catch(() => undefined);
    if (result) {
      setDone(`Order moved to ${result.moveOrder.status.toLowerCase()}.`);
      setKey(newIdempotencyKey('move'));
      setTarget('');
      onDone();
    }
  }

  if (moves.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="fulfil-heading">
      <h2 id="fulfil-heading">Fulfilment</h2>
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="Move the order">
        <Field label="Move to">
          <select value={chosen} onChange={(e) => setTarget(e.target.value as OrderStatus)} name="status">
            {moves.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        {chosen === 'SHIPPED' && (
          <>
            <Field label="Carrier"><input name="carrier" required /></Field>
            <Field label="Tracking number"><input name="trackingNumber" required /></Field>
            <Field label="Estimated delivery"><input name="estimatedDeliveryDate" type="date" /></Field>
          </>
        )}
        <Field label={chosen === 'CANCELLED' ? 'Reason for cancelling' : 'Notes'}><input name="notes" required={chosen === 'CANCELLED'} /></Field>
        {chosen === 'SHIPPED' && <p className="muted">Shipping captures the payment first; a refused capture leaves the order where it is.</p>}
        {chosen === 'CANCELLED' && <p className="muted">Cancelling voids or refunds the payment and puts the stock back on sale.</p>}
        <ErrorNotice error={moving.error} />
        {done && <Notice>{done}</Notice>}
        <button type="submit" className={chosen === 'CANCELLED' ? 'danger' : undefined} disabled={moving.loading}>
          {chosen === 'SHIPPED' ? 'Ship order' : chosen === 'CANCELLED' ? 'Cancel order' : `Mark as ${chosen?.toLowerCase()}`}
        </button>
      </form>
    </section>
  );
}

function RefundForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const [refund, refunding] = useMutation(Refund);
  const [key, setKey] = useState(() => newIdempotencyKey('refund'));
  const [done, setDone] = useState<string | null>(null);
  if (order.status !== 'SHIPPED' && order.status !== 'DELIVERED' && order.status !== 'REFUNDED') return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const result = await refund({ id: order.id, amount: optional(v.amount), reason: v.reason, expectedVersion: order.version, idempotencyKey: key })
      .catch(() => undefined);
    if (result) {
      setDone(`Refunded; ${formatMoney(result.refundOrder.refundedTotal)} refunded in all.`);
      setKey(newIdempotencyKey('refund'));
      form.reset();
      onDone();
    }
  }
  return (
    <section className="panel" aria-labelledby="refund-heading">
      <h2 id="refund-heading">Refund</h2>
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="Refund the order">
        <Field label="Amount" hint="Leave empty to refund everything not refunded yet.">
          <input name="amount" inputMode="decimal" pattern="\d+(\.\d{1,2})?" />
        </Field>
        <Field label="Reason"><input name="reason" required /></Field>
        <ErrorNotice error={refunding.error} />
        {done && <Notice>{done}</Notice>}
        <button type="submit" disabled={refunding.loading}>Refund</button>
      </form>
    </section>
  );
}

function Payments({ orderId }: { orderId: string }) {
  const { data, loading, error } = useQuery(PaymentsQuery, { variables: { orderId } });
  return (
    <section className="panel" aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="Loading payments" />}
      {data?.orderPayments.length === 0 && <p className="muted">No payment was taken for this order.</p>}
      {data?.orderPayments.map((p) => (
        <article key={p.id} aria-label={`Payment ${p.id}`}>
          <p>
            <span className="badge">{p.status}</span> {formatMoney(p.amount)} · {p.paymentMethod?.displayName ?? 'card'} · captured {formatMoney(p.capturedAmount)} ·
            refunded {formatMoney(p.refundedAmount)} · refundable {formatMoney(p.refundableAmount)}
            {p.failureCode && ` · failed: ${p.failureMessage ?? p.failureCode}`}
          </p>
          <ul className="plain">
            {p.events.map((e) => (
              <li key={e.id}>{formatDate(e.createdAt)}: {e.type.replaceAll('_', ' ')} {e.amount ? formatMoney(e.amount) : ''}{e.reason ? ` (${e.reason})` : ''}</li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
