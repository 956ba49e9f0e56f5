import { selectedGroups } from '../../analysis/fault/placement';
import { drainAllowed } from '../../analysis/fault/scenarios';
import type { WorkloadInventory } from '../../analysis/inventory/inventory';
import type { ScenarioOutcome } from '../../analysis/report/comparison-report';
import { ruleFor, type DisruptionKind } from './disruption-rules';
import type { PlanJson, ResourceChange } from './plan-summary';
import type { Side } from './report-delta';

/** What a plan would do to a running cluster, per disruptive resource. */
export interface Disruption {
  readonly address: string;
  readonly type: string;
  readonly kind: DisruptionKind;
  readonly noun: string;
  /** `replace`: destroyed and re-created; `delete`: destroyed; `roll`: updated in place by replacing its nodes. */
  readonly action: 'replace' | 'delete' | 'roll';
  /** For a replacement: whether the new resource exists before the old one is destroyed. */
  readonly createBeforeDestroy: boolean | null;
  /** Attributes that force the replacement or roll the nodes. */
  readonly because: readonly string[];
  /** Nodes drained or deleted. */
  readonly nodes: number;
  /** Whether the workload keeps serving while this happens (null: it does not run there). */
  readonly keepsServing: boolean | null;
  /** One sentence for the PR comment. */
  readonly summary: string;
}

export interface SafeChange {
  readonly address: string;
  readonly type: string;
  readonly kind: DisruptionKind;
  readonly attributes: readonly string[];
  readonly summary: string;
}

/** `plan-report/<target>.disruption.json`: a public contract, fields only ever added. */
export interface DisruptionReport {
  /** What the plan was made against: the real state, or the base revision's would-be state. */
  readonly basis: 'state' | 'base-state';
  readonly disruptive: readonly Disruption[];
  readonly safe: readonly SafeChange[];
  /** A cluster (or every control-plane member at once) is replaced: `deploy` refuses without --allow-replace. */
  readonly replacesCluster: boolean;
}

function changedAttributes(rc: ResourceChange): string[] {
  const before = (rc.change.before ?? {}) as Record<string, unknown>;
  const after = (rc.change.after ?? {}) as Record<string, unknown>;
  const unknown = (rc.change.after_unknown ?? {}) as Record<string, unknown>;
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => n !== 'tags_all' && (unknown[n] === true || JSON.stringify(before[n]) !== JSON.stringify(after[n])))
    .sort();
}

/** Whether the PDB lets a drain evict one pod while every replica runs (the fault model's rule). */
function pdbAllowsEviction(w: WorkloadInventory): boolean {
  return drainAllowed(w, w.replicas);
}

function scenario(side: Side | undefined, id: ScenarioOutcome['id']): ScenarioOutcome | undefined {
  return side?.report.scenarios.find((s) => s.id === id);
}

