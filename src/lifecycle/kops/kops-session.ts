import * as fs from 'fs';
import * as path from 'path';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import { synthesize } from '../../synth/synthesize';
import type { BackendConfig, ClusterTarget, InfraOutputs } from '../../targets/cluster-target';
import { CLUSTER_ACCESS, kubeconfigPath, requireOutput } from '../cluster-access';
import { runChecked } from '../command-runner';
import { stackDir, type LifecycleContext, type StepReporter } from '../lifecycle-context';
import { TerraformCli, stringOutputs } from '../terraform-cli';

/** What a day-2 command on a running kops-style cluster needs: the spec, where its state is, and how to resume. */
export interface KopsDay2Context extends LifecycleContext {
  readonly spec: ResolvedAppSpec;
  /** @default - local state under .orquesta/state/kops/ */
  readonly backend?: BackendConfig;
  /** The command line that repeats this run. */
  readonly rerun: string;
  /** Do not ask for confirmation. */
  readonly yes: boolean;
  /** stdin is a terminal. */
  readonly interactive: boolean;
  /** @default - none; required when `interactive` and not `yes` */
  readonly prompt?: (question: string) => Promise<string>;
}

/** The running cluster as the day-2 commands see it after synth, init and `terraform output`. */
export interface KopsSession {
  readonly tf: TerraformCli;
  readonly outputs: InfraOutputs;
  readonly region: string;
  readonly bucket: string;
  readonly kubeconfig: string;
  /**
   * Environment of a session of the stack's admin role (`admin_role_arn`), for what the state
   * bucket's policy and key admit only that role to: the admin kubeconfig and `etcd-backups/`.
   * Empty when the stack has no admin role: the caller's own identity is used.
   */
  readonly adminEnv: Readonly<Record<string, string>>;
}

/**
 * synth → terraform init → `terraform output -json` → admin kubeconfig from the state bucket, as
 * one step: nothing here changes the cluster.
 */
export async function openKopsSession(target: ClusterTarget, ctx: KopsDay2Context): Promise<KopsSession> {
  synthesize(ctx.spec, [target], { root: ctx.root, now: ctx.now, backends: ctx.backend ? { [target.id]: ctx.backend } : undefined });
  const tf = new TerraformCli(ctx.runner, stackDir(ctx.root, target.id), { stream: ctx.stream });
  await tf.init();
  const outputs = stringOutputs(await tf.output());
  const kubeconfig = kubeconfigPath(ctx.root, target.id);
  fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
  const access = CLUSTER_ACCESS[target.id];
  const adminEnv = access.session ? await access.session(outputs, ctx.runner) : {};
  for (const command of access.credentials(outputs, kubeconfig)) {
    await runChecked(ctx.runner, command, { cwd: ctx.root, env: adminEnv });
  }
  return {
    tf,
    outputs,
    region: requireOutput(outputs, 'cluster_region'),
    bucket: requireOutput(outputs, 'state_bucket_name'),
    kubeconfig,
    adminEnv,
  };
}

/**
 * Asks the user to type the cluster name unless `yes`; false when the answer differs or nobody can
 * be asked (stdin is not a terminal and `yes` is not given).
 */
export async function confirmClusterName(ctx: KopsDay2Context, steps: StepReporter, action: string): Promise<boolean> {
  if (ctx.yes) return true;
  const cluster = ctx.spec.cluster.name;
  if (!ctx.interactive || !ctx.prompt) {
    steps.note(`refused: ${action} needs --yes when stdin is not a terminal`);
    return false;
  }
  const answer = (await ctx.prompt(`Type the cluster name (${cluster}) to ${action}: `)).trim();
  if (answer !== cluster) {
    steps.note(`refused: '${answer}' is not ${cluster}`);
    return false;
  }
  return true;
}
