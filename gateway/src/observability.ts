import { scrapedGauge } from '@shop/platform';

interface SubscriptionCounts {
  connectionCount(): number;
  listenerCount(): number;
}

/** The running gateways of this process (tests start several), read at each scrape. */
const gateways = new Set<SubscriptionCounts>();
const total = (count: (g: SubscriptionCounts) => number) => () => [...gateways].reduce((sum, g) => sum + count(g), 0);

scrapedGauge('shop_gateway_subscription_connections', 'Open WebSocket (graphql-ws) connections of the gateway', total((g) => g.connectionCount()));
scrapedGauge('shop_gateway_subscriptions', 'Live order-tracking subscriptions (order feed listeners) of the gateway', total((g) => g.listenerCount()));

/** Counts a gateway's subscriptions in /metrics until the returned function is called (it stops). */
export function watchSubscriptions(counts: SubscriptionCounts): () => void {
  gateways.add(counts);
  return () => gateways.delete(counts);
}
