import { useMutation, useQuery, useSubscription } from '@shop/web-kit';
import { useMemo, useState } from 'react';
import { Link } from '@shop/web-kit';
import { graphql } from '../gql';
import type { OrderBoardSubscription } from '../gql/graphql';
import { ErrorNotice, Loading, PageTitle, formatDate, formatMoney } from '../ui';
import { sumMoney } from '../money';

const TodayOrders = graphql(`
  query TodayOrders($from: String!) {
    orders(filter: { placedFrom: $from }, first: 100) {
      totalCount
      edges { node { id number status email placedAt total { amount currency } } }
    }
  }
`);

const LowStock = graphql(`
  query DashboardLowStock {
    lowStockAlerts(first: 10) {
      edges { node { id type currentQuantity thresholdQuantity createdAt item { sku product { id name } } } }
    }
  }
`);

const Acknowledge = graphql(`
  mutation AcknowledgeAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }
`);

const OrderBoard = graphql(`
  subscription OrderBoard {
    orderEvents {
      kind number status previousStatus version occurredAt carrier trackingNumber
      refundedAmount { amount currency }
      order { email total { amount currency } }
    }
  }
`);

type BoardEntry = OrderBoardSubscription['orderEvents'];

function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

export function Dashboard() {
  const from = useMemo(startOfToday, []);
  const today = useQuery(TodayOrders, { variables: { from } });
  const orders = today.data?.orders.edges.map((e) => e.node) ?? [];
  const counted = orders.filter((o) => o.status !== 'CANCELLED' && o.status !== 'PENDING');
  const revenue = sumMoney(counted.map((o) => o.total));

  return (
    <>
      <PageTitle>Dashboard</PageTitle>
      <section aria-labelledby="today-heading" className="cards">
        <h2 id="today-heading" className="visually-hidden">Today</h2>
        <div className="card">
          <h3>Orders today</h3>
          {today.loading && !today.data ? <Loading /> : <p className="figure" data-testid="orders-today">{today.data?.orders.totalCount ?? '—'}</p>}
        </div>
        <div className="card">
          <h3>Revenue today</h3>
          {today.loading && !today.data ? <Loading /> : <p className="figure" data-testid="revenue-today">{revenue ? formatMoney(revenue) : '—'}</p>}
          {today.data && today.data.orders.totalCount > orders.length && (
            <small className="muted">Over the newest {orders.length} orders.</small>
          )}
          <small className="muted">Confirmed and later, cancelled orders excluded.</small>
        </div>
        <ErrorNotice error={today.error} />
      </section>
      <div className="columns">
        <LiveBoard onChange={() => void today.refetch()} />
        <LowStockAlerts />
      </div>
    </>
  );
}

function LiveBoard({ onChange }: { onChange: () => void }) {
  const [entries, setEntries] = useState<BoardEntry[]>([]);
  const { error } = useSubscription(OrderBoard, {
    onData: (data) => {
      const update = data.orderEvents;
      if (!update) return;
      setEntries((list) => (list.some((e) => e.number === update.number && e.version === update.version) ? list : [update, ...list].slice(0, 50)));
      onChange();
    },
  });
  return (
    <section aria-labelledby="board-heading" className="panel">
      <h2 id="board-heading">Live order board</h2>
      <ErrorNotice error={error} />
      {entries.length === 0 ? (
        <p className="muted">Waiting for orders… changes appear here as they happen.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Order</th><th scope="col">Change</th><th scope="col">Status</th><th scope="col">Total</th><th scope="col">When</th></tr>
          </thead>
          <tbody data-testid="order-board">
            {entries.map((e) => (
              <tr key={`${e.number}-${e.version}`}>
                <td><Link to={`/orders/${e.number}`}>{e.number}</Link></td>
                <td>{e.kind.replaceAll('_', ' ').toLowerCase()}{e.carrier ? ` (${e.carrier} ${e.trackingNumber ?? ''})` : ''}</td>
                <td><span className={`badge status-${e.status.toLowerCase()}`}>{e.status}</span></td>
                <td>{formatMoney(e.order?.total)}</td>
                <td>{formatDate(e.occurredAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LowStockAlerts() {
  const { data, loading, error } = useQuery(LowStock);
  const [acknowledge, ack] = useMutation(Acknowledge, { refetchActive: true });
  const alerts = data?.lowStockAlerts.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="alerts-heading" className="panel">
      <h2 id="alerts-heading">Low-stock alerts</h2>
      {loading && !data && <Loading />}
      <ErrorNotice error={error ?? ack.error} />
      {data && alerts.length === 0 && <p className="muted">No stock alerts. All good.</p>}
      <ul className="plain">
        {alerts.map((a) => (
          <li key={a.id}>
            <strong>{a.type === 'OUT_OF_STOCK' ? 'Out of stock' : 'Low stock'}:</strong>{' '}
            <Link to={`/products/${a.item.product.id}`}>{a.item.product.name}</Link> ({a.item.sku}) — {a.currentQuantity} left, threshold{' '}
            {a.thresholdQuantity}{' '}
            <button type="button" onClick={() => void acknowledge({ id: a.id })} disabled={ack.loading}>
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
