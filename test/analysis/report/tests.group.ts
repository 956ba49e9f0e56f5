// One suite of `npm test`: the test files here and in subfolders without a group file (test/suite-groups.js).
import { includeGroup } from '../../include-group';

includeGroup(__dirname);
