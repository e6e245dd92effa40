import { useState, type FormEvent } from 'react';
import {
  Alert, Button, CheckboxField, errorMessage, formatMoney, Link, Navigate, SelectField, TextField, useAuth, useMutation,
  usePageTitle, useQuery,
} from '@shop/web-kit';
import { QueryStatus } from '../components/QueryStatus';
import { STATUS_WORDS } from '../components/OrderDetails';
import {
  AccountDocument, AddAddressDocument, DeleteAddressDocument, SetDefaultAddressDocument, UpdateNotificationPreferencesDocument,
  type AccountQuery, type AddressType, type NotificationPreferencesInput,
} from '../gql/graphql';

type Me = NonNullable<AccountQuery['me']>;

const SWITCHES: Array<{ key: keyof NotificationPreferencesInput; label: string; hint?: string }> = [
  { key: 'emailEnabled', label: 'Email' },
  { key: 'smsEnabled', label: 'Text messages (SMS)' },
  { key: 'pushEnabled', label: 'Push notifications' },
  { key: 'orderUpdates', label: 'Order updates', hint: 'Shipping and delivery news. Confirmations and refunds are always emailed.' },
  { key: 'marketingEmails', label: 'Newsletter' },
  { key: 'promotionalOffers', label: 'Offers and promotions' },
  { key: 'securityAlerts', label: 'Security alerts' },
];

/** Orders, addresses, loyalty points and notification switches of the signed-in customer. */
export default function AccountPage() {
  usePageTitle('Your account');
  const { status } = useAuth();
  const { data, loading, error, refetch } = useQuery(AccountDocument, { skip: status !== 'signed-in' });
  if (status === 'signed-out') return <Navigate to="/sign-in?returnTo=/account" replace />;
  const me = data?.me;
  if (!me || !data) return <QueryStatus loading={loading || status === 'loading'} error={error} retry={refetch} what="your account" />;

  return (
    <>
      <h1>Hello, {me.firstName}</h1>
      <p className="sf-muted">{me.email}</p>
      <div className="sf-account">
        <section aria-labelledby="orders-heading">
          <h2 id="orders-heading">Your orders</h2>
          {data.myOrders.edges.length === 0 ? (
            <p>No orders yet.</p>
          ) : (
            <ul className="sf-orders">
              {data.myOrders.edges.map(({ node }) => (
                <li key={node.id}>
                  <Link to={`/orders/${node.number}`}>{node.number}</Link> · {STATUS_WORDS[node.status]} · {formatMoney(node.total)} ·{' '}
                  <time dateTime={node.placedAt}>{new Date(node.placedAt).toLocaleDateString()}</time>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Loyalty loyalty={me.loyalty} />
        <Addresses me={me} />
        <Preferences prefs={me.notificationPreferences} />
      </div>
    </>
  );
}

function Loyalty({ loyalty }: { loyalty: Me['loyalty'] }) {
  return (
    <section aria-labelledby="loyalty-heading">
      <h2 id="loyalty-heading">Loyalty points</h2>
      <p>
        <strong data-testid="loyalty-balance">{loyalty.pointsBalance}</strong> points to spend · tier {loyalty.tier.toLowerCase()}
        {loyalty.pointsToNextTier != null && ` · ${loyalty.pointsToNextTier} points to the next tier`}
      </p>
      {loyalty.transactions.length > 0 && (
        <ul>
          {loyalty.transactions.map((t) => (
            <li key={t.id}>{t.pointsChange > 0 ? `+${t.pointsChange}` : t.pointsChange} · {t.reason} · <time dateTime={t.createdAt}>{new Date(t.createdAt).toLocaleDateString()}</time></li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ADDRESS_TYPES: Array<{ value: AddressType; label: string }> = [
  { value: 'BOTH', label: 'Shipping and billing' },
  { value: 'SHIPPING', label: 'Shipping' },
  { value: 'BILLING', label: 'Billing' },
];

function Addresses({ me }: { me: Me }) {
  const [add, adding] = useMutation(AddAddressDocument, { refetchActive: true });
  const [remove, removing] = useMutation(DeleteAddressDocument, { refetchActive: true });
  const [makeDefault, defaulting] = useMutation(SetDefaultAddressDocument, { refetchActive: true });
  const empty = { type: 'BOTH' as AddressType, label: '', streetLine1: '', city: '', stateProvince: '', postalCode: '', countryCode: 'US' };
  const [form, setForm] = useState(empty);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const failure = adding.error ?? removing.error ?? defaulting.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await add({ input: { ...form, label: form.label || undefined, countryCode: form.countryCode.toUpperCase() } }).then(() => setForm(empty), () => undefined);
  };

  return (
    <section aria-labelledby="addresses-heading">
      <h2 id="addresses-heading">Addresses</h2>
      {failure && <Alert tone="error">{errorMessage(failure)}</Alert>}
      <ul className="sf-addresses">
        {me.addresses.map((a) => (
          <li key={a.id}>
            <address>{a.label && <strong>{a.label}: </strong>}{a.streetLine1}, {a.postalCode} {a.city}, {a.countryCode}</address>
            {a.isDefault ? <span className="sf-muted"> (default)</span> : (
              <Button variant="link" onClick={() => void makeDefault({ id: a.id }).catch(() => undefined)}>Make default</Button>
            )}{' '}
            <Button variant="link" onClick={() => void remove({ id: a.id }).catch(() => undefined)} aria-label={`Delete the address ${a.streetLine1}`}>Delete</Button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} aria-label="Add an address">
        <h3>Add an address</h3>
        <SelectField label="Use for" value={form.type} onChange={set('type')} options={ADDRESS_TYPES} />
        <TextField label="Label (optional)" value={form.label} onChange={set('label')} placeholder="Home" />
        <TextField label="Street address" required value={form.streetLine1} onChange={set('streetLine1')} autoComplete="address-line1" />
        <div className="sf-row">
          <TextField label="City" required value={form.city} onChange={set('city')} autoComplete="address-level2" />
          <TextField label="State or province" required value={form.stateProvince} onChange={set('stateProvince')} autoComplete="address-level1" />
          <TextField label="Postal code" required value={form.postalCode} onChange={set('postalCode')} autoComplete="postal-code" />
          <TextField label="Country code" required maxLength={2} value={form.countryCode} onChange={set('countryCode')} hint="Two letters, e.g. US" />
        </div>
        <Button type="submit" busy={adding.loading}>Save address</Button>
      </form>
    </section>
  );
}

function Preferences({ prefs }: { prefs: Me['notificationPreferences'] }) {
  const [update, updating] = useMutation(UpdateNotificationPreferencesDocument, { refetchActive: true });
  if (!prefs) return null;
  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">Notifications</h2>
      {updating.error && <Alert tone="error">{errorMessage(updating.error)}</Alert>}
      {SWITCHES.map((s) => (
        <CheckboxField
          key={s.key}
          label={s.label}
          hint={s.hint}
          checked={prefs[s.key]}
          disabled={updating.loading}
          onChange={(e) => void update({ input: { [s.key]: e.target.checked } }).catch(() => undefined)}
        />
      ))}
    </section>
  );
}
