export { startGateway, type GatewayOptions } from './gateway';
export { composeSupergraph, CompositionError, type SubgraphDefinition } from './composition';
export { subgraphsIn, urlVariableFor } from './supergraph';
export type { GatewayContext } from './request-scope';
export { shopWebApps, type WebApp } from './web-apps';
export { entityCacheStore, memoryCacheStore, redisCacheStore, tieredCacheStore, type CacheStore, type EntityCacheOptions } from './entity-cache';
