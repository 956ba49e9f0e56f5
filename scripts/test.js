#!/usr/bin/env node
/**
 * `npm test`: the type-check (`npm run typecheck`: tsc --noEmit, incremental) and jest at the same
 * time, so tsc's few seconds overlap the suites instead of preceding them; the run fails if either
 * does. jest's output streams as usual; tsc's is printed after it, under its own heading, so the two
 * never interleave. Arguments go to jest (`npm test -- test/spec`).
 *
 * The whole run (no test paths given) runs one suite per group of test files
 * (jest.grouped.config.js, test/suite-groups.js): the files of a group share their module loading,
 * which is a third less CPU than a suite per file. Given test paths or patterns, jest runs the
 * named files one by one with the per-file config (jest.config.js), as `npx jest` would.
 */
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
// The package's own `typecheck` script, so `npm run typecheck` and `npm test` check the same way.
const typecheck = require(path.join(root, 'package.json')).scripts.typecheck;
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const tsc = spawn(typecheck, { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
let tscOutput = '';
tsc.stdout.on('data', (d) => (tscOutput += d));
tsc.stderr.on('data', (d) => (tscOutput += d));
const tscDone = new Promise((resolve) => tsc.on('close', (code) => resolve(code ?? 1)));

const { choosesSuites } = require(path.join(root, 'test', 'suite-groups.js'));
const args = process.argv.slice(2);
const config = choosesSuites(args) ? [] : ['--config', path.join(root, 'jest.grouped.config.js')];
const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...config, ...args], { cwd: root, stdio: 'inherit' });
const jestDone = new Promise((resolve) => jest.on('close', (code) => resolve(code ?? 1)));

Promise.all([tscDone, jestDone]).then(([tscCode, jestCode]) => {
  if (tscCode !== 0) {
    process.stderr.write(`\ntype-check failed (${typecheck}):\n${tscOutput}`);
  }
  process.exitCode = tscCode !== 0 || jestCode !== 0 ? 1 : 0;
});
