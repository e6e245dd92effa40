import { lazy, Suspense } from 'react';
import { Layout, Link, Route, Routes, Spinner } from '@shop/web-kit';
import { Header } from './components/Header';
import { HomePage } from './pages/HomePage';

// Every page but the home page is its own chunk, loaded when first visited.
const SearchPage = lazy(() => import('./pages/SearchPage'));
const CategoryPage = lazy(() => import('./pages/CategoryPage'));
const ProductPage = lazy(() => import('./pages/ProductPage'));
const CartPage = lazy(() => import('./pages/CartPage'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage'));
const SignInPage = lazy(() => import('./pages/SignInPage'));
const SignUpPage = lazy(() => import('./pages/SignUpPage'));
const AuthCallbackPage = lazy(() => import('./pages/AuthCallbackPage'));
const OrderPage = lazy(() => import('./pages/OrderPage'));
const TrackPage = lazy(() => import('./pages/TrackPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <Layout header={<Header />} footer={<p>Demo shop · test card 4242 4242 4242 4242 · <Link to="/track">Track a guest order</Link></p>}>
      <Suspense fallback={<Spinner label="Loading the page…" />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/c/:slug" element={<CategoryPage />} />
          <Route path="/products/:slug" element={<ProductPage />} />
          <Route path="/cart" element={<CartPage />} />
          <Route path="/checkout" element={<CheckoutPage />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
          <Route path="/auth/callback" element={<AuthCallbackPage />} />
          <Route path="/orders/:number" element={<OrderPage />} />
          <Route path="/track" element={<TrackPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
