import { Alert, Button, Layout, Spinner, useAuth, useNavigate } from '@shop/web-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, Field, PageTitle, formValues } from '../ui';

export function SignIn() {
  const { auth } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(credentials?: { email: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      await auth.signIn(credentials, location.pathname + location.search);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email, password } = formValues(event.currentTarget);
    void signIn({ email, password });
  }

  return (
    <Layout header={<strong>Shop admin</strong>}>
      <div className="sign-in">
        <PageTitle>Staff sign-in</PageTitle>
        {auth.kind === 'oidc' ? (
          <>
            <p>Staff sign in with the shop's identity provider.</p>
            <Button busy={busy} onClick={() => void signIn()}>
              Sign in with Keycloak
            </Button>
          </>
        ) : (
          <form onSubmit={submit} className="form" aria-label="Staff sign-in">
            <Field label="Email"><input name="email" type="email" autoComplete="username" required autoFocus /></Field>
            <Field label="Password"><input name="password" type="password" autoComplete="current-password" required /></Field>
            <Button type="submit" busy={busy}>Sign in</Button>
          </form>
        )}
        {error ? (isWrongPassword(error) ? <Alert tone="error">That email and password do not match a staff account.</Alert> : <ErrorNotice error={error} />) : null}
      </div>
    </Layout>
  );
}

function isWrongPassword(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT';
}

/** Keycloak sends staff back here with the authorization code; the kit trades it (PKCE) for tokens. */
export function OidcCallback() {
  const { auth } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    auth.completeSignIn?.().then((to) => navigate(to.replace(/^\/admin/, '') || '/', { replace: true }), setError);
  }, [auth, navigate]);
  return (
    <Layout header={<strong>Shop admin</strong>}>
      {error ? <ErrorNotice error={error} /> : <Spinner label="Signing you in…" />}
    </Layout>
  );
}
