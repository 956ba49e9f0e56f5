import * as fs from 'fs';
import * as path from 'path';
import { buildComparison } from '../../analysis/build-comparison';
import { PRICE_CATALOG } from '../../analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../analysis/inventory/read-synth-output';
import { SpawnRunner } from '../../lifecycle/command-runner';
import { synthesizeRevision } from '../../lifecycle/plan/base-revision';
import { analyseDisruption, type DisruptionReport } from '../../lifecycle/plan/disruption';
import { planAgainstBase } from '../../lifecycle/plan/plan-against-base';
import { renderPlanComment, type TargetPlan } from '../../lifecycle/plan/plan-comment';
import { targetDelta, type Side } from '../../lifecycle/plan/report-delta';
import { planStack } from '../../lifecycle/plan/terraform-plan';
import { diffPlans, summarisePlan, type PlanSummary } from '../../lifecycle/plan/plan-summary';
import { writeFilesAtomically } from '../../synth/atomic-output';
import { STACKS_DIR, synthesize } from '../../synth/synthesize';
import { UsageError } from '../../spec/usage-error';
import { EXIT_OK, type CliIo, type Command } from '../command';
import { APP_OPTION_HELP, TARGET_OPTION_HELP, parseOptions, prepareRun } from '../common-options';

export const PLAN_DIR = 'plan-report';

