// The slower tier (npm run test:slow): tests that spawn whole tools (npm pack + npm install of the
// package into a scratch project, a child jest run). Minutes rather than seconds, so not in `npm test`.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.slow.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600000,
};
