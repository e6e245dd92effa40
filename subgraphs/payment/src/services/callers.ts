import { assertCustomer, forbidden, isService, type Viewer } from '@shop/platform';

/** A signed-in shopper (customer or staff acting as one). A service token names nobody: it has no cards or payments of its own. */
export function assertShopper(viewer: Viewer): string {
  if (isService(viewer)) throw forbidden('A service has no payment methods or payments of its own.');
  return assertCustomer(viewer);
}
