import { Link, useAuth, useMutation, useQuery } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { StockAdjustmentStatus } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, Pager, formValues, formatDate, optional } from '../ui';

const Alerts = graphql(`
  query StockAlerts($all: Boolean!, $after: String) {
    lowStockAlerts(unacknowledgedOnly: $all, first: 25, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id type currentQuantity thresholdQuantity acknowledged createdAt item { sku product { id name } } } }
    }
  }
`);
const Ack = graphql(`mutation AckStockAlert($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged } }`);

const Reorder = graphql(`
  query ReorderSuggestions($after: String) {
    reorderSuggestions(first: 25, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { quantityAvailable reorderPoint reorderQuantity item { sku product { id name } } } }
    }
  }
`);

const Adjustments = graphql(`
  query StockAdjustments($status: StockAdjustmentStatus, $after: String) {
    stockAdjustments(status: $status, first: 20, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id adjustmentNumber reason notes status createdBy approvedBy approvedAt rejectedAt createdAt
          lines { currentQuantity adjustedQuantity difference item { sku product { id name } } }
        }
      }
    }
  }
`);
const Draft = graphql(`mutation DraftAdjustment($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id adjustmentNumber } }`);
const Approve = graphql(`mutation ApproveAdjustment($id: ID!) { approveStockAdjustment(id: $id) { id status } }`);
const Reject = graphql(`mutation RejectAdjustment($id: ID!) { rejectStockAdjustment(id: $id) { id status } }`);

const Reconciliation = graphql(`
  query Reconciliation {
    inventoryReconciliation(first: 100) {
      quantityAvailable ledgerAvailable quantityReserved ledgerReserved quantityCommitted ledgerCommitted reservationsActive reservationsCommitted
      item { sku product { id name } }
    }
  }
`);

export function Stock() {
  return (
    <>
      <PageTitle>Stock</PageTitle>
      <p className="muted">Restock a variant and change its thresholds on its product's page.</p>
      <AlertsSection />
      <ReorderSection />
      <AdjustmentsSection />
      <ReconciliationSection />
    </>
  );
}

function AlertsSection() {
  const [showAll, setShowAll] = useState(false);
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(Alerts, { variables: { all: !showAll, after } });
  const [ack, acking] = useMutation(Ack, { refetchActive: true });
  return (
    <section className="panel" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Low-stock alerts</h2>
      <label className="check"><input type="checkbox" checked={showAll} onChange={(e) => { setShowAll(e.target.checked); setAfter(undefined); }} />
        {' '}Include acknowledged</label>
      <ErrorNotice error={error ?? acking.error} />
      {loading && !data && <Loading />}
      {data?.lowStockAlerts.edges.length === 0 && <p className="muted">No alerts.</p>}
      <ul className="plain">
        {data?.lowStockAlerts.edges.map(({ node: a }) => (
          <li key={a.id}>
            {a.type === 'OUT_OF_STOCK' ? 'Out of stock' : 'Low stock'}: <Link to={`/products/${a.item.product.id}`}>{a.item.product.name}</Link> ({a.item.sku}),
            {' '}{a.currentQuantity} left (threshold {a.thresholdQuantity}) · {formatDate(a.createdAt)}{' '}
            {!a.acknowledged && <button type="button" onClick={() => void ack({ id: a.id }).catch(() => undefined)}>Acknowledge</button>}
          </li>
        ))}
      </ul>
      {data && <Pager pageInfo={data.lowStockAlerts.pageInfo} after={after} onPage={setAfter} />}
    </section>
  );
}

