import { TAG_CLUSTER } from '../../targets/common/common-tags';
import type { ClusterTarget } from '../../targets/cluster-target';
import { CLUSTER_VERSION_KEY } from '../../targets/kops/user-data/cluster-version';
import { KOPS_BOOTSTRAP_TAGS } from '../../targets/kops/kops-defaults';
import { ROLE_TAG } from '../../targets/kops/kops-instance-group';
import {
  kopsKubernetesPin,
  KOPS_MAX_MINOR_STEP,
  kopsSupportedMinors,
  minorNumber,
  type KopsKubernetesPin,
} from '../../targets/kops/kops-versions';
import { KOPS_DRAIN_HOOK, kopsWorkerRoll } from '../../targets/kops/kops-worker-roll';
import { NODE_POOL_LABEL } from '../../targets/common/kubernetes-common';
import { runChecked } from '../command-runner';
import { StepFailedError, StepReporter, pollOptions, pollUntil } from '../lifecycle-context';
import { apiHealthGate, allKubeletVersions, etcdHealthGate, kubeletVersion, GateFailedError } from './kops-gates';
import { refreshAddonsScript, upgradeMemberScript } from './kops-remote-scripts';
import { confirmClusterName, openKopsSession, type KopsDay2Context, type KopsSession } from './kops-session';
import {
  SSM_EXECUTION_TIMEOUT_SECONDS,
  SSM_POLL_INTERVAL_MS,
  controlPlaneInstances,
  runOnInstances,
  type ControlPlaneInstance,
} from './kops-ssm';

export interface KopsUpgradeContext extends KopsDay2Context {
  /** The minor to reach, `1.MM`; must equal the spec's `cluster.kubernetesVersion`. */
  readonly to: string;
}

export type UpgradeOutcome = 'upgraded' | 'up-to-date' | 'refused' | 'failed';

/** How long a gate waits: a restarted API server or etcd member is back within a minute or two. */
export const GATE_TIMEOUT_MS = 5 * 60_000;
export const GATE_INTERVAL_MS = 10_000;
/** A worker group's refresh: a node at a time of warm-up and drain; two hours covers a pool of a dozen nodes. */
export const WORKER_REFRESH_TIMEOUT_MS = 2 * 3600_000;
export const WORKER_REFRESH_INTERVAL_MS = 30_000;

/** Problems that refuse the upgrade before anything runs; [] when it may go ahead. */
export function upgradeRefusals(specVersion: string, to: string): string[] {
  const problems: string[] = [];
  if (!kopsSupportedMinors().includes(to)) problems.push(`--to ${to}: the kops target pins ${kopsSupportedMinors().join(', ')}`);
  if (specVersion !== to) {
    problems.push(
      `--to ${to} differs from cluster.kubernetesVersion (${specVersion}) in the spec: set it to ${to} first, so later applies keep the cluster there`,
    );
  }
  return problems;
}

/** The refusal when the running minor cannot go to `to` in one kubeadm upgrade, else undefined. */
export function skewRefusal(currentMinor: string, to: string): string | undefined {
  const step = minorNumber(to) - minorNumber(currentMinor);
  if (step < 0) return `the control plane runs ${currentMinor}; kubeadm does not downgrade to ${to}`;
  if (step > KOPS_MAX_MINOR_STEP) {
    const next = `1.${minorNumber(currentMinor) + 1}`;
    return `the control plane runs ${currentMinor}; kubeadm upgrades one minor at a time: upgrade to ${next} first (set cluster.kubernetesVersion to ${next} and run orquesta upgrade --target kops --to ${next})`;
  }
  return undefined;
}

const minorOf = (kubeletVersion: string): string => /^v?(1\.\d+)\./.exec(kubeletVersion)?.[1] ?? '';