function onlyCreates(s: PlanSummary): boolean {
  return s.update.length + s.replace.length + s.delete.length === 0;
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'terraform plan per target + cost and fault-tolerance delta, as a PR comment (plan-report/)',
  help: `Usage: orquesta plan [--app <file>] [--target <t>] [--base <git ref> | --base-dir <dir>]
                     [--no-terraform] [--offline-plan] [--json]

Synthesizes the current tree, runs 'terraform init' and 'terraform plan' in each target's stack
(cdktf.out/stacks/<target>/, with your terraform, credentials and backend), and compares cost and
fault tolerance with a base revision. When nothing is deployed yet, the head is planned against
the state the base revision would leave (built from the base plan, offline), so the provider
itself says what is updated in place and what is replaced. Every replaced or destroyed node pool,
cluster, control-plane group, load balancer or volume is flagged with how it happens and whether
the workload keeps serving. Writes plan-report/comment.md (fits a GitHub comment, detail in
<details>), plan-report/summary.md (untruncated), plan-report/<target>.plan.json and
plan-report/<target>.disruption.json, and prints the comment.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --base <ref>        compare with this git revision (synthesized in a worktree under .orquesta/base/)
  --base-dir <dir>    compare with output already synthesized there (its cdktf.out/ and dist/k8s/)
  --no-terraform      skip terraform; cost and fault-tolerance delta only (no cloud access needed)
  --offline-plan      plan with fake credentials and the provider's skip settings (CI checks only)
  --json              print the per-target plan summary, deltas and disruption as JSON instead
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, {
      app: { type: 'string' },
      target: { type: 'string' },
      base: { type: 'string' },
      'base-dir': { type: 'string' },
      'no-terraform': { type: 'boolean' },
      'offline-plan': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (opts.base && opts['base-dir']) throw new UsageError('--base and --base-dir are mutually exclusive; pass one');
    const baseDirOpt = opts['base-dir'] ? path.resolve(io.cwd, opts['base-dir']) : undefined;
    if (baseDirOpt && !fs.existsSync(path.join(baseDirOpt, STACKS_DIR))) {
      throw new UsageError(`--base-dir ${opts['base-dir']}: no ${STACKS_DIR}/ there (run 'orquesta synth' in it first)`);
    }
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const runner = new SpawnRunner();
    const now = new Date();
    // The base first: if it cannot be synthesized, nothing of this tree's output has been replaced.
    const baseDir =
      baseDirOpt ??
      (opts.base
        ? await synthesizeRevision(opts.base, { cwd: io.cwd, runner, app: opts.app, offlinePlan: opts['offline-plan'] })
        : undefined);
    synthesize(run.spec, run.targets, { root: io.cwd, now, offlinePlan: opts['offline-plan'] });

    const head = buildComparison({ synthesized: run.targets.map((t) => readSynthOutput(io.cwd, t.id)), catalog: PRICE_CATALOG, now });
    const baseTargets = baseDir ? run.targets.filter((t) => fs.existsSync(path.join(baseDir, STACKS_DIR, 'stacks', t.id))) : [];
    const base = baseDir
      ? buildComparison({ synthesized: baseTargets.map((t) => readSynthOutput(baseDir, t.id)), catalog: PRICE_CATALOG, now })
      : undefined;
    const side = (c: typeof head | undefined, id: string): Side | undefined => {
      const inventory = c?.inventories.find((i) => i.target === id);
      return inventory && c ? { inventory, report: c.report.targets[inventory.target] } : undefined;
    };

    const plans: TargetPlan[] = [];
    const planJson: Record<string, unknown> = {};
    const disruptions: Record<string, DisruptionReport> = {};
    for (const target of run.targets) {
      io.err(`orquesta plan: ${target.id}${opts['no-terraform'] ? '' : ': terraform init + plan'}`);
      const offline = { offline: opts['offline-plan'] };
      const stackDir = path.join(io.cwd, STACKS_DIR, 'stacks', target.id);
      const outcome = opts['no-terraform']
        ? { unavailable: 'terraform not run (--no-terraform)' }
        : await planStack(stackDir, runner, offline);
      const sides = { base: side(base, target.id), head: side(head, target.id) };
      let plan: TargetPlan['plan'] = 'summary' in outcome ? { summary: outcome.summary, basis: 'state' } : outcome;
      let disruption: DisruptionReport | undefined;
      if ('json' in outcome) {
        planJson[target.id] = outcome.json;
        disruption = analyseDisruption(outcome.json, sides, 'state');
      }
      // Nothing deployed yet (the plan only creates): plan the head against the base's would-be state.
      const baseStack = baseDir && path.join(baseDir, STACKS_DIR, 'stacks', target.id);
      if ('json' in outcome && onlyCreates(outcome.summary) && baseStack && fs.existsSync(baseStack)) {
        io.err(`orquesta plan: ${target.id}: nothing deployed; planning against the state the base revision would leave`);
        const workDir = path.join(io.cwd, '.orquesta', 'plan-work', target.id);
        const against = await planAgainstBase(baseStack, stackDir, runner, { ...offline, workDir });
        if ('plan' in against) {
          io.err(
            `orquesta plan: ${target.id}: base state refined in ${against.rounds} round(s), ${against.residual} residual change(s) subtracted`,
          );
          planJson[target.id] = against.plan;
          plan = { summary: summarisePlan(against.plan), basis: 'base-state' };
          disruption = analyseDisruption(against.plan, sides, 'base-state');
        } else {
          io.err(`orquesta plan: ${target.id}: ${against.unavailable}; comparing the base plan's values instead`);
          const basePlan = await planStack(baseStack, runner, offline);
          if ('json' in basePlan) {
            plan = { summary: diffPlans(basePlan.json, outcome.json), basis: 'base-plan' };
            disruption = undefined;
          } else io.err(`orquesta plan: ${target.id}: base plan unavailable (${basePlan.unavailable}); showing the head plan`);
        }
      }
      if (disruption) disruptions[target.id] = disruption;
      plans.push({ target: target.id, displayName: target.displayName, plan, delta: targetDelta(sides.base, sides.head), disruption });
    }
    const revisions = baseDir
      ? `compared with ${opts.base ?? path.relative(io.cwd, baseDir)}`
      : 'no base revision: costs shown against nothing';
    const comment = renderPlanComment(plans, { revisions, fullSummaryPointer: `${PLAN_DIR}/summary.md` });
    writeFilesAtomically(io.cwd, PLAN_DIR, {
      'comment.md': comment,
      'summary.md': renderPlanComment(plans, { revisions, limit: Number.MAX_SAFE_INTEGER }),
      ...Object.fromEntries(Object.entries(planJson).map(([id, json]) => [`${id}.plan.json`, JSON.stringify(json)])),
      ...Object.fromEntries(Object.entries(disruptions).map(([id, d]) => [`${id}.disruption.json`, JSON.stringify(d, null, 2) + '\n'])),
    });
    if (opts.json) {
      io.out(JSON.stringify({ revisions, targets: plans }, null, 2));
      return EXIT_OK;
    }
    io.out(comment);
    return EXIT_OK;
  },
};
