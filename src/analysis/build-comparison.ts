import { getTarget } from '../targets/registry';
import type { TargetId } from '../targets/cluster-target';
import { COST_NOTES, HOURS_PER_MONTH, type CostOptions } from './cost/cost-assumptions';
import { priceInventory } from './cost/cost-model';
import { eksSupportWarnings } from './cost/eks-support-calendar';
import type { PriceCatalog } from './cost/catalog/price-fact';
import { analyseFaultTolerance } from './fault/scenarios';
import { DAEMONSET_OVERHEAD, residualOverhead } from './fault/addon-reservations';
import { extractInventory, type SynthesizedTarget } from './inventory/extract-inventory';
import type { Inventory } from './inventory/inventory';
import type { ComparisonReport, TargetReport } from './report/comparison-report';
import { topologyModel } from './report/topology/topology-model';

export interface ComparisonInput {
  readonly synthesized: readonly SynthesizedTarget[];
  readonly catalog: PriceCatalog;
  readonly now: Date;
  readonly costOptions?: CostOptions;
}

export const FAULT_NOTES: readonly string[] = [
  'Fault scenarios are worst case: the node, zone or spot capacity pool whose loss hurts the workload most.',
  `Each node keeps the per-node requests of the add-ons in platform-addons.json, after the target's own kubelet reservations; where that list names no node networking agent (kube-proxy, CNI), ${DAEMONSET_OVERHEAD.cpuMillicores}m CPU / ${DAEMONSET_OVERHEAD.memoryMiB} MiB / ${DAEMONSET_OVERHEAD.pods} pods stand for the DaemonSets instead.`,
  '"Restorable" counts only the nodes that survive; the autoscaler adding nodes would come on top. With the Kubernetes API down nothing is restorable and no drain proceeds.',
  'A replica that stops can start again only where its zonal volume is (EBS, zonal PD, LRS Azure Disk), on a node that reaches the API, and where its image can be pulled (a single NAT gateway takes egress with its zone).',
  'Modelled availability is not an SLA: for kops it is etcd quorum over the members’ zones (bounded by a zone holding a quorum-critical share) times the API load balancer’s SLA.',
];

/** One note per target on the add-ons it lists: what they reserve, and what the DaemonSet assumption still covers. */
function addonNotes(inventories: readonly Inventory[]): string[] {
  return inventories.flatMap((inv) => {
    if (inv.addons.length === 0) return [];
    const sum = (f: (a: Inventory['addons'][number]) => number) => inv.addons.reduce((s, a) => s + f(a), 0);
    const perNodeCpu = sum((a) => a.footprint.perNode?.cpuMillicores ?? 0);
    const perNodeMem = sum((a) => a.footprint.perNode?.memoryMiB ?? 0);
    const replicas = sum((a) => a.footprint.replicas?.count ?? 0);
    const residual = residualOverhead(inv.addons);
    return [
      `${inv.target}: ${inv.addons.length} add-on(s) from platform-addons.json reserve ${perNodeCpu}m CPU / ${perNodeMem} MiB on every node and ` +
        `${replicas} replica(s) placed before the workload; ` +
        (residual.cpuMillicores === 0 && residual.memoryMiB === 0 && residual.pods === 0
          ? 'they include the node agents, so the stated DaemonSet overhead is not added.'
          : `they name no node networking agent, so the stated DaemonSet overhead (${residual.cpuMillicores}m / ${residual.memoryMiB} MiB / ${residual.pods} pods) is added per node.`),
    ];
  });
}

/** Analyses one target's inventory: cost and fault tolerance. Pure, so sweeps can call it thousands of times. */
export function analyseInventory(
  inv: Inventory,
  catalog: PriceCatalog,
  costOptions: CostOptions = {},
  options: { readonly withRange?: boolean } = {},
): TargetReport {
  const target = getTarget(inv.target);
  const allocatable = (type: string) => target.nodeAllocatable(type);
  const cost = priceInventory(inv, catalog, { ...costOptions, withRange: options.withRange, allocatable });
  const fault = analyseFaultTolerance(inv, (type) => target.nodeAllocatable(type));
  const { survivesUpgrade: _u, singleZone: _z, ...controlPlane } = fault.controlPlane;
  return {
    displayName: target.displayName,
    region: inv.region,
    monthlyTotalUsd: cost.monthlyTotalUsd,
    fixedMonthlyUsd: cost.fixedMonthlyUsd,
    perNodeMonthlyUsd: cost.perNodeMonthlyUsd,
    monthlyRangeUsd: cost.monthlyRangeUsd,
    lineItems: cost.lineItems,
    controlPlane,
    scenarios: fault.scenarios,
    zoneLossHeadroomPercent: fault.zoneLossHeadroomPercent,
  };
}

/** The whole report from synthesized output (never from the input spec). */
export function buildComparison(input: ComparisonInput): { report: ComparisonReport; inventories: Inventory[] } {
  const inventories = input.synthesized.map(extractInventory);
  const targets = {} as Record<TargetId, TargetReport>;
  const costOptions = { ...input.costOptions, at: input.costOptions?.at ?? input.now };
  for (const inv of inventories) {
    // The topology is drawn once per report, so sweeps (analyseInventory alone) do not pay for it.
    const topology = topologyModel(inv, (type) => getTarget(inv.target).nodeAllocatable(type));
    targets[inv.target] = { ...analyseInventory(inv, input.catalog, costOptions), topology };
  }
  const regionOf = (cloud: Inventory['cloud']) => inventories.find((i) => i.cloud === cloud)?.region ?? '-';
  const dates = Object.values(targets)
    .flatMap((t) => t.lineItems.map((l) => /\((\d{4}-\d{2}-\d{2})\)$/.exec(l.source)?.[1] ?? ''))
    .filter((d) => d !== '')
    .sort();
  return {
    inventories,
    report: {
      generatedAt: input.now.toISOString(),
      assumptions: {
        hoursPerMonth: HOURS_PER_MONTH,
        regions: { aws: regionOf('aws'), gcp: regionOf('gcp'), azure: regionOf('azure') },
        priceCatalogDate: dates.at(-1) ?? '',
        priceDateRange: { oldest: dates[0] ?? '', newest: dates.at(-1) ?? '' },
        currency: 'USD',
        notes: [...COST_NOTES, ...FAULT_NOTES, ...addonNotes(inventories)],
      },
      targets,
      warnings: inventories.flatMap((inv) => eksSupportWarnings(inv, input.now)),
    },
  };
}
