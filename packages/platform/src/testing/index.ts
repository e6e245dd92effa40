export * from './databases';
export * from './statements';
