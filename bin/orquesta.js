#!/usr/bin/env node
// Runs the CLI from one esbuild bundle of the compiled code (npm run build): loading one file
// instead of ~900 modules halves start-up; the output is byte-identical to the unbundled code.
// A closed pipe (`orquesta compare | head`) ends the process quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = require('../lib/orquesta.cjs');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
