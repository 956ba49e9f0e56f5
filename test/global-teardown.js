// Removes this run's temp directory (see global-setup.js): cdktf and cdk8s Testing helpers leave
// cdktf.outdir.* / cdk8s.outdir.* behind (../shared/TOOLCHAIN.md), and so may a failed test.
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.ORQUESTA_JEST_TMPDIR;
  if (dir && /orquesta-jest-/.test(dir)) fs.rmSync(dir, { recursive: true, force: true });
};
