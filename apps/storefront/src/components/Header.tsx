import { Button, Link, NavLink, useAuth, useNavigate, useQuery } from '@shop/web-kit';
import { CartCountDocument } from '../gql/graphql';
import { SearchBox } from './SearchBox';

export function Header() {
  const { status, user, auth } = useAuth();
  const navigate = useNavigate();
  const cart = useQuery(CartCountDocument);
  const count = cart.data?.cart?.itemCount ?? 0;

  const signOut = async () => {
    await auth.signOut();
    navigate('/');
  };

  return (
    <div className="sf-header">
      <Link to="/" className="sf-brand">Shop</Link>
      <SearchBox />
      <nav aria-label="Account and cart" className="sf-nav">
        <NavLink to="/cart">
          Cart <span className="sf-badge" data-testid="cart-count" aria-label={`${count} items`}>{count}</span>
        </NavLink>
        {status === 'signed-in' ? (
          <>
            <NavLink to="/account">{user?.name || 'Account'}</NavLink>
            <Button variant="link" onClick={() => void signOut()}>Sign out</Button>
          </>
        ) : (
          <>
            <NavLink to="/sign-in">Sign in</NavLink>
            <NavLink to="/sign-up">Sign up</NavLink>
          </>
        )}
      </nav>
    </div>
  );
}
