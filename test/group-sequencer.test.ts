import { statSync } from 'fs';
import { join } from 'path';

/*
 * The grouped run's order (test/group-sequencer.js): jest's rules (last run's failures first, then
 * the slowest by the last run's times) and, with no times yet (a fresh clone), a group sized by
 * the test files it runs rather than by its 4-line group file.
 */

interface FakeTest {
  path: string;
  context: { config: { cache: boolean; id: string; cacheDirectory: string }; hasteFS: { getSize(path: string): number } };
  duration?: number;
}
interface Sequencer {
  sort(tests: FakeTest[]): FakeTest[];
  _cache: Map<unknown, Record<string, [number, number]>>;
}
const GroupSequencer = require('./group-sequencer') as new (options: unknown) => Sequencer;

// As jest's context gives them: the config, and file sizes from its haste map.
const context = {
  config: { cache: false, id: 'grouped', cacheDirectory: '/nonexistent' },
  hasteFS: { getSize: (file: string) => statSync(file).size },
};
const suite = (relativePath: string): FakeTest => ({ path: join(__dirname, relativePath), context });
const order = (tests: FakeTest[]) => tests.map((t) => t.path.slice(__dirname.length + 1));

const SUITES = ['cli/tests.group.ts', 'lifecycle/lab-registry.test.ts', 'targets/tests.group.ts', 'lifecycle/kops/tests.group.ts'];

test('no times yet: the group that runs the most test code first, a lone file sized by itself', () => {
  const sorted = new GroupSequencer({}).sort(SUITES.map(suite));
  // targets: 24 files (~136 kB); cli: 6 files (~27 kB); lifecycle/kops: 3 files (~27 kB); lab-registry: one file.
  expect(order(sorted)[0]).toBe('targets/tests.group.ts');
  expect(order(sorted).at(-1)).toBe('lifecycle/lab-registry.test.ts');
});

test("with times: jest's order, last run's failures first, then the slowest; a suite without a time before the timed ones", () => {
  const sequencer = new GroupSequencer({});
  const SUCCESS = 1;
  const FAIL = 0;
  sequencer._cache.set(context, {
    [join(__dirname, 'targets/tests.group.ts')]: [SUCCESS, 4000],
    [join(__dirname, 'cli/tests.group.ts')]: [SUCCESS, 9000],
    [join(__dirname, 'lifecycle/lab-registry.test.ts')]: [FAIL, 100],
  });
  expect(order(sequencer.sort(SUITES.map(suite)))).toEqual([
    'lifecycle/lab-registry.test.ts',
    'lifecycle/kops/tests.group.ts',
    'cli/tests.group.ts',
    'targets/tests.group.ts',
  ]);
});
