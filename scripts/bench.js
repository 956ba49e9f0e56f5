#!/usr/bin/env node
/**
 * `npm run bench`: orquesta's fast paths against the obvious baselines, measured in the same run.
 *   synth     node + compiled JS (all 4 targets: stacks + manifests)  vs  `npx cdktf synth` with ts-node
 *   tests     jest + @swc/jest (+ one tsc --noEmit)                    vs  jest + ts-jest (type-checks per file)
 *   analysis  what-if sweep, nodes 1..60 x zones 1..3 x 4 targets        vs  re-synthesizing + analysing per configuration
 * Wall time is the median of the runs; peak memory is the max RSS reported by /usr/bin/time when present.
 * Results are printed and written to .bench/results.json. `--only=synth,analysis,tests` picks parts; `--quick` runs fewer repetitions.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const QUICK = process.argv.includes('--quick');
/** `--only=synth,analysis,tests` runs a subset (default: all three). */
const ONLY = (process.argv.find((a) => a.startsWith('--only=')) ?? '--only=synth,analysis,tests').slice(7).split(',');
const HAS_TIME = fs.existsSync('/usr/bin/time');
const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0', NO_COLOR: '1' };

function run(cmd, args, cwd = ROOT, extraEnv = {}) {
  const argv = HAS_TIME ? ['-f', '%M', cmd, ...args] : args;
  const started = process.hrtime.bigint();
  const env = { ...ENV, ...extraEnv };
  const r = spawnSync(HAS_TIME ? '/usr/bin/time' : cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const rssKiB = HAS_TIME ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssMiB: rssKiB / 1024, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, times, fn) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(fn());
  const res = { label, ms: median(runs.map((r) => r.ms)), rssMiB: Math.max(...runs.map((r) => r.rssMiB)), runs: runs.length };
  process.stderr.write(
    `  ${label}: ${res.ms.toFixed(0)} ms${Number.isNaN(res.rssMiB) ? '' : `, ${res.rssMiB.toFixed(0)} MiB`} (median of ${runs.length})\n`,
  );
  return res;
}

/** What a cold `orquesta synth` of all four targets may take (issue: newcomer path, 2026-12). */
const SYNTH_TARGET_MS = 500;

function benchSynth() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bench-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bench-cache-'));
  const cli = () => run(process.execPath, [path.join(ROOT, 'bin', 'orquesta.js'), 'synth'], tmp, { ORQUESTA_CACHE_DIR: cacheDir });
  // The first process after a build compiles the bundle and writes the V8 code cache; later ones use it.
  const first = measure('synth, orquesta CLI, first run after a build (no code cache yet)', 1, cli);
  const fast = measure(
    'synth, orquesta CLI, cold process (esbuild bundle + V8 code cache, 4 stacks + 4 manifest sets)',
    QUICK ? 3 : 5,
    cli,
  );
  fast.targetMs = SYNTH_TARGET_MS;
  fast.meetsTarget = fast.ms <= SYNTH_TARGET_MS;
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const inProcess = measureInProcessSynth(tmp);
  const baseline = measure('synth, default way (npx cdktf synth, ts-node app, 4 stacks)', QUICK ? 1 : 3, () =>
    run('npx', ['cdktf', 'synth', '--output', path.join(tmp, 'cdktf-default.out')]),
  );
  fs.rmSync(tmp, { recursive: true, force: true });
  return { first, fast, inProcess, baseline, ratio: baseline.ms / fast.ms };
}

/** Synthesis alone, inside one warm process (no Node start-up or module loading). */
function measureInProcessSynth(tmp) {
  const { synthesize } = require(path.join(ROOT, 'lib/src/synth/synthesize.js'));
  const { ALL_TARGETS } = require(path.join(ROOT, 'lib/src/targets/registry.js'));
  const { prepareAppSpec } = require(path.join(ROOT, 'lib/src/targets/validate-for-targets.js'));
  const { WEB_API_EXAMPLE } = require(path.join(ROOT, 'lib/src/examples/web-api.js'));
  const spec = prepareAppSpec(WEB_API_EXAMPLE, ALL_TARGETS);
  synthesize(spec, ALL_TARGETS, { root: tmp });
  return measure('synth, in one warm process (synthesis only)', 5, () => {
    const t = process.hrtime.bigint();
    synthesize(spec, ALL_TARGETS, { root: tmp });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, rssMiB: process.memoryUsage().rss / 1048576 };
  });
}

