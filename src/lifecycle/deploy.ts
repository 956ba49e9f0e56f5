import * as fs from 'fs';
import * as path from 'path';
import { readSynthOutput } from '../analysis/inventory/read-synth-output';
import { SERVICE_PORT } from '../k8s/workload-exposure';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import { MANIFESTS_DIR, resynthesizeManifests, synthesize, type TargetSynthResult } from '../synth/synthesize';
import type { BackendConfig, ClusterTarget, InfraOutputs } from '../targets/cluster-target';
import { describeBackend } from './backend-option';
import { CLUSTER_ACCESS, kubeconfigPath } from './cluster-access';
import { runChecked } from './command-runner';
import { Kubectl, RolloutError, rolloutTargets, waitForRollouts } from './kubectl';
import {
  StepFailedError,
  StepReporter,
  formatDuration,
  pollOptions,
  pollUntil,
  relativeToRoot,
  stackDir,
  type LifecycleContext,
} from './lifecycle-context';
import { AddonInstallError, checkHelmAvailable, installPlatformAddons } from './platform-addons-install';
import { analyseDisruption } from './plan/disruption';
import type { PlanJson } from './plan/plan-summary';
import { DEPLOY_PLAN_FILE, TerraformCli, stringOutputs } from './terraform-cli';
import { ADDRESS_POLL_INTERVAL_MS, ADDRESS_TIMEOUT_MS, NoAddressError, waitForAddress, type WorkloadAddress } from './wait-for-address';

export { ROLLOUT_TIMEOUT_SECONDS } from './kubectl';

export interface DeployContext extends LifecycleContext {
  readonly spec: ResolvedAppSpec;
  /** @default - local state under .orquesta/state/<target>/ */
  readonly backend?: BackendConfig;
  /** The command line that repeats this run, for "how to resume" messages. */
  readonly rerun: string;
  /** Called once the stack is synthesized, before anything exists in the cloud (lab up records the lab here). */
  readonly afterSynth?: (result: TargetSynthResult) => void;
  /**
   * Apply a plan that replaces the cluster (or more than half of the etcd members at once).
   * Without it such a plan is refused before anything changes. @default false
   */
  readonly allowReplace?: boolean;
}

export interface DeployResult {
  readonly ok: boolean;
  /** The step that failed. @default - none */
  readonly failedStep?: string;
  /** Stack outputs once `terraform apply` succeeded. */
  readonly outputs?: InfraOutputs;
  /** Where the workload answers, once its load balancer has an address. @default - none (cluster-only exposure, or not got that far) */
  readonly address?: WorkloadAddress;
}

/** A plan that replaces the cluster, refused without `allowReplace`; nothing was applied. */
export class ReplaceRefusedError extends Error {
  constructor(public readonly changes: readonly string[]) {
    super(
      `refusing to apply: this plan replaces the cluster, and everything running in it stops:\n${changes.map((c) => `    - ${c}`).join('\n')}`,
    );
    this.name = 'ReplaceRefusedError';
  }
}

/** synth, terraform init, terraform apply, credentials, platform add-ons, kubectl apply, wait for the address. */
export const DEPLOY_STEPS = 7;

/** API groups every Kubernetes API server serves; anything else needs a CRD. */
const BUILT_IN_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'apps',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'storage.k8s.io',
  'rbac.authorization.k8s.io',
  'batch',
]);

function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Deploys one target: synth → terraform init → terraform apply (of a saved plan) → cluster
 * credentials into `.orquesta/kube/<target>.yaml` → the target's platform add-ons (helm and
 * manifests; terraform ones exist already) → `kubectl apply --server-side` of the workload
 * (its Namespace first) and rollout → the load balancer's address and the URL.
 * After the apply the manifests are synthesized again with the stack's outputs, so identity
 * annotations that need them (IRSA role ARN, Azure client id) are filled in.
 * Every step is idempotent, so the resume advice after a failure is always "run it again".
 */
