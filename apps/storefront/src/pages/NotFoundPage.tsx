import { Link, usePageTitle } from '@shop/web-kit';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>There is nothing at this address. <Link to="/">Back to the shop</Link></p>
    </>
  );
}
