import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';

/*
 * npm test's grouping of test files into suites (test/suite-groups.js): every file of the default
 * tier runs exactly once, in the group nearest to it or on its own when it changes the module
 * registry; the grouped config runs exactly those suites; named files go to the per-file config.
 */

interface SuiteGroups {
  GROUP_FILE: string;
  suites(root: string): { groups: Map<string, string[]>; alone: string[] };
  testFilesUnder(dir: string): string[];
  choosesSuites(args: readonly string[]): boolean;
}
const groups = require('./suite-groups') as SuiteGroups;
const ROOT = __dirname;
const PROJECT = dirname(ROOT);

/** A scratch test tree: file path (relative) → content. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'orquesta-test-groups-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}

function relativeSuites(root: string): { groups: Record<string, string[]>; alone: string[] } {
  const found = groups.suites(root);
  return {
    groups: Object.fromEntries([...found.groups].map(([group, members]) => [relative(root, group), members.map((m) => relative(root, m))])),
    alone: found.alone.map((f) => relative(root, f)),
  };
}

describe('grouping', () => {
  test('each file goes to the nearest group file above it; a file that mocks modules, and one no group takes, run alone', () => {
    const root = tree({
      'a.test.ts': "test('a', () => {});",
      'x/tests.group.ts': '',
      'x/b.test.ts': "test('b', () => {});",
      'x/y/c.test.ts': "test('c', () => {});",
      'x/y/mocks.test.ts': "jest.mock('fs');",
      'x/y/plan.tf.test.ts': '',
      'x/y/pack.slow.test.ts': '',
      'x/y/helper.ts': '',
      'z/d.test.ts': "test('d', () => {});",
    });
    expect(relativeSuites(root)).toEqual({
      groups: { 'x/tests.group.ts': ['x/b.test.ts', 'x/y/c.test.ts'] },
      alone: ['a.test.ts', 'x/y/mocks.test.ts', 'z/d.test.ts'],
    });
    writeFileSync(join(root, 'tests.group.ts'), '');
    expect(relativeSuites(root)).toEqual({
      groups: { 'tests.group.ts': ['a.test.ts', 'z/d.test.ts'], 'x/tests.group.ts': ['x/b.test.ts', 'x/y/c.test.ts'] },
      alone: ['x/y/mocks.test.ts'],
    });
  });

  test.each(['jest.mock(', 'jest.doMock(', 'jest.unmock(', 'jest.resetModules(', 'jest.isolateModules('])(
    'a file calling %s gets its own module registry',
    (call) => {
      const root = tree({ 'tests.group.ts': '', 'a.test.ts': `${call}'x');`, 'b.test.ts': "jest.fn(); // not jest.mock's cousin" });
      expect(relativeSuites(root)).toEqual({ groups: { 'tests.group.ts': ['b.test.ts'] }, alone: ['a.test.ts'] });
    },
  );
});

describe("this repository's suites", () => {
  const { groups: found, alone } = groups.suites(ROOT);
  const members = [...found.values()].flat();

  test('every test file of the default tier runs exactly once, grouped or alone', () => {
    const all = groups.testFilesUnder(ROOT);
    expect(all.length).toBeGreaterThan(80);
    expect([...members, ...alone].sort()).toEqual(all);
    expect(new Set(members).size).toBe(members.length);
  });

  test('the files that mock modules run alone; the root group takes the files at the top', () => {
    expect(alone.map((f) => relative(ROOT, f))).toEqual(['cli/output-replacement.test.ts', 'lifecycle/lab-registry.test.ts']);
    expect(found.get(join(ROOT, groups.GROUP_FILE))).toContain(join(ROOT, 'suite-groups.test.ts'));
  });

  test('the grouped config runs the group files and the lone files, nothing else', () => {
    const config = require(join(PROJECT, 'jest.grouped.config.js')) as { testMatch: string[] };
    const expected = [...found.keys(), ...alone].map((f) => `<rootDir>/${relative(PROJECT, f)}`);
    expect([...config.testMatch].sort()).toEqual(expected.sort());
  });
});

describe('npm test arguments', () => {
  test.each([
    [[], false],
    [['--silent'], false],
    [['--json', '--outputFile', 'results.json'], false],
    [['-t', 'kops'], false],
    [['--testNamePattern=kops'], false],
    [['-w', '2', '--ci'], false],
    [['--cacheDirectory', '/tmp/jest-cache'], false],
    [['--cache-directory=/tmp/jest-cache', '--coverage'], false],
    [['--reporters', 'default', 'github-actions', '--silent'], false],
    [['--shard', '1/2'], false],
    [['--onlyChanged'], true],
    [['-o'], true],
    [['--watch'], true],
    [['--watchAll=false', '--ci'], false],
    [['--no-watch'], false],
    [['-c', 'jest.terraform.config.js'], true],
    [['test/spec'], true],
    [['--silent', 'kops-stack'], true],
    [['--testPathPatterns', 'report'], true],
    [['--config', 'jest.slow.config.js'], true],
  ])('%j: per-file config %s', (args, perFile) => {
    expect(groups.choosesSuites(args)).toBe(perFile);
  });
});
