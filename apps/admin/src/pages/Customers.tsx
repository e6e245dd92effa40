import { Link, useMutation, useParams, useQuery, useSearchParams } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { CustomerStatus, LoyaltyTier } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, Pager, formValues, formatDate, formatMoney, optional } from '../ui';

const CustomerList = graphql(`
  query AdminCustomers($filter: CustomerFilter, $after: String) {
    customers(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id email firstName lastName status tier createdAt } }
    }
  }
`);

const CustomerQuery = graphql(`
  query AdminCustomer($id: ID!) {
    customer(id: $id) {
      id email firstName lastName phone status tier roles createdAt
      addresses { id type label streetLine1 city postalCode countryCode isDefault }
      loyalty { pointsBalance lifetimePoints tier pointsToNextTier transactions(first: 20) { id pointsChange balanceAfter kind reason createdAt } }
      orders(first: 10) { edges { node { id number status placedAt total { amount currency } } } }
      notifications(first: 10) { edges { node { id type channel status subject createdAt } } }
    }
  }
`);

const Suspend = graphql(`mutation SuspendCustomer($id: ID!) { suspendCustomer(id: $id) { id status } }`);
const Reactivate = graphql(`mutation ReactivateCustomer($id: ID!) { reactivateCustomer(id: $id) { id status } }`);
const AdjustPoints = graphql(`
  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {
    adjustLoyaltyPoints(customerId: $customerId, points: $points, reason: $reason) { pointsBalance }
  }
`);

const STATUSES: CustomerStatus[] = ['ACTIVE', 'INACTIVE', 'SUSPENDED'];
const TIERS: LoyaltyTier[] = ['REGULAR', 'PREMIUM', 'VIP'];