function benchTests() {
  const fast = measure('tests, npm test (tsc --noEmit beside jest/@swc)', 1, () => run('npm', ['test', '--silent']));
  const baseline = measure('tests, jest + ts-jest (type-checks every file)', 1, () =>
    run('npx', ['jest', '--config', 'scripts/jest.ts-jest.config.js', '--silent']),
  );
  return { fast, baseline, ratio: baseline.ms / fast.ms };
}

/** What a what-if sweep must reach per core on the nodes x zones grid (issue: honest comparison, 2026-12). */
const SWEEP_TARGET_PER_SECOND = 10_000;

function benchAnalysis() {
  const lib = (p) => require(path.join(ROOT, 'lib/src', p));
  const { synthesize } = lib('synth/synthesize.js');
  const { ALL_TARGETS } = lib('targets/registry.js');
  const { prepareAppSpec } = lib('targets/validate-for-targets.js');
  const { WEB_API_EXAMPLE } = lib('examples/web-api.js');
  const { readSynthOutput } = lib('analysis/inventory/read-synth-output.js');
  const { buildComparison } = lib('analysis/build-comparison.js');
  const { PRICE_CATALOG } = lib('analysis/cost/catalog/price-catalog.js');
  const { runSweep } = lib('analysis/sweep/run-sweep.js');
  const { AXIS_CHOICES } = lib('analysis/sweep/sweep-spec.js');
  const { resolveAppSpec } = lib('spec/resolve-app-spec.js');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-bench-'));
  const now = new Date();
  const analyseFromScratch = (cluster) => {
    const spec = resolveAppSpec({ ...WEB_API_EXAMPLE, cluster: { ...WEB_API_EXAMPLE.cluster, ...cluster } });
    synthesize(spec, ALL_TARGETS, { root: tmp, now });
    return buildComparison({ synthesized: ALL_TARGETS.map((t) => readSynthOutput(tmp, t.id)), catalog: PRICE_CATALOG, now });
  };
  prepareAppSpec(WEB_API_EXAMPLE, ALL_TARGETS);
  const { inventories } = analyseFromScratch({});
  // The realistic grid: nodes 1..60 x zones 1..3 x all four targets (720 configurations), then the
  // same at 91..100 nodes (the per-pod simulation used to slow down with the node count).
  const grid = (from, to) => ({ nodes: Array.from({ length: to - from + 1 }, (_, i) => i + from), zones: [1, 2, 3] });
  const requirement = { survive: ['zone'], sla: 99.95 };
  // Per core = configurations per CPU-second of this process (user + system, GC threads included), so
  // other load on a shared machine does not count against it; wall-clock rates are reported too.
  // The first sweep of the process (cold JIT, what one `compare` run does) is reported separately.
  const sweepOf = (axes) => {
    const first = runSweep(inventories, axes, requirement, PRICE_CATALOG, { at: now });
    const results = [];
    // A sweep of 720 configurations takes tens of milliseconds: many runs, so the median is not one GC pause.
    for (let i = 0; i < (QUICK ? 5 : 25); i++) results.push(runSweep(inventories, axes, requirement, PRICE_CATALOG, { at: now }));
    const cpuMs = median(results.map((r) => r.cpuMs));
    const ms = median(results.map((r) => r.elapsedMs));
    const n = results[0].evaluated;
    return {
      configurations: n,
      ms,
      cpuMs,
      perSecond: Math.round(n / (cpuMs / 1000)),
      wallPerSecond: Math.round(n / (ms / 1000)),
      firstRunPerSecond: first.configurationsPerCpuSecond,
    };
  };
  const realistic = sweepOf(grid(1, 60));
  const large = sweepOf(grid(91, 100));
  // Every axis at once, for the record (sizes, control plane, monitoring, tiers, NAT, capacity).
  const allAxes = sweepOf({ nodes: [2, 4, 6], zones: [1, 2, 3], ...AXIS_CHOICES });
  // Baseline: what a sweep costs if every configuration is re-synthesized and read back. Measured after
  // the sweeps, so the garbage of six syntheses does not land in the sweeps' CPU time (GC threads count).
  const naiveConfigs = QUICK ? 3 : 6;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < naiveConfigs; i++) {
    analyseFromScratch({ nodePools: [{ name: 'apps', sizeClass: 'medium', minNodes: 1, desiredNodes: 2 + i, maxNodes: 12 }] });
  }
  const naiveCpu = process.cpuUsage(cpu0);
  // CPU time, like the sweep's, so both sides of the ratio are per core.
  const naiveMsPerConfig = (naiveCpu.user + naiveCpu.system) / 1000 / naiveConfigs;
  fs.rmSync(tmp, { recursive: true, force: true });

  const perConfigMs = realistic.cpuMs / realistic.configurations;
  const load = os.loadavg()[0].toFixed(1);
  process.stderr.write(
    `  analysis: nodes 1..60 x zones 1..3 x 4 targets: ${realistic.configurations} configurations in ${realistic.cpuMs.toFixed(1)} ms CPU ` +
      `(${realistic.perSecond}/CPU-s; wall ${realistic.wallPerSecond}/s; first run ${realistic.firstRunPerSecond}/CPU-s); ` +
      `91..100 nodes: ${large.perSecond}/CPU-s; every axis: ${allAxes.configurations} at ${allAxes.perSecond}/CPU-s; ` +
      `re-synthesizing per configuration: ${naiveMsPerConfig.toFixed(0)} ms CPU each; load average ${load}\n`,
  );
  return {
    configurations: realistic.configurations,
    sweepMs: realistic.ms,
    sweepCpuMs: realistic.cpuMs,
    configurationsPerSecond: realistic.perSecond,
    wallConfigurationsPerSecond: realistic.wallPerSecond,
    firstRunConfigurationsPerSecond: realistic.firstRunPerSecond,
    loadAverage: Number(load),
    configurationsPerSecondAt100Nodes: large.perSecond,
    allAxes,
    naiveMsPerConfiguration: naiveMsPerConfig,
    ratio: naiveMsPerConfig / perConfigMs,
  };
}

