// Benchmark baseline only: the "default" jest setup that type-checks every test file with ts-jest.
// `npm test` uses @swc/jest and type-checks once with `tsc --noEmit` instead.
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '..',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
