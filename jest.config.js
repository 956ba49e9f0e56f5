/** Type-checking happens once in `npm test` (tsc --noEmit); jest only transpiles with swc. */
module.exports = {
  testEnvironment: '<rootDir>/test/jest-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Real-terraform tests run in their own tier (npm run test:terraform), tests that spawn whole
  // tools (npm pack + install, a child jest) in theirs (npm run test:slow).
  testPathIgnorePatterns: ['/node_modules/', '\\.tf\\.test\\.ts$', '\\.slow\\.test\\.ts$'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // cdktf's token creation stacks formatted as outside jest, not source-mapped frame by frame.
  setupFiles: ['<rootDir>/test/plain-creation-stacks.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 30000,
  // Jest defaults to cores - 1 workers: one on a 2-core machine, where the suites are CPU-bound.
  maxWorkers: '100%',
};
