// cdktf and cdk8s Testing helpers leave /tmp/cdktf.outdir.* and /tmp/cdk8s.outdir.* behind (../shared/TOOLCHAIN.md).
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const tmp = os.tmpdir();
  for (const entry of fs.readdirSync(tmp)) {
    if (/^(cdktf|cdk8s)\.outdir\./.test(entry) || entry.startsWith('orquesta-test-')) {
      fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
    }
  }
};
