import * as fs from 'fs';
import * as path from 'path';
import { selectorLabels } from '../k8s/labels';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import { synthesize } from '../synth/synthesize';
import type { BackendConfig, ClusterTarget, InfraOutputs } from '../targets/cluster-target';
import { TAG_CLUSTER, TAG_EXPIRES_AT, TAG_LAB, TAG_OWNER } from '../targets/common/common-tags';
import { describeBackend } from './backend-option';
import { CLUSTER_ACCESS, kubeconfigPath, type CloudListing, type WorkloadFootprint } from './cluster-access';
import { runChecked } from './command-runner';
import { fetchCredentials } from './deploy';
import { Kubectl } from './kubectl';
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
import { TerraformCli, stateResources, stringOutputs } from './terraform-cli';

/**
 * How long to wait for Services, Ingresses and PVCs to be deleted. Their finalizers are removed
 * once the controllers have deleted the cloud side; an NLB target group drains for its
 * deregistration delay first (300 s by default:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#deregistration-delay),
 * so 10 minutes is that twice over.
 */
export const KUBERNETES_DELETE_TIMEOUT_SECONDS = 600;
/**
 * How long to wait for the cloud listing to come back empty after the Kubernetes objects are gone:
 * GCP forwarding and firewall rules and Azure load-balancer rules are removed asynchronously and
 * usually take 1-5 minutes; 15 minutes leaves room before calling it stuck.
 */
export const CLOUD_LEFTOVERS_TIMEOUT_MS = 15 * 60_000;
/** One listing round every 15 s: deletions take minutes, and the tagging/list APIs are rate limited. */
export const CLOUD_POLL_INTERVAL_MS = 15_000;
/** A reachable API server answers /readyz in well under a second; 20 s also covers a slow VPN. */
export const API_PROBE_TIMEOUT_SECONDS = 20;

export interface DestroyContext extends LifecycleContext {
  readonly spec: ResolvedAppSpec;
  /** @default - local state under .orquesta/state/<target>/ */
  readonly backend?: BackendConfig;
  readonly rerun: string;
  /** The user said --yes: no confirmation. */
  readonly yes: boolean;
  /** The user said --force: destroy a non-lab cluster, or one whose API is gone. */
  readonly force: boolean;
  /** stdin is a terminal, so the user can be asked to type the cluster name. */
  readonly interactive: boolean;
  /** Asks one question and returns the answer. @default - none; required when `interactive` */
  readonly prompt?: (question: string) => Promise<string>;
  /** The synthesis time to use (a lab's creation time reproduces its tags). @default ctx.now */
  readonly synthNow?: Date;
  /** Called once the state is empty (destroyed, or there was nothing). */
  readonly onDestroyed?: () => void;
}

export type DestroyOutcome = 'destroyed' | 'nothing-to-destroy' | 'refused' | 'failed';

/**
 * Which of the workload's objects to delete before `terraform destroy`, and by which label.
 * Every top-level object of the chart carries the cluster label (chart-wide labels); PVCs made from
 * a StatefulSet's volumeClaimTemplates carry only the selector labels. Deployments and StatefulSets
 * go too: a PVC in use by a pod stays in Terminating (kubernetes.io/pvc-protection).
 */
function cleanupSelections(spec: ResolvedAppSpec): Array<{ kinds: string[]; waitFor: string[]; selector: string }> {
  const [nameKey, nameValue] = Object.entries(selectorLabels(spec.workload))[0];
  return [
    {
      kinds: ['deployment', 'statefulset', 'service', 'ingress'],
      waitFor: ['service', 'ingress'],
      selector: `${TAG_CLUSTER}=${spec.cluster.name}`,
    },
    { kinds: ['persistentvolumeclaim'], waitFor: ['persistentvolumeclaim'], selector: `${nameKey}=${nameValue}` },
  ];
}

/**
 * Tears a target down in the order that keeps Terraform from failing or orphaning resources
 * (terraform-aws-eks#2808, pulumi-eks#194, CAPA#1718): the load balancers and disks Kubernetes
 * created are not in the Terraform state, and while they exist they hold the VPC's subnets and
 * security groups. So: delete the workload's Services, Ingresses and PVCs, wait until the cloud
 * listing shows nothing of them, and only then `terraform destroy`.
 */
