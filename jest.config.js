// One jest run over every workspace; each test file gets its own databases (see packages/platform/src/testing).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/embedded'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    // Prisma's generated client and our sources import './x.js' meaning './x.ts'.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@shop/platform$': '<rootDir>/packages/platform/src/index.ts',
    '^@shop/platform/(.*)$': '<rootDir>/packages/platform/src/$1',
    '^@shop/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@shop/gateway/(.*)$': '<rootDir>/gateway/src/$1',
    '^@shop/catalog$': '<rootDir>/subgraphs/catalog/src/index.ts',
    '^@shop/customer$': '<rootDir>/subgraphs/customer/src/index.ts',
    '^@shop/order$': '<rootDir>/subgraphs/order/src/index.ts',
    '^@shop/inventory$': '<rootDir>/subgraphs/inventory/src/index.ts',
    '^@shop/payment$': '<rootDir>/subgraphs/payment/src/index.ts',
    '^@shop/cart$': '<rootDir>/subgraphs/cart/src/index.ts',
    '^@shop/notification$': '<rootDir>/subgraphs/notification/src/index.ts',
    '^@shop/notification/(.*)$': '<rootDir>/subgraphs/notification/src/$1',
    '^@shop/search$': '<rootDir>/subgraphs/search/src/index.ts',
    '^@shop/search/(.*)$': '<rootDir>/subgraphs/search/src/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
  maxWorkers: 2,
  setupFiles: ['<rootDir>/jest.setup.js'],
  // The machine's PostgreSQL and Redis, or an embedded PostgreSQL and the in-process adapters (see README, Testing).
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
};
