// Jest's own order (failed last time first, then the slowest first by the last run's times), except
// when no suite has a recorded time (a fresh clone): then jest falls back to file size, and every
// `tests.group.ts` is a 4-line file, so the groups would start in any order and the largest could
// run alone at the end. Here a suite is then sized by the test files it runs.
const fs = require('fs');
const Sequencer = require('@jest/test-sequencer').default;
const { suites } = require('./suite-groups');

const bytes = (files) => files.reduce((sum, f) => sum + fs.statSync(f).size, 0);

class GroupSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((t) => t.duration != null || this.hasFailed(t))) return sorted;
    const { groups } = suites(__dirname);
    const size = new Map(sorted.map((t) => [t.path, bytes(groups.get(t.path) ?? [t.path])]));
    return sorted.sort((a, b) => size.get(b.path) - size.get(a.path));
  }
}

module.exports = GroupSequencer;
