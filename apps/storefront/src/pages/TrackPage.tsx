import { useState, type FormEvent } from 'react';
import { Alert, Button, errorMessage, TextField, usePageTitle, useQuery, useSearchParams } from '@shop/web-kit';
import { OrderDetails } from '../components/OrderDetails';
import { GuestOrderDocument } from '../gql/graphql';
import { orderKeys } from '../shop';

/** A guest's order by number + access key (remembered in this browser after checkout), followed live. */
export default function TrackPage() {
  const [params, setParams] = useSearchParams();
  const number = params.get('number') ?? '';
  const [accessKey, setAccessKey] = useState(() => orderKeys()[number] ?? '');
  const [lookup, setLookup] = useState(() => (number && orderKeys()[number] ? { number, accessKey: orderKeys()[number] } : null));
  const [typedNumber, setTypedNumber] = useState(number);
  usePageTitle(lookup ? `Order ${lookup.number}` : 'Track your order');
  const { data, loading, error, refetch } = useQuery(GuestOrderDocument, { variables: lookup ?? { number: '', accessKey: '' }, skip: !lookup });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { number: typedNumber.trim(), accessKey: accessKey.trim() };
    setLookup(next);
    setParams({ number: next.number }, { replace: true });
  };

  if (lookup && data?.guestOrder) {
    return <OrderDetails order={data.guestOrder} accessKey={lookup.accessKey} placed={params.get('placed') === '1'} onChange={refetch} />;
  }
  return (
    <>
      <h1>Track your order</h1>
      <p>Enter the order number and the access key from your confirmation.</p>
      {lookup && data && !data.guestOrder && <Alert tone="error">No order matches this number and access key.</Alert>}
      {error && <Alert tone="error">{error.code === 'NOT_FOUND' ? 'No order matches this number and access key.' : errorMessage(error)}</Alert>}
      <form onSubmit={submit} aria-label="Find your order" className="sf-narrow">
        <TextField label="Order number" required value={typedNumber} onChange={(e) => setTypedNumber(e.target.value)} placeholder="SO-2611-7KQ4M2" />
        <TextField label="Access key" required value={accessKey} onChange={(e) => setAccessKey(e.target.value)} autoComplete="off" />
        <Button type="submit" busy={loading}>Find my order</Button>
      </form>
    </>
  );
}
