import { buildComparison } from '../../analysis/build-comparison';
import { PRICE_CATALOG } from '../../analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../analysis/inventory/read-synth-output';
import { renderHtmlReport } from '../../analysis/report/html-report';
import { renderMarkdownReport } from '../../analysis/report/markdown-report';
import { renderTerminalTable } from '../../analysis/report/terminal-table';
import { topologySvgFiles } from '../../analysis/report/topology/topology-spec';
import { parseRequirement, parseSweepAxes } from '../../analysis/sweep/sweep-spec';
import { runSweep } from '../../analysis/sweep/run-sweep';
import { stageSynthesis } from '../../synth/synthesize';
import type { ComparisonReport } from '../../analysis/report/comparison-report';
import { writeFilesAtomically } from '../../synth/atomic-output';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../command';
import { UsageError } from '../../spec/usage-error';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';
import { formatSweep } from '../format-sweep';
import { display } from '../spec-module';

export const REPORT_DIR = 'report';

export const compareCommand: Command = {
  name: 'compare',
  summary: 'synthesize every target, then compare monthly cost and fault tolerance (report/)',
  help: `Usage: orquesta compare [--app <file>] [--target <t>] [--sweep <axis>=<range>]... [--require <goal>]
                        [--gke-free-tier] [--datadog-billing on-demand|annual] [--no-color] [--json]

Synthesizes every target (like 'orquesta synth'), reads back what was synthesized
(cdktf.out/stacks/<target>/cdk.tf.json and dist/k8s/<target>/), prices every billable resource,
evaluates node loss, zone loss, control-plane upgrade and control-plane instance loss, prints a
table and writes report/comparison.json, report/comparison.md, report/index.html and
report/topology-<target>.svg (each target's zones, nodes, replicas and failure views).

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --sweep <a>=<r>     what-if axis, repeatable: nodes=2..6, zones=1..3, nodes=3,6,9,
                      size=small,medium,large, controlPlane=ha,single,
                      monitoring=prometheus,datadog,none, aksTier=Free,Standard,Premium,
                      gkeMode=regional,zonal, natGateways=per-zone,single, capacity=on-demand,spot
                      (every combination that applies is evaluated for every target; results
                      in report/comparison.json 'sweep' and the Markdown/HTML reports)
  --require <goal>    what a swept configuration must meet, comma-separated:
                      survive=node+zone+upgrade+cp-instance, sla=<percent> (financially backed
                      SLAs only), availability=<percent> (modelled), max-cost=<usd>;
                      exits 1 when no configuration of any target meets it (a CI gate)
  --gke-free-tier     apply GKE's free-tier credit (one zonal cluster per billing account)
  --datadog-billing <b>  Datadog rate: on-demand (default, month-to-month) or annual (commitment)
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
      'datadog-billing': { type: 'string' },
      'no-color': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    // Parse every option before doing any work, so a typo never leaves half-done output.
    const axes = parseSweepAxes(opts.sweep ?? []);
    const requirement = parseRequirement(opts.require);
    const datadogBilling = opts['datadog-billing'] ?? 'on-demand';
    if (datadogBilling !== 'on-demand' && datadogBilling !== 'annual') {
      throw new UsageError(`--datadog-billing '${datadogBilling}' is not valid; allowed: on-demand, annual`);
    }
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const now = new Date();
    // Synthesized into scratch and read back from there: nothing is written until pricing, the
    // sweep and rendering have succeeded, so a failure leaves cdktf.out/, dist/ and report/ as they were.
    const staged = stageSynthesis(run.spec, run.targets, { root: io.cwd, now });
    const costOptions = { gkeFreeTierCredit: opts['gke-free-tier'] ?? false, datadogBilling, at: now } as const;
    const sweeping = (opts.sweep?.length ?? 0) > 0 || opts.require !== undefined;
    let report: ComparisonReport;
    let sweep: ReturnType<typeof runSweep> | undefined;
    let files: Record<string, string>;
    try {
      const synthesized = run.targets.map((t) => readSynthOutput(staged.root, t.id));
      const built = buildComparison({ synthesized, catalog: PRICE_CATALOG, now, costOptions });
      sweep = sweeping ? runSweep(built.inventories, axes, requirement, PRICE_CATALOG, costOptions) : undefined;
      report = sweep ? { ...built.report, sweep } : built.report;
      const source = { origin: display(run.origin, io.cwd), spec: run.spec };
      files = {
        'comparison.json': `${JSON.stringify(report, null, 2)}\n`,
        'comparison.md': renderMarkdownReport(report, source),
        'index.html': await renderHtmlReport(report, source),
        ...(await topologySvgFiles(report)),
      };
    } catch (error) {
      staged.discard();
      throw error;
    }
    staged.commit();
    writeFilesAtomically(io.cwd, REPORT_DIR, files);
    // A CI gate: no configuration of any target meets --require.
    const exitCode = sweep && sweep.feasible === 0 ? EXIT_FAILURE : EXIT_OK;
    if (opts.json) {
      io.out(JSON.stringify(report, null, 2));
      io.err(
        `wrote ${Object.keys(files)
          .map((f) => `${REPORT_DIR}/${f}`)
          .join(', ')}`,
      );
      return exitCode;
    }
    const color = !opts['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
    io.out(renderTerminalTable(report, { color }));
    for (const warning of report.warnings ?? []) io.out(`warning: ${warning}`);
    if (sweep) {
      io.out('');
      io.out(formatSweep(sweep));
    }
    io.out(
      `\nwrote ${Object.keys(files)
        .map((f) => `${REPORT_DIR}/${f}`)
        .join(', ')}`,
    );
    return exitCode;
  },
};