/**
 * `orquesta upgrade --target kops --to 1.MM`: a kubeadm upgrade of the running cluster to the
 * pinned patch release of that minor, without taking the workload down:
 *  1. open: synth, terraform init and outputs, the admin kubeconfig;
 *  2. preflight: the members' kubelet versions (refuses skipping a minor or downgrading), API and
 *     etcd health;
 *  3. control plane, one member at a time: drain, `kubeadm upgrade apply` (first) or
 *     `kubeadm upgrade node` (others) with kubelet and kubectl bumped through SSM, uncordon, then
 *     wait for the kubelet version, the API (`/readyz`) and etcd (`endpoint health --cluster`,
 *     member count) before the next member;
 *  4. publish the version for nodes (`nodes/kubernetes-version` in the state bucket): every node
 *     that boots from now on installs exactly it;
 *  5. terraform apply: launch templates and tags carry the new version (no worker roll starts:
 *     the version is not in a worker's launch template), the bucket the new add-on manifests;
 *  6. the add-ons re-applied by the first member (the cloud controller manager and
 *     cluster-autoscaler follow the minor), after checking the bucket's index against the hash
 *     Terraform put on the control-plane launch template;
 *  7. workers, one group at a time: an instance refresh that launches before it terminates, each
 *     terminating node drained by the control plane through the lifecycle hook (the eviction API
 *     honours the PodDisruptionBudget), then every Node's kubelet version is checked.
 * Members and groups already at the version are skipped, so a failed run resumes where it stopped.
 */
export async function upgradeKops(target: ClusterTarget, ctx: KopsUpgradeContext): Promise<UpgradeOutcome> {
  const refusals = upgradeRefusals(ctx.spec.cluster.kubernetesVersion, ctx.to);
  if (refusals.length > 0) {
    for (const r of refusals) ctx.io.err(`refused: ${r}`);
    return 'refused';
  }
  const pin = kopsKubernetesPin(ctx.to);
  const want = `v${pin.kubernetes}`;
  const steps = new StepReporter(ctx.io, 7);
  const gate = pollOptions(ctx, GATE_TIMEOUT_MS, GATE_INTERVAL_MS);
  const resume = `fix the problem above, then re-run \`${ctx.rerun}\` (members already at ${want} are skipped)`;
  ctx.io.out(`Upgrading ${ctx.spec.cluster.name} (kops) to Kubernetes ${pin.kubernetes} (packages ${pin.packageVersion})`);
  try {
    const session = await steps.run('open the cluster', resume, () => openKopsSession(target, ctx));
    const { runner } = ctx;
    const preflight = await steps.run('preflight', resume, async () => {
      const found = await controlPlaneInstances(runner, session.region, ctx.spec.cluster.name);
      const expected = ctx.spec.cluster.kops.controlPlaneCount;
      if (found.length !== expected) throw new Error(`found ${found.length} running control-plane instances, expected ${expected}`);
      const versions = await Promise.all(found.map((m) => kubeletVersion(runner, session.kubeconfig, m.nodeName)));
      versions.forEach((v, i) => steps.note(`${found[i].nodeName}: ${v || 'not registered'}`));
      const minors = versions.map(minorOf).filter((m) => m !== '');
      if (minors.length !== found.length) throw new Error('every control-plane member must be a registered Node before an upgrade');
      const lowest = minors.sort((a, b) => minorNumber(a) - minorNumber(b))[0];
      const skew = skewRefusal(lowest, ctx.to);
      if (!skew) {
        await apiHealthGate(runner, session.kubeconfig, gate);
        await etcdHealthGate(runner, session.kubeconfig, found[0].nodeName, expected, gate);
      }
      return { skew, members: found.map((m, i) => ({ ...m, version: versions[i] })) };
    });
    if (preflight.skew) {
      ctx.io.err(`refused: ${preflight.skew}. Nothing was changed.`);
      return 'refused';
    }
    const { members } = preflight;

    const workersBefore = await allKubeletVersions(runner, session.kubeconfig);
    const memberNames = new Set(members.map((m) => m.nodeName));
    const workersBehind = Object.entries(workersBefore).filter(([name, v]) => !memberNames.has(name) && v !== want);
    if (members.every((m) => m.version === want) && workersBehind.length === 0) {
      ctx.io.out(`${ctx.spec.cluster.name} already runs ${want} on every node`);
      return 'up-to-date';
    }
    if (!(await confirmClusterName(ctx, steps, `upgrade it to ${pin.kubernetes}`))) return 'refused';

    await steps.run('control plane, one member at a time', resume, async () => {
      let applied = members.some((m) => m.version === want);
      for (const member of members) {
        if (member.version === want) {
          steps.note(`${member.nodeName}: already ${want}`);
          continue;
        }
        await upgradeMember(ctx, session, member, pin, !applied, steps);
        applied = true;
        const version = await pollUntil(
          () => kubeletVersion(runner, session.kubeconfig, member.nodeName),
          (v) => v === want,
          gate,
        );
        if (!version.done)
          throw new GateFailedError(`kubelet version of ${member.nodeName}`, `reports ${version.value || 'nothing'}, expected ${want}`);
        await apiHealthGate(runner, session.kubeconfig, gate);
        await etcdHealthGate(runner, session.kubeconfig, member.nodeName, members.length, gate);
        steps.note(`${member.nodeName}: ${want}, API ready, etcd ${members.length}/${members.length} healthy`);
      }
    });

    await steps.run('publish the version for new nodes', resume, async () => {
      await runChecked(
        runner,
        {
          command: 'aws',
          args: [
            's3',
            'cp',
            '--only-show-errors',
            // SSE-S3, not the bucket's default cluster key: the workers read it and may not use that key.
            '--sse',
            'AES256',
            '--region',
            session.region,
            '-',
            `s3://${session.bucket}/${CLUSTER_VERSION_KEY}`,
          ],
        },
        { input: clusterVersionFile(pin) },
      );
      steps.note(`s3://${session.bucket}/${CLUSTER_VERSION_KEY}: ${pin.kubernetes}`);
    });

    await steps.run('terraform apply', resume, async () => {
      await session.tf.plan();
      await session.tf.apply();
    });

    await steps.run('add-ons for the new version', resume, async () => {
      const template = `${ctx.spec.cluster.name}-kops-control-plane-0`;
      const tag = await runChecked(runner, {
        command: 'aws',
        args: [
          'ec2',
          'describe-launch-template-versions',
          '--region',
          session.region,
          '--launch-template-name',
          template,
          '--versions',
          '$Latest',
          '--query',
          `LaunchTemplateVersions[0].LaunchTemplateData.TagSpecifications[?ResourceType=='instance'] | [0].Tags[?Key=='${KOPS_BOOTSTRAP_TAGS.bootstrapSha256}'] | [0].Value`,
          '--output',
          'text',
        ],
      });
      const sums = tag.stdout.trim();
      if (!/^[0-9a-f]{64}$/.test(sums))
        throw new Error(`launch template ${template} has no ${KOPS_BOOTSTRAP_TAGS.bootstrapSha256} tag (got '${sums}')`);
      await runOnInstances(
        runner,
        session.region,
        [members[0].instanceId],
        `orquesta upgrade ${ctx.spec.cluster.name}: add-ons`,
        refreshAddonsScript(sums),
        pollOptions(ctx, SSM_EXECUTION_TIMEOUT_SECONDS * 1000, SSM_POLL_INTERVAL_MS),
      );
      steps.note(`${members[0].nodeName}: add-ons re-applied (index ${sums.slice(0, 12)}…)`);
    });

    await steps.run('workers, one group at a time', resume, () => rollWorkers(ctx, session, want, steps));
    ctx.io.out(`✓ ${ctx.spec.cluster.name} runs Kubernetes ${pin.kubernetes} on every node`);
    return 'upgraded';
  } catch (error) {
    if (error instanceof StepFailedError) return 'failed';
    throw error;
  }
}