export async function destroy(target: ClusterTarget, ctx: DestroyContext): Promise<DestroyOutcome> {
  const cluster = ctx.spec.cluster.name;
  const refuse = (why: string): DestroyOutcome => {
    ctx.io.err(`✗ refusing to destroy ${target.id} cluster ${cluster}: ${why}`);
    return 'refused';
  };
  if (!ctx.yes && !(ctx.interactive && ctx.prompt)) {
    return refuse('pass --yes to confirm (stdin is not a terminal, so orquesta cannot ask). Nothing was run.');
  }
  const started = (ctx.clock ?? Date.now)();
  const steps = new StepReporter(ctx.io, 7);
  const tf = new TerraformCli(ctx.runner, stackDir(ctx.root, target.id), { stream: ctx.stream });
  const kubeconfig = kubeconfigPath(ctx.root, target.id);
  const kubectl = new Kubectl(ctx.runner, kubeconfig, { cwd: ctx.root });
  const access = CLUSTER_ACCESS[target.id];
  const stateAt = describeBackend(ctx.backend, target.id);
  const again = `re-run \`${ctx.rerun}\``;

  ctx.io.out(`Destroying ${cluster} on ${target.displayName} (${target.region(ctx.spec)}); state: ${stateAt}`);

  try {
    await steps.run('synth', `fix the problem above, then ${again}`, async () => {
      synthesize(ctx.spec, [target], {
        root: ctx.root,
        now: ctx.synthNow ?? ctx.now,
        backends: ctx.backend ? { [target.id]: ctx.backend } : undefined,
      });
    });
    await steps.run('terraform init', `check the backend settings (${stateAt}), then ${again}`, () => tf.init());

    const review = await steps.run('review what will be destroyed', again, async () => {
      const resources = stateResources(await tf.show());
      return { resources, lab: labTags(resources) };
    });
    if (review.resources.length === 0) {
      steps.note(`the state (${stateAt}) has no resources: nothing to destroy`);
      ctx.onDestroyed?.();
      return 'nothing-to-destroy';
    }
    printSummary(ctx, target, review.resources, review.lab, stateAt);
    if (!review.lab && !ctx.force) {
      return refuse(`its resources carry no ${TAG_LAB}=true tag, so it is not a lab environment; pass --force to destroy it anyway.`);
    }
    if (!ctx.yes) {
      const answer = (await ctx.prompt!(`Type the cluster name (${cluster}) to destroy it: `)).trim();
      if (answer !== cluster) return refuse(`the answer '${answer}' is not '${cluster}'. Nothing was changed.`);
    }

    let outputs: InfraOutputs = {};
    const reachable = await steps.run('credentials', `check \`${access.loginCheck}\`, then ${again}`, async () => {
      outputs = stringOutputs(await tf.output());
      fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
      try {
        await fetchCredentials(ctx, target, outputs, kubeconfig);
        const probe = await kubectl.probe(API_PROBE_TIMEOUT_SECONDS);
        if (probe.code !== 0) throw new Error(probe.stderr.trim() || `kubectl exited with ${probe.code}`);
        return true;
      } catch (error) {
        steps.note(`the cluster API is unreachable: ${(error as Error).message.split('\n')[0]}`);
        return false;
      }
    });
    if (!reachable && !ctx.force) {
      return refuse(
        'its API is unreachable, so the load balancers and disks Kubernetes created cannot be deleted through it. ' +
          'If the cluster is already gone, pass --force to run terraform destroy anyway and check the cloud for orphaned load balancers and disks.',
      );
    }

    let footprint: WorkloadFootprint = { loadBalancers: [], volumes: [] };
    await steps.run(
      "delete the workload's Services, Ingresses and PVCs",
      `see \`kubectl --kubeconfig ${relativeToRoot(ctx.root, kubeconfig)} get svc,ingress,pvc -A\` (a finalizer whose controller is not running never clears), then ${again}`,
      async () => {
        if (!reachable) {
          steps.note('skipped: the API is unreachable (--force)');
          return;
        }
        footprint = await deleteWorkloadObjects(kubectl, cleanupSelections(ctx.spec), (t) => steps.note(t));
      },
    );

    await steps.run(
      'wait until the cloud resources Kubernetes created are gone',
      `delete what is listed above (or wait), then ${again}`,
      async () => {
        const lookup = async (command: Parameters<typeof runChecked>[1]) =>
          (await runChecked(ctx.runner, command, { cwd: ctx.root })).stdout.trim();
        const listings = await access.leftovers(outputs, footprint, lookup);
        const listAll = () => listLeftovers(ctx, listings);
        if (!reachable) {
          const left = await listAll();
          if (left.length > 0)
            steps.note(`not waiting (--force); still there, delete by hand if terraform destroy fails: ${formatLeftovers(left)}`);
          return;
        }
        const { value, done } = await pollUntil(
          listAll,
          (left) => left.length === 0,
          pollOptions(ctx, CLOUD_LEFTOVERS_TIMEOUT_MS, CLOUD_POLL_INTERVAL_MS),
          (left) => steps.note(`still there: ${formatLeftovers(left)}; checking again in ${CLOUD_POLL_INTERVAL_MS / 1000}s`),
        );
        if (!done) {
          throw new Error(
            `after ${formatDuration(CLOUD_LEFTOVERS_TIMEOUT_MS)} these are still there: ${formatLeftovers(value)}. ` +
              'They are not in the Terraform state and would block or outlive terraform destroy.',
          );
        }
        steps.note(`nothing left (${listings.length} listing${listings.length === 1 ? '' : 's'} checked)`);
      },
    );

    await steps.run('terraform destroy', `${again}: terraform destroy continues with what is left in the state`, () => tf.destroy());
  } catch (error) {
    if (error instanceof StepFailedError) return 'failed';
    throw error;
  }
  ctx.onDestroyed?.();
  ctx.io.out(`✔ destroyed ${target.displayName} cluster ${cluster} (${formatDuration((ctx.clock ?? Date.now)() - started)})`);
  return 'destroyed';
}

