import { asAdmin, type GraphQLResult, type InventoryHarness } from './harness';

/** The GraphQL operations the tests send, written once. */
const RESERVATION_FIELDS = 'id orderId quantity status expiresAt variant { id }';

export const RESERVE = `mutation Reserve($input: ReserveStockInput!) {
  reserveStock(input: $input) { orderId reservations { ${RESERVATION_FIELDS} } }
}`;
export const COMMIT = `mutation ($orderId: ID!) { commitReservations(orderId: $orderId) { ${RESERVATION_FIELDS} } }`;
export const RELEASE = `mutation ($orderId: ID!) { releaseReservations(orderId: $orderId) { ${RESERVATION_FIELDS} } }`;
export const FULFIL = `mutation ($orderId: ID!) { fulfilReservations(orderId: $orderId) { ${RESERVATION_FIELDS} } }`;
export const RESTOCK = `mutation ($input: RestockInput!) { restockInventory(input: $input) { id quantityAvailable lastRestockedAt } }`;
export const RECONCILIATION = `{ inventoryReconciliation { item { id } quantityAvailable ledgerAvailable quantityReserved ledgerReserved
  quantityCommitted ledgerCommitted reservationsActive reservationsCommitted } }`;
export const ITEM = `query ($variantId: ID!) { inventoryItem(variantId: $variantId) {
  id sku quantityAvailable quantityReserved quantityCommitted lowStockThreshold version
  ledger(first: 50) { edges { node { type quantityChange reservedChange committedChange referenceId referenceType reason createdBy } } }
} }`;

export interface Line {
  variantId: string;
  quantity: number;
}

export function reserve(h: InventoryHarness, orderId: string, lines: Line[], extra: { ttlSeconds?: number } = {}, headers = asAdmin()): Promise<GraphQLResult> {
  return h.query(RESERVE, { input: { orderId, lines, ...extra } }, headers);
}

export async function reconciliationOf(h: InventoryHarness): Promise<any[]> {
  const { data, errors } = await h.query(RECONCILIATION, {}, asAdmin());
  if (errors) throw new Error(JSON.stringify(errors));
  return data.inventoryReconciliation;
}
