export * from './databases';
export * from './statements';
export * from './identity';
