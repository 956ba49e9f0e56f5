// How `npm test` groups the test files into suites (jest.grouped.config.js).
//
// Jest gives every test file its own module registry, so each file loads and evaluates again the
// ~20 MB of provider, cdktf and cdk8s code the targets use: ~120 ms per file even with the V8 code
// cache, a third of the run's CPU across ~90 files. `npm test` therefore runs one suite per group:
// a `tests.group.ts` file that requires every `*.test.ts` in its folder and in the subfolders that
// have no group file of their own, each inside a describe block named after the file, so its hooks
// stay scoped to it. The files of a group share one module registry; a file that needs its own
// (it calls jest.mock, jest.doMock, jest.unmock, jest.resetModules or jest.isolateModules) runs as
// its own suite. Every `*.test.ts` of the default tier is in exactly one group or on its own, by
// construction (the `test/` root has a group file); test/suite-groups.test.ts checks it.
//
// Naming files still runs them one by one with the per-file config: `npm test -- test/spec`.
const fs = require('fs');
const path = require('path');

/** The file that makes a folder a group. */
const GROUP_FILE = 'tests.group.ts';
/** The other tiers' files (npm run test:terraform, npm run test:slow), never part of `npm test`. */
const OTHER_TIERS = /\.(tf|slow)\.test\.ts$/;
/**
 * Calls that change the module registry, as statements (at the start of a line, so a test that
 * only mentions them in a string does not count): a file making one gets a registry of its own.
 */
const REGISTRY_CALLS = /^\s*jest\.(mock|doMock|unmock|resetModules|isolateModules)\(/m;

function isDefaultTierTest(name) {
  return name.endsWith('.test.ts') && !OTHER_TIERS.test(name);
}

function needsOwnRegistry(file) {
  return REGISTRY_CALLS.test(fs.readFileSync(file, 'utf8'));
}

/** The default tier's test files under `dir`, sorted, as absolute paths. */
function testFilesUnder(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFilesUnder(full));
    else if (entry.isFile() && isDefaultTierTest(entry.name)) found.push(full);
  }
  return found.sort();
}

/** The group file that takes `file`: the one in its folder or the nearest folder above it, up to `root`. */
function groupOf(file, root) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, GROUP_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.relative(root, dir) === '' || dir === path.dirname(dir)) return undefined;
  }
}

/**
 * The suites `npm test` runs under `root` (the test folder): per group file its members, and the
 * files that run on their own (they need their own module registry, or no group takes them).
 */
function suites(root) {
  const groups = new Map();
  const alone = [];
  for (const file of testFilesUnder(root)) {
    const group = needsOwnRegistry(file) ? undefined : groupOf(file, root);
    if (group === undefined) alone.push(file);
    else if (groups.has(group)) groups.get(group).push(file);
    else groups.set(group, [file]);
  }
  return { groups, alone };
}

/** The members of the group whose file is `groupFile`, under the test folder `root`. */
function membersOf(groupFile, root) {
  return suites(root).groups.get(groupFile) ?? [];
}

/** jest's own option table (jest-cli's yargs options): which options take values, and aliases. */
function jestOptions() {
  const cli = require(require.resolve('jest-cli', { paths: [path.dirname(require.resolve('jest'))] }));
  const byName = new Map();
  for (const [name, option] of Object.entries(cli.yargsOptions)) {
    const entry = { name, type: option.type };
    byName.set(name, entry);
    byName.set(
      name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      entry,
    );
    for (const alias of [option.alias ?? []].flat()) byName.set(alias, entry);
  }
  return byName;
}

/**
 * Options that pick the test files or the configuration, and watch mode (which follows each file's
 * imports, and a group's members are required dynamically): the run is then the per-file one.
 */
const CHOOSING = new Set([
  'watch',
  'watchAll',
  'config',
  'testPathPatterns',
  'testMatch',
  'testRegex',
  'findRelatedTests',
  'onlyChanged',
  'changedSince',
  'lastCommit',
  'projects',
  'selectProjects',
  'rootDir',
  'roots',
]);

/**
 * Whether jest arguments choose the files or the config themselves (test paths or patterns, a
 * --config, --onlyChanged and the like): then `npm test` passes them to jest as they are, with the
 * per-file config. Reads the arguments the way jest's parser does: a value after an option that
 * takes one, several after an array option.
 */
function choosesSuites(args) {
  const options = jestOptions();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return args.length > i + 1;
    if (!arg.startsWith('-')) return true;
    const [flag, inline] = arg.replace(/^--?/, '').split(/=(.*)/s);
    const option = options.get(flag.replace(/^no-/, ''));
    if (option === undefined) continue;
    const off = flag.startsWith('no-') || inline === 'false';
    if (CHOOSING.has(option.name) && !off) return true;
    if (option.type === 'boolean' || option.type === undefined || inline !== undefined) continue;
    if (option.type === 'array') while (i + 1 < args.length && !args[i + 1].startsWith('-')) i++;
    else i++;
  }
  return false;
}

module.exports = { GROUP_FILE, suites, membersOf, needsOwnRegistry, testFilesUnder, choosesSuites };
