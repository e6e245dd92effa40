export * from './databases';
export * from './statements';
export * from './identity';
export * from './storefront-queries';
export * from './redis-server';
export * from './redis-for-tests';
export * from './server-errors';
export * from './until';
