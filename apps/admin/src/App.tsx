import { Button, Layout, NavLink, Navigate, Route, Routes, Spinner, useAuth, useLocation } from '@shop/web-kit';
import { Categories, BrandsPage, Reviews } from './pages/Catalog';
import { CustomerDetail, Customers } from './pages/Customers';
import { Dashboard } from './pages/Dashboard';
import { Discounts } from './pages/Discounts';
import { Notifications } from './pages/Notifications';
import { OrderDetail, Orders } from './pages/Orders';
import { ProductDetail } from './pages/ProductDetail';
import { NewProduct, Products } from './pages/Products';
import { OidcCallback, SignIn } from './pages/SignIn';
import { Stock } from './pages/Stock';
import { System } from './pages/System';
import { PageTitle } from './ui';

/** Staff are accounts with the admin role (the built-in issuer's staff account, or a Keycloak user given that role). */
export const STAFF_ROLE = 'admin';

const SECTIONS: Array<[string, string]> = [
  ['/', 'Dashboard'], ['/orders', 'Orders'], ['/products', 'Products'], ['/categories', 'Categories'], ['/brands', 'Brands & attributes'],
  ['/reviews', 'Reviews'], ['/stock', 'Stock'], ['/customers', 'Customers'], ['/discounts', 'Discount codes'],
  ['/notifications', 'Notifications'], ['/system', 'Events & search'],
];

export function App() {
  const { status, user, auth } = useAuth();
  const { pathname } = useLocation();
  if (pathname === '/auth/callback') return <OidcCallback />;
  if (status === 'loading') return <Spinner label="Checking your session…" />;
  if (status === 'signed-out' || !user) return <SignIn />;
  if (!user.roles.includes(STAFF_ROLE)) {
    return (
      <Layout header={<strong>Shop admin</strong>}>
        <PageTitle>Staff only</PageTitle>
        <p role="alert" className="error" data-testid="not-staff">
          {user.email} is not a staff account, so it cannot use the admin app. Sign out and sign in with a staff account.
        </p>
        <Button onClick={() => void auth.signOut()}>Sign out</Button>
      </Layout>
    );
  }
  const header = (
    <div className="admin-header">
      <strong className="brand">Shop admin</strong>
      <nav aria-label="Sections">
        <ul>
          {SECTIONS.map(([to, label]) => <li key={to}><NavLink to={to} end={to === '/'}>{label}</NavLink></li>)}
        </ul>
      </nav>
      <span className="who">
        {user.email} <Button variant="secondary" onClick={() => void auth.signOut()}>Sign out</Button>
      </span>
    </div>
  );
  return (
    <Layout header={header}>
      <Routes>
        <Route path="/" element={<Dashboard />} />
        <Route path="/orders" element={<Orders />} />
        <Route path="/orders/:number" element={<OrderDetail />} />
        <Route path="/products" element={<Products />} />
        <Route path="/products/new" element={<NewProduct />} />
        <Route path="/products/:id" element={<ProductDetail />} />
        <Route path="/categories" element={<Categories />} />
        <Route path="/brands" element={<BrandsPage />} />
        <Route path="/reviews" element={<Reviews />} />
        <Route path="/stock" element={<Stock />} />
        <Route path="/customers" element={<Customers />} />
        <Route path="/customers/:id" element={<CustomerDetail />} />
        <Route path="/discounts" element={<Discounts />} />
        <Route path="/notifications" element={<Notifications />} />
        <Route path="/system" element={<System />} />
        <Route path="/sign-in" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>There is no such page in the admin app. Use the navigation above.</p>
    </>
  );
}