/** Does the workload run on this node group (its nodeSelector selects the group's pool)? */
function runsOn(side: Side | undefined, address: string): { runs: boolean; only: boolean } {
  if (!side) return { runs: false, only: false };
  const selected = selectedGroups(side.inventory.workload, side.inventory.nodeGroups);
  const runs = selected.some((g) => g.address === address);
  return { runs, only: runs && selected.length === 1 };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reads the provider's plan (head against the running or would-be state) for changes that take
 * nodes, the control plane, load balancers or volumes away, and says how: replaced with or
 * without create-before-destroy, how many nodes are drained, and whether the PodDisruptionBudget
 * and the remaining capacity keep the workload serving. Pure.
 */
export function analyseDisruption(
  plan: PlanJson,
  sides: { readonly base?: Side; readonly head?: Side },
  basis: DisruptionReport['basis'],
): DisruptionReport {
  const disruptive: Disruption[] = [];
  const safe: SafeChange[] = [];
  const workload = sides.head?.inventory.workload ?? sides.base?.inventory.workload;
  const name = workload?.name ?? 'the workload';
  // Draining a node serves on if the PDB allows an eviction and the surviving nodes can run every replica.
  const nodeLoss = scenario(sides.head, 'node-loss') ?? scenario(sides.base, 'node-loss');
  const rollServes = !!workload && pdbAllowsEviction(workload) && (nodeLoss ? nodeLoss.restorable : true);
  const rollWhy = !workload
    ? ''
    : !pdbAllowsEviction(workload)
      ? `its PodDisruptionBudget allows no eviction, so the drain blocks`
      : nodeLoss && !nodeLoss.restorable
        ? `the remaining nodes cannot hold every replica while one is drained`
        : `its PodDisruptionBudget lets one pod go at a time and the other nodes have room, so ${name} keeps serving`;
  let controlPlaneReplaced = 0;
  let clusterReplaced = false;

  for (const rc of plan.resource_changes ?? []) {
    if ((rc.mode ?? 'managed') !== 'managed') continue;
    const actions = rc.change.actions.join(',');
    if (actions === 'no-op' || actions === 'read' || actions === 'create') continue;
    const before = (rc.change.before ?? {}) as Record<string, any>;
    const rule = ruleFor(rc.type, Object.keys(before).length > 0 ? before : ((rc.change.after ?? {}) as Record<string, any>));
    if (!rule) continue;
    const nodes = rule.nodes ? rule.nodes(before) : 0;
    const base = { address: rc.address, type: rc.type, kind: rule.kind, noun: rule.noun };
    const where = runsOn(sides.base, rc.address);
    if (actions === 'update') {
      const attributes = changedAttributes(rc);
      const rolling = attributes.filter((a) => rule.rolls?.attributes.includes(a));
      const after = (rc.change.after ?? {}) as Record<string, unknown>;
      const refreshes =
        !rule.rolls?.requires ||
        (Array.isArray(after[rule.rolls.requires]) ? (after[rule.rolls.requires] as unknown[]).length > 0 : !!after[rule.rolls.requires]);
      if (rolling.length > 0 && rule.rolls && !refreshes) {
        safe.push({
          ...base,
          attributes,
          summary: `${rule.noun} \`${rc.address}\` updated in place (${rolling.join(', ')}): ${rule.rolls.otherwise}`,
        });
      } else if (rolling.length > 0 && rule.rolls) {
        const serving =
          rule.kind === 'node-pool' || rule.kind === 'cluster' ? (where.runs || rule.kind === 'cluster' ? rollServes : null) : null;
        disruptive.push({
          ...base,
          action: 'roll',
          createBeforeDestroy: null,
          because: rolling,
          nodes,
          keepsServing: serving,
          summary: `${rule.noun} \`${rc.address}\` rolls its ${plural(nodes, 'node')} (${rolling.join(', ')} changed): ${rule.rolls.how}${serving === null ? '' : `; ${rollWhy}`}`,
        });
      } else {
        const resize = attributes.length > 0 && attributes.every((a) => rule.resizes?.includes(a));
        safe.push({
          ...base,
          attributes,
          summary: `${rule.noun} \`${rc.address}\` updated in place${resize ? ' (node count)' : ''}: ${attributes.join(', ') || 'no attribute changes'}; no node is replaced`,
        });
      }
      continue;
    }
    const replace = actions === 'delete,create' || actions === 'create,delete';
    const cbd = replace ? actions === 'create,delete' : null;
    const because = (rc.change.replace_paths ?? []).map((p) => p.filter((s) => typeof s === 'string').join('.')).filter(Boolean);
    if (rule.kind === 'control-plane') controlPlaneReplaced++;
    if (rule.kind === 'cluster') clusterReplaced = true;
    let keepsServing: boolean | null = null;
    let consequence = '';
    switch (rule.kind) {
      case 'node-pool':
        if (!where.runs) break;
        if (cbd) {
          keepsServing = rollServes;
          consequence = `the new group exists first, then ${plural(nodes, 'node')} are drained; ${rollWhy}`;
        } else {
          keepsServing = !where.only;
          consequence = replace
            ? `all ${plural(nodes, 'node')} are deleted BEFORE the new group exists${where.only ? `: every replica of ${name} stops until new nodes join` : ''}`
            : `its ${plural(nodes, 'node')} are deleted${where.only ? `: ${name} has nowhere left to run` : ''}`;
        }
        break;
      case 'cluster':
        keepsServing = false;
        consequence = `the cluster and everything in it (etcd state, workloads, Services) is ${replace ? 'destroyed and re-created' : 'destroyed'}; deploy refuses this without --allow-replace`;
        break;
      case 'control-plane':
        consequence = replace
          ? `the member is ${cbd ? 'replaced after its successor exists' : 'destroyed before its successor exists'}; etcd must re-join it`
          : 'an etcd member is removed';
        break;
      case 'load-balancer':
        consequence = 'clients lose the endpoint until the new load balancer is up and DNS follows';
        break;
      case 'volume':
        consequence = 'the data on it is lost unless restored from a snapshot';
        break;
    }
    disruptive.push({
      ...base,
      action: replace ? 'replace' : 'delete',
      createBeforeDestroy: cbd,
      because,
      nodes,
      keepsServing,
      summary: `${rule.noun} \`${rc.address}\` ${replace ? `replaced (${cbd ? 'create before destroy' : 'destroy before create'}${because.length ? `, because ${because.join(', ')} changed` : ''})` : 'destroyed'}${consequence ? `: ${consequence}` : ''}`,
    });
  }
  const cp = sides.base?.inventory.controlPlane;
  const members = cp?.kind === 'self-managed' ? cp.instances.length : 0;
  const quorumLost = members > 0 && controlPlaneReplaced > Math.floor(members / 2);
  if (quorumLost) {
    disruptive.push({
      address: '(control plane)',
      type: 'etcd',
      kind: 'control-plane',
      noun: 'etcd cluster',
      action: 'replace',
      createBeforeDestroy: false,
      because: [],
      nodes: controlPlaneReplaced,
      keepsServing: false,
      summary: `${controlPlaneReplaced} of ${members} control-plane members are replaced or removed in one apply: etcd loses quorum and the API is down; change members one at a time (a version bump: \`orquesta upgrade\`)`,
    });
  }
  return { basis, disruptive, safe, replacesCluster: clusterReplaced || quorumLost };
}