/** Lab tags found on any resource of the state: `tags_all` (AWS), `labels` (GCP), `tags` (Azure) and friends. */
export function labTags(resources: ReadonlyArray<{ values: Record<string, unknown> }>): { owner?: string; expiresAt?: string } | undefined {
  for (const r of resources) {
    for (const attribute of Object.values(r.values)) {
      if (attribute && typeof attribute === 'object' && !Array.isArray(attribute)) {
        const tags = attribute as Record<string, unknown>;
        if (tags[TAG_LAB] === 'true') return { owner: asString(tags[TAG_OWNER]), expiresAt: asString(tags[TAG_EXPIRES_AT]) };
      }
    }
  }
  return undefined;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Most frequent resource types shown in the confirmation; the rest are counted. */
const SUMMARY_TYPES = 8;

function printSummary(
  ctx: DestroyContext,
  target: ClusterTarget,
  resources: ReadonlyArray<{ type: string }>,
  lab: { owner?: string; expiresAt?: string } | undefined,
  stateAt: string,
): void {
  const byType = new Map<string, number>();
  for (const r of resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const types = [...byType.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = types.slice(0, SUMMARY_TYPES).map(([t, n]) => `${n} ${t}`);
  const more = types.length > SUMMARY_TYPES ? `, and ${types.length - SUMMARY_TYPES} more types` : '';
  ctx.io.out(
    [
      `      This destroys ${target.displayName} cluster ${ctx.spec.cluster.name} (${target.region(ctx.spec)}):`,
      `      ${resources.length} resources in ${stateAt}: ${shown.join(', ')}${more}`,
      lab
        ? `      lab environment: owner ${lab.owner ?? '?'}, expires ${lab.expiresAt ?? '?'}`
        : `      NOT a lab environment (no ${TAG_LAB}=true tag)`,
      "      first the workload's LoadBalancer Services, Ingresses and PVCs are deleted and their cloud resources waited for",
    ].join('\n'),
  );
}

async function deleteWorkloadObjects(
  kubectl: Kubectl,
  selections: ReadonlyArray<{ kinds: string[]; waitFor: string[]; selector: string }>,
  note: (text: string) => void,
): Promise<WorkloadFootprint> {
  const found = [];
  for (const s of selections) found.push(...(await kubectl.getItems(s.waitFor, s.selector)));
  const loadBalancers = found
    .filter((i) => (i.kind === 'Service' && i.spec?.type === 'LoadBalancer') || i.kind === 'Ingress')
    .map((i) => `${i.metadata.namespace ?? 'default'}/${i.metadata.name}`);
  const volumes = found.filter((i) => i.kind === 'PersistentVolumeClaim' && i.spec?.volumeName).map((i) => i.spec!.volumeName!);
  note(
    `found ${found.length} object${found.length === 1 ? '' : 's'}: ${found.map((i) => `${i.kind.toLowerCase()}/${i.metadata.name}`).join(', ') || 'none'}`,
  );
  for (const s of selections) await kubectl.delete(s.kinds, s.selector);
  for (const s of selections) await kubectl.waitDeleted(s.waitFor, s.selector, KUBERNETES_DELETE_TIMEOUT_SECONDS);
  return { loadBalancers, volumes };
}

interface Leftover {
  readonly what: string;
  readonly ids: readonly string[];
}

async function listLeftovers(ctx: LifecycleContext, listings: readonly CloudListing[]): Promise<Leftover[]> {
  const left: Leftover[] = [];
  for (const listing of listings) {
    const ids = listing.parse((await runChecked(ctx.runner, listing.command, { cwd: ctx.root })).stdout);
    if (ids.length > 0) left.push({ what: listing.what, ids });
  }
  return left;
}

function formatLeftovers(left: readonly Leftover[]): string {
  return left.map((l) => `${l.what}: ${l.ids.join(', ')}`).join('; ');
}
