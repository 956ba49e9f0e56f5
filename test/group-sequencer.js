// Jest's default order (failed last time first, then the slowest first by the last run's times),
// except that a suite with no recorded time is sized by the test files it runs: every
// `tests.group.ts` is a 4-line file, so jest's own fallback (file size) would order the groups at
// random on a fresh clone, and the largest could start last and run alone at the end.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;
const { GROUP_FILE, membersOf } = require('./suite-groups');

const ROOT = __dirname;

/** Bytes of test code the suite at `file` runs: its group's members, or the file itself. */
function suiteSize(file) {
  const files = path.basename(file) === GROUP_FILE ? membersOf(file, ROOT) : [file];
  return files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
}

class GroupSequencer extends Sequencer {
  sort(tests) {
    const sizes = new Map(tests.map((t) => [t.path, suiteSize(t.path)]));
    for (const test of tests) test.duration = this.time(test);
    return [...tests].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      if (failed !== 0) return failed;
      const timed = Number(a.duration != null) - Number(b.duration != null);
      if (timed !== 0) return timed;
      if (a.duration != null && b.duration != null) return b.duration - a.duration;
      return sizes.get(b.path) - sizes.get(a.path);
    });
  }
}

module.exports = GroupSequencer;
