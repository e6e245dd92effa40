import { errorCode, type ShopClient } from '@shop/web-kit';
import { MergeGuestCartDocument } from './gql/graphql';
import { cartSession } from './shop';

/** After sign-in or sign-up: the guest's cart moves into the customer's, once; the guest session is then done. */
export async function mergeGuestCart(client: ShopClient): Promise<void> {
  if (!cartSession.get()) return;
  try {
    await client.request(MergeGuestCartDocument, undefined);
  } catch (error) {
    // Unreachable shop: keep the session to merge next time; any refusal (an expired guest cart) ends it.
    if (errorCode(error) === 'NETWORK') throw error;
  }
  cartSession.clear();
  client.refetchActive();
}