export async function deploy(target: ClusterTarget, ctx: DeployContext): Promise<DeployResult> {
  const started = (ctx.clock ?? Date.now)();
  const steps = new StepReporter(ctx.io, DEPLOY_STEPS);
  const tf = new TerraformCli(ctx.runner, stackDir(ctx.root, target.id), { stream: ctx.stream });
  const kubeconfig = kubeconfigPath(ctx.root, target.id);
  const kubectl = new Kubectl(ctx.runner, kubeconfig, { cwd: ctx.root, stream: ctx.stream });
  const access = CLUSTER_ACCESS[target.id];
  const synthOptions = { root: ctx.root, now: ctx.now, backends: ctx.backend ? { [target.id]: ctx.backend } : undefined };
  const kubectlHint = `kubectl --kubeconfig ${relativeToRoot(ctx.root, kubeconfig)}`;

  ctx.io.out(
    `Deploying ${ctx.spec.cluster.name} to ${target.displayName} (${target.region(ctx.spec)}); state: ${describeBackend(ctx.backend, target.id)}`,
  );
  let outputs: InfraOutputs | undefined;
  let address: WorkloadAddress | undefined;
  const namespace = ctx.spec.workload.namespace;
  try {
    await steps.run('synth', `fix the problem above, then re-run \`${ctx.rerun}\``, async () => {
      const [result] = synthesize(ctx.spec, [target], synthOptions);
      steps.note(
        `${relativeToRoot(ctx.root, result.stackFile)}: ${result.resourceCount} resources; ${relativeToRoot(ctx.root, result.manifestDir)}: ${result.manifestCount} objects`,
      );
      await checkHelmAvailable(ctx.runner, target.platformAddons(ctx.spec, {}), ctx.root);
      ctx.afterSynth?.(result);
    });

    await steps.run(
      'terraform init',
      `check the backend settings and that terraform can reach its providers (registry or the mirror in TF_CLI_CONFIG_FILE), then re-run \`${ctx.rerun}\``,
      () => tf.init(),
    );

    outputs = await steps.run(
      'terraform apply',
      (error) =>
        error instanceof ReplaceRefusedError
          ? `review the plan with \`orquesta plan\`; to replace the cluster anyway, re-run \`${ctx.rerun} --allow-replace\``
          : `re-run \`${ctx.rerun}\`: terraform apply is idempotent and continues from the state (${describeBackend(ctx.backend, target.id)})`,
      async () => {
        await tf.plan();
        const disruption = analyseDisruption((await tf.show(DEPLOY_PLAN_FILE)) as PlanJson, {}, 'state');
        if (disruption.replacesCluster && !ctx.allowReplace) {
          throw new ReplaceRefusedError(
            disruption.disruptive.filter((d) => d.kind === 'cluster' || d.kind === 'control-plane').map((d) => d.summary),
          );
        }
        await tf.apply();
        const applied = stringOutputs(await tf.output());
        resynthesizeManifests(ctx.spec, target, { root: ctx.root, now: ctx.now, outputs: applied });
        steps.note(`dist/k8s/${target.id} re-synthesized with the ${Object.keys(applied).length} stack outputs (identity annotations)`);
        return applied;
      },
    );
    const applied = outputs;

    await steps.run(
      'credentials',
      `the cluster exists; check that \`${access.loginCheck}\` shows the identity that created it, then re-run \`${ctx.rerun}\` (terraform will find nothing to change)`,
      async () => {
        fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
        await fetchCredentials(ctx, target, applied, kubeconfig);
        steps.note(`kubeconfig: ${relativeToRoot(ctx.root, kubeconfig)} (your default kubeconfig is unchanged)`);
      },
    );

    await steps.run(
      'platform add-ons',
      (error) =>
        error instanceof AddonInstallError
          ? `the cluster is up; see \`${error.inspect.command} --kubeconfig ${relativeToRoot(ctx.root, kubeconfig)} ${error.inspect.args.join(' ')}\`, fix the cause, then re-run \`${ctx.rerun}\` (installs are idempotent)`
          : `re-run \`${ctx.rerun}\` (installs are idempotent)`,
      () =>
        installPlatformAddons(target.platformAddons(ctx.spec, applied), {
          runner: ctx.runner,
          kubectl,
          root: ctx.root,
          target: target.id,
          note: (text) => steps.note(text),
          stream: ctx.stream,
        }),
    );

    await steps.run(
      'kubectl apply --server-side',
      (error) =>
        error instanceof RolloutError
          ? `the manifests are applied; see \`${kubectlHint} get pods -n ${error.namespace}\` and \`describe ${error.resource}\`, fix the cause, then re-run \`${ctx.rerun}\``
          : `re-run \`${ctx.rerun}\` (server-side apply is idempotent), or apply by hand: \`${kubectlHint} apply --server-side -f ${relativeToRoot(ctx.root, path.join(ctx.root, MANIFESTS_DIR, target.id, `${ctx.spec.workload.name}.yaml`))}\``,
      async () => {
        const manifests = readSynthOutput(ctx.root, target.id).manifests;
        // The Namespace (labelled with Pod Security and the lab tags) before anything that lives in it;
        // then built-in kinds; objects of a CRD (the Prometheus scrape objects) only where the cluster
        // has that CRD, so a cluster without prometheus-operator still gets the workload.
        const namespaces = manifests.filter((m) => m.kind === 'Namespace');
        const custom = manifests.filter((m) => !BUILT_IN_API_GROUPS.has(apiGroup(m.apiVersion)));
        await kubectl.applyObjects(namespaces);
        await kubectl.applyObjects(manifests.filter((m) => !custom.includes(m) && !namespaces.includes(m)));
        for (const m of custom) {
          const crd = `${m.kind.toLowerCase()}s.${apiGroup(m.apiVersion)}`;
          if (await kubectl.hasCrd(crd)) await kubectl.applyObjects([m]);
          else steps.note(`skipped ${m.kind}/${m.metadata.name}: the cluster has no ${crd} CRD (install its operator, then re-run deploy)`);
        }
        await waitForRollouts(kubectl, rolloutTargets(manifests, namespace), (text) => steps.note(text));
      },
    );

    await steps.run(
      'wait for the address',
      (error) =>
        error instanceof NoAddressError
          ? [
              `see the events of the object: \`${kubectlHint} describe ${error.resource} --namespace ${error.namespace}\``,
              ...(error.provider.inspect ? [`and the controller: \`${kubectlHint} ${error.provider.inspect.join(' ')}\``] : []),
              `fix the cause, then re-run \`${ctx.rerun}\` (everything before is idempotent)`,
            ].join('; ')
          : `re-run \`${ctx.rerun}\``,
      async () => {
        const adaptation = target.kubernetes(ctx.spec, { now: ctx.now, outputs: applied });
        address = await waitForAddress({
          kubectl,
          workload: ctx.spec.workload,
          provider: adaptation.loadBalancerProvider,
          poll: pollOptions(ctx, ADDRESS_TIMEOUT_MS, ADDRESS_POLL_INTERVAL_MS),
          note: (text) => steps.note(text),
        });
        if (!address) {
          steps.note(
            `cluster-only exposure: no external address; try \`${kubectlHint} port-forward --namespace ${namespace} svc/${ctx.spec.workload.name} 8080:${SERVICE_PORT}\``,
          );
          return;
        }
        steps.note(`${address.resource}: ${address.address}`);
        for (const text of address.notes) steps.note(text);
      },
    );
  } catch (error) {
    if (error instanceof StepFailedError) return { ok: false, failedStep: error.step, outputs };
    throw error;
  }
  const elapsed = formatDuration((ctx.clock ?? Date.now)() - started);
  ctx.io.out(
    `✔ ${ctx.spec.workload.name} runs on ${target.displayName} cluster ${ctx.spec.cluster.name} (${elapsed})${address ? `: ${address.url}` : ''}`,
  );
  ctx.io.out(`  Try: ${kubectlHint} get pods,svc --namespace ${namespace}`);
  return { ok: true, outputs, ...(address ? { address } : {}) };
}

/** Runs the target's credential commands, retrying for as long as its capability row says they may not be ready. */
export async function fetchCredentials(
  ctx: LifecycleContext,
  target: ClusterTarget,
  outputs: InfraOutputs,
  kubeconfig: string,
): Promise<void> {
  const access = CLUSTER_ACCESS[target.id];
  const commands = access.credentials(outputs, kubeconfig);
  const attempt = async (): Promise<unknown> => {
    try {
      const env = access.session ? await access.session(outputs, ctx.runner) : {};
      for (const command of commands) await runChecked(ctx.runner, command, { cwd: ctx.root, env });
      return undefined;
    } catch (error) {
      return error;
    }
  };
  const retry = access.credentialsRetry;
  const { value: lastError } = retry
    ? await pollUntil(
        attempt,
        (e) => e === undefined,
        pollOptions(ctx, retry.timeoutMs, retry.intervalMs),
        () => ctx.io.out(`      credentials not available yet; retrying in ${retry.intervalMs / 1000}s`),
      )
    : { value: await attempt() };
  if (lastError !== undefined) throw lastError;
  // Admin credentials (kops) must not be world-readable.
  if (fs.existsSync(kubeconfig)) fs.chmodSync(kubeconfig, 0o600);
}
