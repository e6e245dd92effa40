import { useState, type FormEvent } from 'react';
import { Alert, Button, errorMessage, Link, TextField, useAuth, useNavigate, usePageTitle, useSearchParams, useShopClient } from '@shop/web-kit';
import { mergeGuestCart } from '../session';
import { safeReturn } from './SignInPage';

export default function SignUpPage() {
  usePageTitle('Create an account');
  const { auth } = useAuth();
  const client = useShopClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturn(params.get('returnTo'));
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  if (!auth.register) {
    return (
      <>
        <h1>Create an account</h1>
        <Button onClick={() => void auth.signIn(undefined, returnTo)}>Continue to the sign-in page</Button>
      </>
    );
  }
  const register = auth.register;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register({ ...form, email: form.email.trim() });
      await mergeGuestCart(client).catch(() => undefined);
      navigate(returnTo);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Create an account</h1>
      {error !== null && <Alert tone="error">{errorMessage(error)}</Alert>}
      <form onSubmit={(e) => void submit(e)} className="sf-narrow" aria-label="Create an account">
        <TextField label="First name" autoComplete="given-name" required value={form.firstName} onChange={set('firstName')} />
        <TextField label="Last name" autoComplete="family-name" required value={form.lastName} onChange={set('lastName')} />
        <TextField label="Email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        <TextField label="Password" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={set('password')} hint="At least 10 characters." />
        <Button type="submit" busy={busy}>Create account</Button>
      </form>
      <p>Already have an account? <Link to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`}>Sign in</Link></p>
    </>
  );
}