/** `nodes/kubernetes-version`: what a booting node installs (see the bootstrap's `load_cluster_version`). */
export function clusterVersionFile(pin: KopsKubernetesPin): string {
  return `K8S_MINOR=${pin.minor}\nK8S_VERSION=${pin.kubernetes}\nK8S_PACKAGE_VERSION=${pin.packageVersion}\n`;
}

async function upgradeMember(
  ctx: KopsUpgradeContext,
  session: KopsSession,
  member: ControlPlaneInstance,
  pin: KopsKubernetesPin,
  first: boolean,
  steps: StepReporter,
): Promise<void> {
  const kubectl = (...args: string[]) =>
    runChecked(ctx.runner, { command: 'kubectl', args: ['--kubeconfig', session.kubeconfig, ...args] });
  steps.note(`${member.nodeName}: drain, kubeadm upgrade ${first ? 'apply' : 'node'}, kubelet ${pin.packageVersion}`);
  await kubectl(
    'drain',
    member.nodeName,
    '--ignore-daemonsets',
    '--delete-emptydir-data',
    `--timeout=${KOPS_DRAIN_HOOK.drainTimeoutSeconds}s`,
  );
  await runOnInstances(
    ctx.runner,
    session.region,
    [member.instanceId],
    `orquesta upgrade ${ctx.spec.cluster.name} to ${pin.kubernetes}`,
    upgradeMemberScript(pin, first),
    pollOptions(ctx, SSM_EXECUTION_TIMEOUT_SECONDS * 1000, SSM_POLL_INTERVAL_MS),
  );
  await kubectl('uncordon', member.nodeName);
}

