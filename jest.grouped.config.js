// `npm test`'s whole run: one suite per group of test files (test/suite-groups.js explains why and
// how), instead of one per file as in jest.config.js, which runs named files (`npm test -- test/spec`)
// and editors' single-file runs (the group files are not `*.test.ts`, so it never runs them).
// Same environment, transform and setup; only the suites and their order differ.
const path = require('path');
const base = require('./jest.config.js');
const { suites } = require('./test/suite-groups');

const { groups, alone } = suites(path.join(__dirname, 'test'));

module.exports = {
  ...base,
  // Slowest first, a group sized by its files when there is no timing from an earlier run.
  testSequencer: '<rootDir>/test/group-sequencer.js',
  testMatch: [...groups.keys(), ...alone].map((file) => `<rootDir>/${path.relative(__dirname, file).split(path.sep).join('/')}`),
};
