import * as fs from 'fs';
import * as path from 'path';
import { buildComparison } from '../../analysis/build-comparison';
import { PRICE_CATALOG } from '../../analysis/cost/catalog/price-catalog';
import { readSynthOutput } from '../../analysis/inventory/read-synth-output';
import { SpawnRunner } from '../../lifecycle/command-runner';
import { synthesizeRevision } from '../../lifecycle/plan/base-revision';
import { renderPlanComment, type TargetPlan } from '../../lifecycle/plan/plan-comment';
import { targetDelta, type Side } from '../../lifecycle/plan/report-delta';
import { planStack } from '../../lifecycle/plan/terraform-plan';
import { diffPlans, type PlanSummary } from '../../lifecycle/plan/plan-summary';
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
                     [--no-terraform] [--offline-plan]

Synthesizes the current tree, runs 'terraform init' and 'terraform plan' in each target's stack
(cdktf.out/stacks/<target>/, with your terraform, credentials and backend), and compares cost and
fault tolerance with a base revision. Writes plan-report/comment.md (fits a GitHub comment, detail
in <details>), plan-report/summary.md (untruncated) and plan-report/<target>.plan.json, and prints
the comment.

Options:
${APP_OPTION_HELP}
${TARGET_OPTION_HELP}
  --base <ref>        compare with this git revision (synthesized in a worktree under .orquesta/base/)
  --base-dir <dir>    compare with output already synthesized there (its cdktf.out/ and dist/k8s/)
  --no-terraform      skip terraform; cost and fault-tolerance delta only (no cloud access needed)
  --offline-plan      plan with fake credentials and the provider's skip settings (CI checks only)
  -h, --help          show this help`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const opts = parseOptions(argv, {
      app: { type: 'string' },
      target: { type: 'string' },
      base: { type: 'string' },
      'base-dir': { type: 'string' },
      'no-terraform': { type: 'boolean' },
      'offline-plan': { type: 'boolean' },
    });
    if (opts.base && opts['base-dir']) throw new UsageError('--base and --base-dir are mutually exclusive; pass one');
    const baseDirOpt = opts['base-dir'] ? path.resolve(io.cwd, opts['base-dir']) : undefined;
    if (baseDirOpt && !fs.existsSync(path.join(baseDirOpt, STACKS_DIR))) {
      throw new UsageError(`--base-dir ${opts['base-dir']}: no ${STACKS_DIR}/ there (run 'orquesta synth' in it first)`);
    }
    const run = prepareRun(opts.app, opts.target, io.cwd);
    const runner = new SpawnRunner();
    const now = new Date();
    synthesize(run.spec, run.targets, { root: io.cwd, now, offlinePlan: opts['offline-plan'] });
    const baseDir =
      baseDirOpt ??
      (opts.base
        ? await synthesizeRevision(opts.base, { cwd: io.cwd, runner, app: opts.app, offlinePlan: opts['offline-plan'] })
        : undefined);

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
    for (const target of run.targets) {
      io.err(`orquesta plan: ${target.id}${opts['no-terraform'] ? '' : ': terraform init + plan'}`);
      const offline = { offline: opts['offline-plan'] };
      const outcome = opts['no-terraform']
        ? { unavailable: 'terraform not run (--no-terraform)' }
        : await planStack(path.join(io.cwd, STACKS_DIR, 'stacks', target.id), runner, offline);
      if ('json' in outcome) planJson[target.id] = outcome.json;
      let plan: TargetPlan['plan'] = 'summary' in outcome ? { summary: outcome.summary, basis: 'state' } : outcome;
      // Nothing deployed yet (the plan only creates): compare the base revision's plan with the head's.
      const baseStack = baseDir && path.join(baseDir, STACKS_DIR, 'stacks', target.id);
      if ('json' in outcome && onlyCreates(outcome.summary) && baseStack && fs.existsSync(baseStack)) {
        io.err(`orquesta plan: ${target.id}: nothing deployed; planning the base revision to compare`);
        const basePlan = await planStack(baseStack, runner, offline);
        if ('json' in basePlan) plan = { summary: diffPlans(basePlan.json, outcome.json), basis: 'base-plan' };
        else io.err(`orquesta plan: ${target.id}: base plan unavailable (${basePlan.unavailable}); showing the head plan`);
      }
      plans.push({
        target: target.id,
        displayName: target.displayName,
        plan,
        delta: targetDelta(side(base, target.id), side(head, target.id)),
      });
    }
    const revisions = baseDir
      ? `compared with ${opts.base ?? path.relative(io.cwd, baseDir)}`
      : 'no base revision: costs shown against nothing';
    const comment = renderPlanComment(plans, { revisions, fullSummaryPointer: `${PLAN_DIR}/summary.md` });
    writeFilesAtomically(io.cwd, PLAN_DIR, {
      'comment.md': comment,
      'summary.md': renderPlanComment(plans, { revisions, limit: Number.MAX_SAFE_INTEGER }),
      ...Object.fromEntries(Object.entries(planJson).map(([id, json]) => [`${id}.plan.json`, JSON.stringify(json)])),
    });
    io.out(comment);
    return EXIT_OK;
  },
};
