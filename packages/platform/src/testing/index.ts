export * from './databases';
export * from './statements';
export * from './identity';
export * from './storefront-queries';
export * from './redis-server';
export * from './server-errors';
export * from './until';
