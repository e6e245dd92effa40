import { useMutation, useQuery } from '@shop/web-kit';
import { useState } from 'react';
import { graphql } from '../gql';
import { ErrorNotice, Loading, Notice, PageTitle, formatDate } from '../ui';

const DeadLetters = graphql(`
  query DeadLetters {
    cart: cartEventDeadLetters(first: 50) { ...DeadLetter }
    customer: customerEventDeadLetters(first: 50) { ...DeadLetter }
    inventory: inventoryEventDeadLetters(first: 50) { ...DeadLetter }
    notification: notificationEventDeadLetters(first: 50) { ...DeadLetter }
    search: searchEventDeadLetters(first: 50) { ...DeadLetter }
  }
  fragment DeadLetter on EventDeadLetter { id eventId source type aggregateType aggregateId version error attempts failedAt data }
`);

const replays = {
  cart: graphql(`mutation ReplayCart($id: ID!) { result: replayCartEventDeadLetter(id: $id) { outcome error } }`),
  customer: graphql(`mutation ReplayCustomer($id: ID!) { result: replayCustomerEventDeadLetter(id: $id) { outcome error } }`),
  inventory: graphql(`mutation ReplayInventory($id: ID!) { result: replayInventoryEventDeadLetter(id: $id) { outcome error } }`),
  notification: graphql(`mutation ReplayNotification($id: ID!) { result: replayNotificationEventDeadLetter(id: $id) { outcome error } }`),
  search: graphql(`mutation ReplaySearch($id: ID!) { result: replaySearchEventDeadLetter(id: $id) { outcome error } }`),
};
const discards = {
  cart: graphql(`mutation DiscardCart($id: ID!) { result: discardCartEventDeadLetter(id: $id) }`),
  customer: graphql(`mutation DiscardCustomer($id: ID!) { result: discardCustomerEventDeadLetter(id: $id) }`),
  inventory: graphql(`mutation DiscardInventory($id: ID!) { result: discardInventoryEventDeadLetter(id: $id) }`),
  notification: graphql(`mutation DiscardNotification($id: ID!) { result: discardNotificationEventDeadLetter(id: $id) }`),
  search: graphql(`mutation DiscardSearch($id: ID!) { result: discardSearchEventDeadLetter(id: $id) }`),
};
type Context = keyof typeof replays;
const CONTEXTS = Object.keys(replays) as Context[];

const Reindex = graphql(`
  mutation RebuildSearchIndex($fromCatalog: Boolean) { rebuildSearchIndex(fromCatalog: $fromCatalog) { indexed index backend fromCatalog tookMs } }
`);

export function System() {
  return (
    <>
      <PageTitle>Events and search</PageTitle>
      <SearchIndex />
      <DeadLetterSection />
    </>
  );
}

function SearchIndex() {
  const [rebuild, state] = useMutation(Reindex);
  const result = state.data?.rebuildSearchIndex;
  return (
    <section className="panel" aria-labelledby="search-heading">
      <h2 id="search-heading">Search index</h2>
      <p className="muted">Rebuilds the index from the catalog and stock without stopping searches; changes made meanwhile are kept.</p>
      <button type="button" disabled={state.loading} onClick={() => void rebuild({ fromCatalog: true }).catch(() => undefined)}>
        {state.loading ? 'Rebuilding…' : 'Rebuild the search index'}
      </button>
      <ErrorNotice error={state.error} />
      {result && <Notice>Indexed {result.indexed} products into {result.index} ({result.backend}) in {(result.tookMs / 1000).toFixed(1)} s.</Notice>}
    </section>
  );
}

function DeadLetterSection() {
  const { data, loading, error, refetch } = useQuery(DeadLetters);
  const [message, setMessage] = useState<string | null>(null);
  const [replayCart] = useMutation(replays.cart);
  const [replayCustomer] = useMutation(replays.customer);
  const [replayInventory] = useMutation(replays.inventory);
  const [replayNotification] = useMutation(replays.notification);
  const [replaySearch] = useMutation(replays.search);
  const [discardCart] = useMutation(discards.cart);
  const [discardCustomer] = useMutation(discards.customer);
  const [discardInventory] = useMutation(discards.inventory);
  const [discardNotification] = useMutation(discards.notification);
  const [discardSearch] = useMutation(discards.search);
  const [actionError, setActionError] = useState<unknown>(null);
  const replay = { cart: replayCart, customer: replayCustomer, inventory: replayInventory, notification: replayNotification, search: replaySearch };
  const discard = { cart: discardCart, customer: discardCustomer, inventory: discardInventory, notification: discardNotification, search: discardSearch };

  async function doReplay(context: Context, id: string) {
    setActionError(null);
    try {
      const { result } = await replay[context]({ id });
      setMessage(result.outcome === 'FAILED' ? `Replay failed again: ${result.error ?? 'no reason given'}.`
        : result.outcome === 'APPLIED' ? 'Replayed: the event was applied.' : 'The event had already been applied; nothing changed.');
      refetch();
    } catch (e) {
      setActionError(e);
    }
  }

  async function doDiscard(context: Context, id: string) {
    if (!window.confirm('Discard this event for good? Its effect will never be applied.')) return;
    setActionError(null);
    try {
      await discard[context]({ id });
      setMessage('Discarded.');
      refetch();
    } catch (e) {
      setActionError(e);
    }
  }

  const total = data ? CONTEXTS.reduce((n, c) => n + data[c].length, 0) : 0;
  return (
    <section className="panel" aria-labelledby="dead-heading">
      <h2 id="dead-heading">Event dead letters</h2>
      <p className="muted">Events a context could not apply after its retries. Fix the cause, then replay; or discard what must not apply.</p>
      <ErrorNotice error={error ?? actionError} />
      {message && <Notice>{message}</Notice>}
      {loading && !data && <Loading />}
      {data && total === 0 && <p className="muted">No dead letters. Every event was applied.</p>}
      {data && CONTEXTS.filter((c) => data[c].length > 0).map((context) => (
        <div key={context}>
          <h3>{context} ({data[context].length})</h3>
          <table>
            <thead><tr><th scope="col">Failed</th><th scope="col">Event</th><th scope="col">Error</th><th scope="col">Tries</th><th scope="col" /></tr></thead>
            <tbody>
              {data[context].map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.failedAt)}</td>
                  <td>{d.type} <small className="muted">{d.aggregateType} {d.aggregateId} v{d.version}</small>
                    <details><summary>Data</summary><pre>{d.data}</pre></details></td>
                  <td>{d.error}</td>
                  <td>{d.attempts}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void doReplay(context, d.id)}>Replay</button>
                    <button type="button" className="danger" onClick={() => void doDiscard(context, d.id)}>Discard</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
