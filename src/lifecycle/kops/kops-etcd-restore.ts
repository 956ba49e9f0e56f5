import type { ClusterTarget } from '../../targets/cluster-target';
import { KOPS_STATE_KEYS } from '../../targets/kops/kops-defaults';
import { runChecked } from '../command-runner';
import { StepFailedError, StepReporter, pollOptions } from '../lifecycle-context';
import { apiHealthGate, etcdHealthGate } from './kops-gates';
import { restoreMemberScript, startControlPlaneScript, stopControlPlaneScript } from './kops-remote-scripts';
import { confirmClusterName, openKopsSession, type KopsDay2Context } from './kops-session';
import {
  SSM_EXECUTION_TIMEOUT_SECONDS,
  SSM_POLL_INTERVAL_MS,
  controlPlaneInstances,
  runOnInstances,
  type ControlPlaneInstance,
} from './kops-ssm';
import { GATE_INTERVAL_MS } from './kops-upgrade';

export interface KopsRestoreContext extends KopsDay2Context {
  /** An object key under `etcd-backups/` in the state bucket, or `latest`. */
  readonly snapshot: string;
}

export type RestoreOutcome = 'restored' | 'refused' | 'failed';

/** After a restore every member starts from the same data; 10 minutes covers image-less restarts of four static pods. */
export const RESTORE_GATE_TIMEOUT_MS = 10 * 60_000;

/** Why `snapshot` is not a key the restore accepts, else undefined. */
export function snapshotRefusal(snapshot: string): string | undefined {
  if (snapshot === 'latest') return undefined;
  if (!snapshot.startsWith(KOPS_STATE_KEYS.etcdBackupsPrefix) || snapshot.endsWith('/')) {
    return `--snapshot '${snapshot}': give 'latest' or an object key under ${KOPS_STATE_KEYS.etcdBackupsPrefix} in the state bucket`;
  }
  return undefined;
}

/** `name=https://ip:2380,...`: the restored cluster's members, as `etcdutl snapshot restore --initial-cluster` takes them. */
export function initialCluster(members: readonly ControlPlaneInstance[]): string {
  return members.map((m) => `${m.nodeName}=https://${m.privateIp}:2380`).join(',');
}

/**
 * `orquesta etcd-restore --target kops --snapshot <key|latest>`: puts a snapshot from the state
 * bucket back into the control plane, as etcd's disaster-recovery procedure does it for a
 * multi-member cluster (https://etcd.io/docs/v3.6/op-guide/recovery/ and
 * https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#restoring-an-etcd-cluster,
 * read 2026-12-01):
 *  1. open: synth, terraform init and outputs, the admin kubeconfig (same CA before and after);
 *  2. the snapshot: `latest` is the newest object under `etcd-backups/`; a key must exist;
 *  3. the members: every control-plane instance must run (a missing one would later join the
 *     restored cluster as a new member; here all are restored together), then confirmation;
 *  4. stop etcd, the API server, controller manager and scheduler on every member;
 *  5. restore on every member into a new data directory (`etcdutl snapshot restore` from the etcd
 *     image, one new cluster of all members, a fresh cluster token), the old data kept aside;
 *  6. start them again, etcd first, and gate on the API (`/readyz`) and etcd (every member healthy,
 *     member count).
 * The members may be fresh instances: one that could not join because no member was left (the
 * whole control plane was lost) is built from the state bucket first, with the cluster's CAs,
 * service-account keys and Secrets encryption key (see kops-remote-scripts.ts).
 */
