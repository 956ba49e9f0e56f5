/** The real-terraform tier (`npm run test:terraform`): slow, needs terraform and the aws provider. */
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/*.tf.test.ts'], testPathIgnorePatterns: [], testTimeout: 180000 };