function main() {
  process.stderr.write(`orquesta bench (${os.cpus().length} cores, node ${process.version})${QUICK ? ' --quick' : ''}\n`);
  const synth = ONLY.includes('synth') ? benchSynth() : undefined;
  const analysis = ONLY.includes('analysis') ? benchAnalysis() : undefined;
  const tests = ONLY.includes('tests') ? benchTests() : undefined;
  const rows = [];
  if (synth) {
    rows.push(
      [
        `cold synth, 4 targets (target <= ${SYNTH_TARGET_MS} ms: ${synth.fast.meetsTarget ? 'met' : 'NOT met'})`,
        `${synth.fast.ms.toFixed(0)} ms / ${fmtMiB(synth.fast.rssMiB)}`,
        `${synth.baseline.ms.toFixed(0)} ms / ${fmtMiB(synth.baseline.rssMiB)}`,
        `${synth.ratio.toFixed(1)}x`,
      ],
      ['synth, first run after a build', `${synth.first.ms.toFixed(0)} ms`, '-', '-'],
      ['synth, in-process only', `${synth.inProcess.ms.toFixed(0)} ms`, '-', '-'],
    );
  }
  if (analysis) {
    rows.push(
      [
        `what-if sweep (nodes 1..60 x zones 1..3 x 4 targets), per core (target >= ${SWEEP_TARGET_PER_SECOND.toLocaleString('en-US')}/s: ${analysis.configurationsPerSecond >= SWEEP_TARGET_PER_SECOND ? 'met' : 'NOT met'})`,
        `${analysis.configurationsPerSecond.toLocaleString('en-US')} configs/s`, `${(1000 / analysis.naiveMsPerConfiguration).toFixed(1)} configs/s`, `${Math.round(analysis.ratio).toLocaleString('en-US')}x`],
      ['what-if sweep, first run in a fresh process', `${analysis.firstRunConfigurationsPerSecond.toLocaleString('en-US')} configs/s`, '-', '-'],
      ['what-if sweep at 91..100 nodes', `${analysis.configurationsPerSecondAt100Nodes.toLocaleString('en-US')} configs/s`, '-', '-'],
      [`what-if sweep, every axis (${analysis.allAxes.configurations} configs)`, `${analysis.allAxes.perSecond.toLocaleString('en-US')} configs/s`, '-', '-'],
    );
  }
  if (tests)
    rows.push([
      'test suite',
      `${(tests.fast.ms / 1000).toFixed(1)} s / ${fmtMiB(tests.fast.rssMiB)}`,
      `${(tests.baseline.ms / 1000).toFixed(1)} s / ${fmtMiB(tests.baseline.rssMiB)}`,
      `${tests.ratio.toFixed(1)}x`,
    ]);
  const header = ['benchmark', 'orquesta', 'baseline', 'speed-up'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log([fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n'));
  console.log(
    'baselines: synth = npx cdktf synth (ts-node app); analysis = re-synthesize + analyse per configuration; tests = jest + ts-jest',
  );
  fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, '.bench', 'results.json'),
    JSON.stringify({ date: new Date().toISOString(), synth, analysis, tests }, null, 2),
  );
}

function fmtMiB(mib) {
  return Number.isNaN(mib) ? 'n/a' : `${mib.toFixed(0)} MiB`;
}

main();
