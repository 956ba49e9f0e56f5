#!/usr/bin/env node
// Runs the compiled CLI (npm run build). Compiled JS, not ts-node: synthesis is ~10x faster.
const { main } = require('../lib/src/cli/main.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
