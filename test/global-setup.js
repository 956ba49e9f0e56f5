// The CLI bundle the bin tests run is rebuilt first when its sources changed (a no-op otherwise).
// Every jest run gets its own temp directory (TMPDIR, inherited by the workers and anything they
// spawn), so the teardown can remove exactly this run's leftovers — cdktf/cdk8s Testing outdirs,
// test scratch folders — without touching another run's files on the same machine.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  require('child_process').execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build-if-changed.js')], {
    stdio: 'inherit',
  });
  const base = process.env.ORQUESTA_JEST_BASE_TMPDIR ?? os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'orquesta-jest-'));
  process.env.ORQUESTA_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