function ReorderSection() {
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(Reorder, { variables: { after } });
  return (
    <section className="panel" aria-labelledby="reorder-heading">
      <h2 id="reorder-heading">Reorder suggestions</h2>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data?.reorderSuggestions.edges.length === 0 && <p className="muted">Nothing to reorder.</p>}
      {data && data.reorderSuggestions.edges.length > 0 && (
        <table>
          <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col">Available</th><th scope="col">Reorder point</th><th scope="col">Order</th></tr></thead>
          <tbody>
            {data.reorderSuggestions.edges.map(({ node: s }) => (
              <tr key={s.item.sku}>
                <td><Link to={`/products/${s.item.product.id}`}>{s.item.product.name}</Link></td><td>{s.item.sku}</td>
                <td>{s.quantityAvailable}</td><td>{s.reorderPoint}</td><td>{s.reorderQuantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && <Pager pageInfo={data.reorderSuggestions.pageInfo} after={after} onPage={setAfter} />}
    </section>
  );
}

function AdjustmentsSection() {
  const { user } = useAuth();
  const [status, setStatus] = useState<StockAdjustmentStatus | ''>('PENDING');
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(Adjustments, { variables: { status: status || undefined, after } });
  const [draft, drafting] = useMutation(Draft, { refetchActive: true });
  const [approve, approving] = useMutation(Approve, { refetchActive: true });
  const [reject, rejecting] = useMutation(Reject, { refetchActive: true });
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    // One line per counted variant: "<variant id> <counted quantity>".
    const lines = v.lines.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2)
      .map(([variantId, qty]) => ({ variantId, adjustedQuantity: Number(qty) }));
    const result = await draft({ input: { reason: v.reason, notes: optional(v.notes), lines } }).catch(() => null);
    if (result) {
      setDone(`Adjustment ${result.draftStockAdjustment.adjustmentNumber} drafted; another member of staff approves it.`);
      form.reset();
    }
  }

  return (
    <section className="panel" aria-labelledby="adjustments-heading">
      <h2 id="adjustments-heading">Stock adjustments (four eyes)</h2>
      <p className="muted">A count is drafted by one member of staff and applied only when another approves it.</p>
      <Field label="Show">
        <select value={status} onChange={(e) => { setStatus(e.target.value as StockAdjustmentStatus | ''); setAfter(undefined); }}>
          <option value="PENDING">pending</option><option value="APPROVED">approved</option><option value="REJECTED">rejected</option><option value="">all</option>
        </select>
      </Field>
      <ErrorNotice error={error ?? approving.error ?? rejecting.error} />
      {loading && !data && <Loading />}
      {data?.stockAdjustments.edges.length === 0 && <p className="muted">No adjustments.</p>}
      {data?.stockAdjustments.edges.map(({ node: a }) => {
        const mine = user?.id === a.createdBy;
        return (
          <article key={a.id} aria-label={`Adjustment ${a.adjustmentNumber}`} className="variant">
            <h3>{a.adjustmentNumber} <span className="badge">{a.status}</span></h3>
            <p>{a.reason}{a.notes ? ` — ${a.notes}` : ''} · drafted {formatDate(a.createdAt)}{mine ? ' by you' : ''}</p>
            <ul className="plain">
              {a.lines.map((l) => (
                <li key={l.item.sku}>{l.item.product.name} ({l.item.sku}): {l.currentQuantity} → {l.adjustedQuantity} ({l.difference > 0 ? '+' : ''}{l.difference})</li>
              ))}
            </ul>
            {a.status === 'PENDING' && (
              <div className="actions">
                <button type="button" disabled={mine || approving.loading} title={mine ? 'Another member of staff must approve your count' : undefined}
                  onClick={() => void approve({ id: a.id }).catch(() => undefined)}>Approve</button>
                <button type="button" className="danger" onClick={() => void reject({ id: a.id }).catch(() => undefined)}>
                  {mine ? 'Withdraw' : 'Reject'}
                </button>
                {mine && <small className="muted">You drafted this count: another member of staff approves it.</small>}
              </div>
            )}
          </article>
        );
      })}
      {data && <Pager pageInfo={data.stockAdjustments.pageInfo} after={after} onPage={setAfter} />}
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="Draft a stock count">
        <h3>Draft a count</h3>
        <Field label="Reason"><input name="reason" required placeholder="Quarterly count" /></Field>
        <Field label="Notes"><input name="notes" /></Field>
        <Field label="Counted quantities" hint="One line per variant: its id (shown on its product's page), a space, the quantity counted. To count one variant, use its product's page.">
          <textarea name="lines" rows={3} required />
        </Field>
        <ErrorNotice error={drafting.error} />
        {done && <Notice>{done}</Notice>}
        <button type="submit" disabled={drafting.loading}>Draft adjustment</button>
      </form>
    </section>
  );
}

function ReconciliationSection() {
  const [run, setRun] = useState(false);
  const { data, loading, error, refetch } = useQuery(Reconciliation, { skip: !run });
  return (
    <section className="panel" aria-labelledby="recon-heading">
      <h2 id="recon-heading">Reconciliation</h2>
      <p className="muted">Checks every item's quantities against its ledger and its reservations.</p>
      <button type="button" onClick={() => (run ? refetch() : setRun(true))}>Run the reconciliation report</button>
      {loading && <Loading what="Checking the books" />}
      <ErrorNotice error={error} />
      {data && data.inventoryReconciliation.length === 0 && <Notice>The books are sound: every quantity matches its ledger and reservations.</Notice>}
      {data && data.inventoryReconciliation.length > 0 && (
        <table>
          <thead>
            <tr><th scope="col">Item</th><th scope="col">Available / ledger</th><th scope="col">Reserved / ledger / active</th>
              <th scope="col">Committed / ledger / reservations</th></tr>
          </thead>
          <tbody>
            {data.inventoryReconciliation.map((m) => (
              <tr key={m.item.sku}>
                <td><Link to={`/products/${m.item.product.id}`}>{m.item.product.name}</Link> ({m.item.sku})</td>
                <td>{m.quantityAvailable} / {m.ledgerAvailable}</td>
                <td>{m.quantityReserved} / {m.ledgerReserved} / {m.reservationsActive}</td>
                <td>{m.quantityCommitted} / {m.ledgerCommitted} / {m.reservationsCommitted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
