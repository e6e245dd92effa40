import { useState, type FormEvent } from 'react';
import { Alert, Button, errorMessage, Link, TextField, useAuth, useNavigate, usePageTitle, useSearchParams, useShopClient } from '@shop/web-kit';
import { mergeGuestCart } from '../session';

/** Where to go after signing in: a path on this site only. */
export function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function SignInPage() {
  usePageTitle('Sign in');
  const { auth } = useAuth();
  const client = useShopClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturn(params.get('returnTo'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (auth.kind === 'oidc') {
    return (
      <>
        <h1>Sign in</h1>
        <p>You sign in (or create an account) on the shop's sign-in page.</p>
        <Button onClick={() => void auth.signIn(undefined, returnTo)}>Continue to sign in</Button>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.signIn({ email: email.trim(), password });
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
      <h1>Sign in</h1>
      {error !== null && <Alert tone="error">{errorMessage(error)}</Alert>}
      <form onSubmit={(e) => void submit(e)} className="sf-narrow" aria-label="Sign in">
        <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" busy={busy}>Sign in</Button>
      </form>
      <p>New here? <Link to={`/sign-up?returnTo=${encodeURIComponent(returnTo)}`}>Create an account</Link>. Your cart comes with you.</p>
    </>
  );
}
