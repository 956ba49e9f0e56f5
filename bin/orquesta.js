#!/usr/bin/env node
// Runs the CLI from one esbuild bundle of the sources (built by `npm ci` via the prepare script, or
// `npm run build:cli`): loading one file instead of ~900 modules halves start-up; the output is
// byte-identical to the unbundled code.
// A closed pipe (`orquesta compare | head`) ends the process quietly, as Unix tools do.
const fs = require('fs');
const path = require('path');

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const bundle = path.join(__dirname, '..', 'lib', 'orquesta.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`orquesta: ${path.relative(process.cwd(), bundle)} is missing; run 'npm run build:cli' in ${path.dirname(__dirname)}\n`);
  process.exit(1);
}
const { main } = require(bundle);
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
