import { buildComparison } from '../../analysis/build-comparison';
import { PRICE_CATALOG } from '../../analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../analysis/inventory/read-synth-output';
import { renderHtmlReport } from '../../analysis/report/html-report';
import { renderMarkdownReport } from '../../analysis/report/markdown-report';
import { renderTerminalTable } from '../../analysis/report/terminal-table';
import { parseRequirement, parseSweepAxes } from '../../analysis/sweep/sweep-spec';
import { runSweep } from '../../analysis/sweep/run-sweep';
import { stageSynthesis } from '../../synth/synthesize';
import type { ComparisonReport } from '../../analysis/report/comparison-report';
import { writeFilesAtomically } from '../../synth/atomic-output';
import { EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';
import { formatSweep } from '../format-sweep';
import { display } from '../spec-module';

export const REPORT_DIR = 'report';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'synthesize every target, then compare monthly cost and fault tolerance (report/)',
  help: `Usage: orquesta compare [--app <file>] [--target <t>] [--sweep <axis>=<range>]... [--require <goal>]
                        [--gke-free-tier] [--no-color] [--json]

Synthesizes every target (like 'orquesta synth'), reads back what was synthesized
(cdktf.out/stacks/<target>/cdk.tf.json and dist/k8s/<target>/), prices every billable resource,
evaluates node loss, zone loss, control-plane upgrade and control-plane instance loss, prints a
table and writes report/comparison.json, report/comparison.md and report/index.html.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --sweep <a>=<r>     what-if axis, repeatable: nodes=2..6, zones=1..3, nodes=3,6,9
                      (every combination is evaluated for every target)
  --require <goal>    what a swept configuration must meet, comma-separated:
                      survive=node+zone+upgrade+cp-instance, sla=<percent>, max-cost=<usd>
  --gke-free-tier     apply GKE's free-tier credit (one zonal cluster per billing account)
  --no-color          plain ASCII table
  --json              print the report (report/comparison.json's content) on stdout instead of
                      the table; with --sweep/--require it has an extra "sweep" field
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, {
      app: { type: 'string' },
      target: { type: 'string' },
      sweep: { type: 'string', multiple: true },
      require: { type: 'string' },
      'gke-free-tier': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    // Parse every option before doing any work, so a typo never leaves half-done output.
    const axes = parseSweepAxes(opts.sweep ?? []);
    const requirement = parseRequirement(opts.require);
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const now = new Date();
    // Synthesized into scratch and read back from there: nothing is written until pricing and
    // rendering have succeeded, so a failure leaves cdktf.out/, dist/ and report/ as they were.
    const staged = stageSynthesis(run.spec, run.targets, { root: io.cwd, now });
    let report: ComparisonReport;
    let inventories: ReturnType<typeof buildComparison>['inventories'];
    let files: Record<string, string>;
    const costOptions = { gkeFreeTierCredit: opts['gke-free-tier'] ?? false };
    try {
      const synthesized = run.targets.map((t) => readSynthOutput(staged.root, t.id));
      ({ report, inventories } = buildComparison({ synthesized, catalog: PRICE_CATALOG, now, costOptions }));
      const source = { origin: display(run.origin, io.cwd), spec: run.spec };
      files = {
        'comparison.json': `${JSON.stringify(report, null, 2)}\n`,
        'comparison.md': renderMarkdownReport(report, source),
        'index.html': await renderHtmlReport(report, source),
      };
    } catch (error) {
      staged.discard();
      throw error;
    }
    staged.commit();
    writeFilesAtomically(io.cwd, REPORT_DIR, files);
    if (opts.json) {
      const swept = opts.sweep?.length || opts.require;
      const sweep = swept ? runSweep(inventories, axes, requirement, PRICE_CATALOG, costOptions) : undefined;
      io.out(JSON.stringify(sweep ? { ...report, sweep } : report, null, 2));
      io.err(`wrote ${REPORT_DIR}/comparison.json, ${REPORT_DIR}/comparison.md, ${REPORT_DIR}/index.html`);
      return EXIT_OK;
    }
    const color = !opts['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
    io.out(renderTerminalTable(report, { color }));
    if (opts.sweep?.length || opts.require) {
      io.out('');
      io.out(formatSweep(runSweep(inventories, axes, requirement, PRICE_CATALOG, costOptions), axes, requirement));
    }
    io.out(`\nwrote ${REPORT_DIR}/comparison.json, ${REPORT_DIR}/comparison.md, ${REPORT_DIR}/index.html`);
    return EXIT_OK;
  },
};
