import { useEffect, useRef, useState } from 'react';
import { Alert, Spinner, useAuth, useNavigate, usePageTitle, useShopClient } from '@shop/web-kit';
import { mergeGuestCart } from '../session';
import { safeReturn } from './SignInPage';

/** Keycloak sends the shopper back here with the authorization code (OIDC only). */
export default function AuthCallbackPage() {
  usePageTitle('Signing in');
  const { auth } = useAuth();
  const client = useShopClient();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    // The code can be traded once (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    if (!auth.completeSignIn) return navigate('/', { replace: true });
    auth.completeSignIn().then(
      async (returnTo) => {
        await mergeGuestCart(client).catch(() => undefined);
        navigate(safeReturn(returnTo), { replace: true });
      },
      () => setFailed(true),
    );
  }, [auth, client, navigate]);

  return failed ? <Alert tone="error" title="Sign-in did not complete.">Please try again.</Alert> : <Spinner label="Signing you in…" />;
}
