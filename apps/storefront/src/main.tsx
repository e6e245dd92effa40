import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider, BrowserRouter, ShopClientProvider } from '@shop/web-kit';
import { App } from './App';
import { auth, client } from './shop';
import './storefront.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider auth={auth}>
      <ShopClientProvider client={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </ShopClientProvider>
    </AuthProvider>
  </StrictMode>,
);