export async function restoreKopsEtcd(target: ClusterTarget, ctx: KopsRestoreContext): Promise<RestoreOutcome> {
  const refusal = snapshotRefusal(ctx.snapshot);
  if (refusal) {
    ctx.io.err(`refused: ${refusal}`);
    return 'refused';
  }
  const steps = new StepReporter(ctx.io, 6);
  const ssmPoll = pollOptions(ctx, SSM_EXECUTION_TIMEOUT_SECONDS * 1000, SSM_POLL_INTERVAL_MS);
  const cluster = ctx.spec.cluster.name;
  const resume = `fix the problem above, then re-run \`${ctx.rerun}\`: every step can run again (a stopped control plane is started by step 6)`;
  ctx.io.out(`Restoring etcd of ${cluster} (kops) from ${ctx.snapshot}`);
  try {
    const session = await steps.run('open the cluster', resume, () => openKopsSession(target, ctx));
    const { runner } = ctx;
    // etcd-backups/ is open to the admin role only (the bucket's policy).
    const s3api = (...args: string[]) =>
      runChecked(
        runner,
        { command: 'aws', args: ['s3api', ...args, '--region', session.region, '--bucket', session.bucket] },
        { env: session.adminEnv },
      );

    const key = await steps.run('snapshot', resume, async () => {
      if (ctx.snapshot === 'latest') {
        const listed = await s3api(
          'list-objects-v2',
          '--prefix',
          KOPS_STATE_KEYS.etcdBackupsPrefix,
          '--query',
          'sort_by(Contents, &LastModified)[-1].[Key,LastModified]',
          '--output',
          'text',
        );
        const [found, modified] = listed.stdout.trim().split(/\s+/);
        if (!found || found === 'None') throw new Error(`no snapshot under s3://${session.bucket}/${KOPS_STATE_KEYS.etcdBackupsPrefix}`);
        steps.note(`${found} (${modified})`);
        return found;
      }
      await s3api('head-object', '--key', ctx.snapshot);
      steps.note(ctx.snapshot);
      return ctx.snapshot;
    });

    const members = await steps.run('members', resume, async () => {
      const found = await controlPlaneInstances(runner, session.region, cluster);
      const expected = ctx.spec.cluster.kops.controlPlaneCount;
      if (found.length !== expected)
        throw new Error(
          `found ${found.length} running control-plane instances, expected ${expected}: wait until the auto-scaling groups have replaced the missing ones`,
        );
      for (const m of found) steps.note(`${m.groupName}: ${m.instanceId} ${m.nodeName} ${m.privateIp}`);
      return found;
    });
    if (!(await confirmClusterName(ctx, steps, `replace all of its etcd data with ${key}`))) return 'refused';

    const ids = members.map((m) => m.instanceId);
    await steps.run('stop the control plane on every member', resume, () =>
      runOnInstances(runner, session.region, ids, `orquesta etcd-restore ${cluster}: stop`, stopControlPlaneScript(), ssmPoll),
    );
    const token = `orquesta-restore-${ctx.now
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}`;
    await steps.run('restore every member', resume, async () => {
      for (const m of members) {
        const script = restoreMemberScript({
          snapshotKey: key,
          memberName: m.nodeName,
          initialCluster: initialCluster(members),
          peerUrl: `https://${m.privateIp}:2380`,
          clusterToken: token,
        });
        await runOnInstances(runner, session.region, [m.instanceId], `orquesta etcd-restore ${cluster}: restore`, script, ssmPoll);
        steps.note(`${m.nodeName}: restored`);
      }
    });
    await steps.run('start the control plane and check it', resume, async () => {
      await runOnInstances(runner, session.region, ids, `orquesta etcd-restore ${cluster}: start`, startControlPlaneScript(), ssmPoll);
      const gate = pollOptions(ctx, RESTORE_GATE_TIMEOUT_MS, GATE_INTERVAL_MS);
      await apiHealthGate(runner, session.kubeconfig, gate);
      await etcdHealthGate(runner, session.kubeconfig, members[0].nodeName, members.length, gate);
      steps.note(`API ready, etcd ${members.length}/${members.length} healthy`);
    });
    ctx.io.out(`✓ ${cluster} runs from ${key}`);
    return 'restored';
  } catch (error) {
    if (error instanceof StepFailedError) return 'failed';
    throw error;
  }
}
