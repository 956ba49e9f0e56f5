import { buildComparison } from '../../analysis/build-comparison';
import { PRICE_CATALOG } from '../../analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../analysis/inventory/read-synth-output';
import { renderHtmlReport } from '../../analysis/report/html-report';
import { renderMarkdownReport } from '../../analysis/report/markdown-report';
import { renderTerminalTable } from '../../analysis/report/terminal-table';
import { topologySvgFiles } from '../../analysis/report/topology/topology-spec';
import { parseRequirement, parseSweepAxes } from '../../analysis/sweep/sweep-spec';
import { runSweep } from '../../analysis/sweep/run-sweep';
import { synthesize } from '../../synth/synthesize';
import { writeFilesAtomically } from '../../synth/atomic-output';
import { EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';
import { formatSweep } from '../format-sweep';

export const REPORT_DIR = 'report';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'synthesize every target, then compare monthly cost and fault tolerance (report/)',
  help: `Usage: orquesta compare [--app <file>] [--target <t>] [--sweep <axis>=<range>]... [--require <goal>]
                        [--gke-free-tier] [--no-color]

Synthesizes every target (like 'orquesta synth'), reads back what was synthesized
(cdktf.out/stacks/<target>/cdk.tf.json and dist/k8s/<target>/), prices every billable resource,
evaluates node loss, zone loss, control-plane upgrade and control-plane instance loss, prints a
table and writes report/comparison.json, report/comparison.md, report/index.html and
report/topology-<target>.svg (each target's zones, nodes, replicas and failure views).

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --sweep <a>=<r>     what-if axis, repeatable: nodes=2..6, zones=1..3, nodes=3,6,9
                      (every combination is evaluated for every target)
  --require <goal>    what a swept configuration must meet, comma-separated:
                      survive=node+zone+upgrade+cp-instance, sla=<percent>, max-cost=<usd>
  --gke-free-tier     apply GKE's free-tier credit (one zonal cluster per billing account)
  --no-color          plain ASCII table
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, {
      app: { type: 'string' },
      target: { type: 'string' },
      sweep: { type: 'string', multiple: true },
      require: { type: 'string' },
      'gke-free-tier': { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    // Parse every option before doing any work, so a typo never leaves half-done output.
    const axes = parseSweepAxes(opts.sweep ?? []);
    const requirement = parseRequirement(opts.require);
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const now = new Date();
    synthesize(run.spec, run.targets, { root: io.cwd, now });
    const synthesized = run.targets.map((t) => readSynthOutput(io.cwd, t.id));
    const costOptions = { gkeFreeTierCredit: opts['gke-free-tier'] ?? false };
    const { report, inventories } = buildComparison({ synthesized, catalog: PRICE_CATALOG, now, costOptions });

    const topologyFiles = await topologySvgFiles(report);
    writeFilesAtomically(io.cwd, REPORT_DIR, {
      'comparison.json': `${JSON.stringify(report, null, 2)}\n`,
      'comparison.md': renderMarkdownReport(report),
      'index.html': await renderHtmlReport(report),
      ...topologyFiles,
    });
    const color = !opts['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
    io.out(renderTerminalTable(report, { color }));
    if (opts.sweep?.length || opts.require) {
      io.out('');
      io.out(formatSweep(runSweep(inventories, axes, requirement, PRICE_CATALOG, costOptions), axes, requirement));
    }
    const written = ['comparison.json', 'comparison.md', 'index.html', ...Object.keys(topologyFiles)];
    io.out(`\nwrote ${written.map((f) => `${REPORT_DIR}/${f}`).join(', ')}`);
    return EXIT_OK;
  },
};