export function Customers() {
  const [params, setParams] = useSearchParams();
  const [after, setAfter] = useState<string | undefined>();
  const filter = {
    email: optional(params.get('email') ?? undefined), name: optional(params.get('name') ?? undefined),
    status: (params.get('status') as CustomerStatus | null) ?? undefined, tier: (params.get('tier') as LoyaltyTier | null) ?? undefined,
  };
  const { data, loading, error } = useQuery(CustomerList, { variables: { filter, after } });
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAfter(undefined);
    setParams(Object.fromEntries(Object.entries(formValues(event.currentTarget)).filter(([, v]) => v)));
  }
  return (
    <>
      <PageTitle>Customers</PageTitle>
      <form role="search" onSubmit={search} className="filters" aria-label="Search customers">
        <Field label="Email contains"><input name="email" defaultValue={filter.email ?? ''} /></Field>
        <Field label="Name contains"><input name="name" defaultValue={filter.name ?? ''} /></Field>
        <Field label="Status">
          <select name="status" defaultValue={filter.status ?? ''}>
            <option value="">Any</option>{STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        <Field label="Tier">
          <select name="tier" defaultValue={filter.tier ?? ''}>
            <option value="">Any</option>{TIERS.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </Field>
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="Loading customers" />}
      {data && (
        <>
          <p className="muted">{data.customers.totalCount} customers</p>
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Tier</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {data.customers.edges.map(({ node: c }) => (
                <tr key={c.id}>
                  <td><Link to={`/customers/${c.id}`}>{c.firstName} {c.lastName}</Link></td>
                  <td>{c.email}</td><td>{c.tier.toLowerCase()}</td><td><span className="badge">{c.status}</span></td><td>{formatDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pageInfo={data.customers.pageInfo} after={after} onPage={setAfter} />
        </>
      )}
    </>
  );
}

export function CustomerDetail() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(CustomerQuery, { variables: { id } });
  const [suspend, suspending] = useMutation(Suspend);
  const [reactivate, reactivating] = useMutation(Reactivate);
  const [adjust, adjusting] = useMutation(AdjustPoints);
  const [done, setDone] = useState<string | null>(null);
  const customer = data?.customer;
  if (loading && !data) return <Loading what="Loading the customer" />;
  if (!customer) return <><PageTitle>Customer</PageTitle><ErrorNotice error={error ?? new Error('No such customer.')} /></>;

  async function toggle() {
    if (!customer) return;
    const suspending = customer.status !== 'SUSPENDED';
    if (suspending && !window.confirm(`Suspend ${customer.email}? They are signed out at their next request.`)) return;
    const ok = await (suspending ? suspend({ id }) : reactivate({ id })).catch(() => null);
    if (ok) {
      setDone(suspending ? 'Customer suspended.' : 'Customer reactivated.');
      refetch();
    }
  }

  async function submitPoints(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const ok = await adjust({ customerId: id, points: Number(v.points), reason: v.reason }).catch(() => null);
    if (ok) {
      setDone(`Loyalty balance is now ${ok.adjustLoyaltyPoints.pointsBalance} points.`);
      form.reset();
      refetch();
    }
  }

  return (
    <>
      <PageTitle>{`${customer.firstName} ${customer.lastName}`}</PageTitle>
      <p>
        {customer.email}{customer.phone ? ` · ${customer.phone}` : ''} · <span className="badge">{customer.status}</span> · {customer.tier.toLowerCase()} ·
        roles {customer.roles.join(', ')} · since {formatDate(customer.createdAt)}
      </p>
      {done && <Notice>{done}</Notice>}
      <ErrorNotice error={suspending.error ?? reactivating.error} />
      <button type="button" className={customer.status === 'SUSPENDED' ? undefined : 'danger'} onClick={() => void toggle()}>
        {customer.status === 'SUSPENDED' ? 'Reactivate customer' : 'Suspend customer'}
      </button>
      <div className="columns">
        <section className="panel" aria-labelledby="loyalty-heading">
          <h2 id="loyalty-heading">Loyalty</h2>
          <p>
            <strong>{customer.loyalty.pointsBalance}</strong> points · {customer.loyalty.lifetimePoints} lifetime · tier {customer.loyalty.tier.toLowerCase()}
            {customer.loyalty.pointsToNextTier != null && ` · ${customer.loyalty.pointsToNextTier} to the next tier`}
          </p>
          <form onSubmit={(e) => void submitPoints(e)} className="form" aria-label="Adjust loyalty points">
            <Field label="Points" hint="Positive adds, negative removes."><input name="points" type="number" required /></Field>
            <Field label="Reason"><input name="reason" required /></Field>
            <ErrorNotice error={adjusting.error} />
            <button type="submit" disabled={adjusting.loading}>Adjust points</button>
          </form>
          <ul className="plain">
            {customer.loyalty.transactions.map((t) => (
              <li key={t.id}>{formatDate(t.createdAt)}: {t.pointsChange > 0 ? '+' : ''}{t.pointsChange} ({t.kind.toLowerCase()}, {t.reason}) → {t.balanceAfter}</li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="orders-heading">
          <h2 id="orders-heading">Latest orders</h2>
          <ul className="plain">
            {customer.orders?.edges.map(({ node: o }) => (
              <li key={o.id}><Link to={`/orders/${o.number}`}>{o.number}</Link> · {formatDate(o.placedAt)} · {formatMoney(o.total)} · {o.status}</li>
            ))}
          </ul>
          {customer.orders?.edges.length === 0 && <p className="muted">No orders yet.</p>}
          <h2>Addresses</h2>
          <ul className="plain">
            {customer.addresses.map((a) => (
              <li key={a.id}>{a.label ?? a.type.toLowerCase()}: {a.streetLine1}, {a.postalCode} {a.city}, {a.countryCode}{a.isDefault ? ' (default)' : ''}</li>
            ))}
          </ul>
          <h2>Messages sent</h2>
          <ul className="plain">
            {customer.notifications?.edges.map(({ node: n }) => (
              <li key={n.id}>{formatDate(n.createdAt)}: {n.subject ?? n.type} ({n.channel.toLowerCase()}, {n.status.toLowerCase()})</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
