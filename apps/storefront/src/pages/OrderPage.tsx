import { Link, Navigate, useAuth, useLocation, usePageTitle, useParams, useQuery, useSearchParams } from '@shop/web-kit';
import { OrderDetails } from '../components/OrderDetails';
import { QueryStatus } from '../components/QueryStatus';
import { MyOrderDocument } from '../gql/graphql';

/** A fresh page per number: nothing of the previous one (its data, choices) shows while the next loads. */
export default function OrderPageRoute() {
  const { number } = useParams<{ number: string }>();
  return <OrderPage key={number} number={number} />;
}

/** A signed-in customer's order: confirmation after checkout and live tracking. */
function OrderPage({ number }: { number: string }) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const { status } = useAuth();
  usePageTitle(`Order ${number}`);
  const { data, loading, error, refetch } = useQuery(MyOrderDocument, { variables: { number }, skip: status !== 'signed-in' });

  if (status === 'signed-out') return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(pathname)}`} replace />;
  if (data && !data.order) {
    return (
      <>
        <h1>Order not found</h1>
        <p>No order {number} in your account. A guest order? <Link to="/track">Track it with its access key</Link>.</p>
      </>
    );
  }
  if (!data?.order) return <QueryStatus loading={loading || status === 'loading'} error={error} retry={refetch} what="your order" />;
  return <OrderDetails order={data.order} placed={params.get('placed') === '1'} onChange={refetch} />;
}