interface WorkerGroup {
  readonly name: string;
  readonly pool: string;
}

async function workerGroups(ctx: KopsUpgradeContext, region: string): Promise<WorkerGroup[]> {
  const r = await runChecked(ctx.runner, {
    command: 'aws',
    args: [
      'autoscaling',
      'describe-auto-scaling-groups',
      '--region',
      region,
      '--filters',
      `Name=tag:${TAG_CLUSTER},Values=${ctx.spec.cluster.name}`,
      `Name=tag:${ROLE_TAG},Values=worker`,
      '--query',
      `AutoScalingGroups[].[AutoScalingGroupName,Tags[?Key=='${NODE_POOL_LABEL}']|[0].Value]`,
      '--output',
      'text',
    ],
  });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 2)
    .map(([name, pool]) => ({ name, pool }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function rollWorkers(ctx: KopsUpgradeContext, session: KopsSession, want: string, steps: StepReporter): Promise<void> {
  const { runner } = ctx;
  const aws = (...args: string[]) => runChecked(runner, { command: 'aws', args: ['autoscaling', ...args, '--region', session.region] });
  const refreshPoll = pollOptions(ctx, WORKER_REFRESH_TIMEOUT_MS, WORKER_REFRESH_INTERVAL_MS);
  for (const group of await workerGroups(ctx, session.region)) {
    const pool = ctx.spec.cluster.nodePools.find((p) => p.name === group.pool);
    if (!pool) throw new Error(`auto-scaling group ${group.name} is of pool '${group.pool}', which the spec does not have`);
    const roll = kopsWorkerRoll(ctx.spec, pool);
    // A refresh the apply started (e.g. for a new AMI pin) must end first: a group has one at a time.
    const busy = await pollUntil(
      () =>
        aws(
          'describe-instance-refreshes',
          '--auto-scaling-group-name',
          group.name,
          '--query',
          "InstanceRefreshes[?Status=='Pending'||Status=='InProgress'||Status=='Cancelling'].InstanceRefreshId",
          '--output',
          'text',
        ).then((r) => r.stdout.trim()),
      (ids) => ids === '',
      refreshPoll,
    );
    if (!busy.done) throw new Error(`${group.name}: instance refresh ${busy.value} is still running`);
    // A refresh the apply started replaced the nodes already, with the version published above.
    const behindNow = Object.values(await allKubeletVersions(runner, session.kubeconfig)).filter((v) => v !== want);
    if (behindNow.length === 0) {
      steps.note(`${group.name}: its nodes already run ${want}`);
      continue;
    }
    const started = await aws(
      'start-instance-refresh',
      '--auto-scaling-group-name',
      group.name,
      '--strategy',
      'Rolling',
      '--preferences',
      JSON.stringify({
        MinHealthyPercentage: roll.minHealthyPercentage,
        MaxHealthyPercentage: roll.maxHealthyPercentage,
        InstanceWarmup: roll.instanceWarmupSeconds,
        SkipMatching: false,
      }),
      '--query',
      'InstanceRefreshId',
      '--output',
      'text',
    );
    const id = started.stdout.trim();
    steps.note(
      `${group.name}: instance refresh ${id} (${roll.nodesAtOnce} node(s) at a time, never below ${roll.minHealthyPercentage}% capacity)`,
    );
    const ended = await pollUntil(
      () =>
        aws(
          'describe-instance-refreshes',
          '--auto-scaling-group-name',
          group.name,
          '--instance-refresh-ids',
          id,
          '--query',
          'InstanceRefreshes[0].Status',
          '--output',
          'text',
        ).then((r) => r.stdout.trim()),
      (s) => !['Pending', 'InProgress', 'Cancelling', ''].includes(s),
      refreshPoll,
    );
    if (ended.value !== 'Successful')
      throw new Error(`${group.name}: instance refresh ${id} ended ${ended.done ? ended.value : 'not within the time allowed'}`);
  }
  const versions = await allKubeletVersions(runner, session.kubeconfig);
  const behind = Object.entries(versions).filter(([, v]) => v !== want);
  if (behind.length > 0) throw new GateFailedError('node versions', behind.map(([n, v]) => `${n} at ${v}`).join(', '));
  steps.note(`${Object.keys(versions).length} nodes at ${want}`);
}
