import { AuthProvider, BrowserRouter, createAuth, createShopClient, ShopClientProvider } from '@shop/web-kit';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './admin.css';

// Keycloak (authorization code + PKCE) when the build has VITE_OIDC_AUTHORITY and VITE_OIDC_CLIENT_ID; else the built-in issuer.
const auth = createAuth({ storageKey: 'shop.admin.session', env: import.meta.env, callbackPath: '/admin/auth/callback' });
const client = createShopClient({ auth });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider auth={auth}>
      <ShopClientProvider client={client}>
        <BrowserRouter basename="/admin">
          <App />
        </BrowserRouter>
      </ShopClientProvider>
    </AuthProvider>
  </StrictMode>,
);
