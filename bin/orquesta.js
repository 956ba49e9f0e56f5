#!/usr/bin/env node
// Runs the compiled CLI (npm run build). Compiled JS, not ts-node: synthesis is ~10x faster.
// A closed pipe (`orquesta compare | head`) ends the process quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = require('../lib/src/cli/main.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
