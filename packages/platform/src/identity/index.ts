export * from './authorization';
export * from './request';
export * from './suspensions';
export * from './tokens';
export * from './viewer';
export * from './config';
export * from './service-tokens';
export * from './gateway-headers';
