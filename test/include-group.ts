import { join, relative } from 'path';

/*
 * The body of every `tests.group.ts`: registers the group's test files (test/suite-groups.js says
 * which), each inside a describe block named after its path, so the hooks a file declares at its top
 * level apply to its own tests only.
 */

const { GROUP_FILE, membersOf } = require('./suite-groups') as {
  GROUP_FILE: string;
  membersOf(groupFile: string, root: string): string[];
};

/** The test folder. */
const ROOT = __dirname;

/** Registers the test files of the group whose group file is in `dir`. */
export function includeGroup(dir: string): void {
  const members = membersOf(join(dir, GROUP_FILE), ROOT);
  if (members.length === 0) throw new Error(`${join(relative(ROOT, dir), GROUP_FILE)}: no test files in this group`);
  for (const file of members) {
    describe(relative(dir, file), () => {
      require(file);
    });
  }
}
