import type { CostCategory, LineItem } from '../report/comparison-report';
import type { Billable, Inventory, NodeGroup } from '../inventory/inventory';
import { lookupPrice, type PriceCatalog, type PriceFact } from './catalog/price-fact';
import {
  HOURS_PER_MONTH,
  PROMETHEUS_SAMPLES_PER_REPLICA_MONTH,
  PROMETHEUS_STACK,
  STATE_BUCKET_GIB,
  type CostOptions,
} from './cost-assumptions';
import { STORAGE_CLASS_DISKS, diskPrice } from './disk-pricing';
import { LOAD_BALANCER_REALISATION } from './load-balancer-pricing';
import { eksSupportStatus } from './eks-support-calendar';
import { priceUsageBillable } from './usage-pricing';
import { autoscaledNodes, withAutoscaledNodes } from './autoscaled-nodes';
import type { NodeAllocatable } from '../../targets/cluster-target';

export interface CostBreakdown {
  readonly lineItems: readonly LineItem[];
  readonly monthlyTotalUsd: number;
  readonly fixedMonthlyUsd: number;
  readonly perNodeMonthlyUsd: number;
  readonly monthlyRangeUsd: { readonly min: number; readonly max: number };
}

/**
 * Prices everything an inventory says will exist, the way infracost prices a plan: every line is
 * traceable to the resource address it came from and to the price's source. Pure: no I/O.
 * Throws (MissingPriceError) for anything the catalog cannot price; never a silent zero.
 */
export function priceInventory(
  inv: Inventory,
  catalog: PriceCatalog,
  options: CostOptions & {
    readonly withRange?: boolean;
    /**
     * The target's node allocatable: with it, nodes the cluster autoscaler must add for the replicas to
     * fit are priced (see autoscaled-nodes.ts). @default - the node counts as synthesized
     */
    readonly allocatable?: (instanceType: string) => NodeAllocatable;
  } = {},
): CostBreakdown {
  const sized = (v: Inventory) => {
    const extra = options.allocatable ? autoscaledNodes(v, options.allocatable) : new Map<string, number>();
    return lineItems(withAutoscaledNodes(v, extra), catalog, options, extra);
  };
  const items = sized(inv);
  const atNodes = (pick: (g: NodeGroup) => number) =>
    sum(sized({ ...inv, nodeGroups: inv.nodeGroups.map((g) => ({ ...g, desiredNodes: pick(g) })) }));
  return {
    lineItems: items,
    monthlyTotalUsd: sum(items),
    fixedMonthlyUsd: sum(items.filter((i) => !i.perNode)),
    perNodeMonthlyUsd: sum(items.filter((i) => i.perNode)),
    // The min/max range re-prices the inventory twice; sweeps, which do not show it, skip it.
    monthlyRangeUsd:
      options.withRange === false ? { min: NaN, max: NaN } : { min: atNodes((g) => g.minNodes), max: atNodes((g) => g.maxNodes) },
  };
}

function sum(items: readonly LineItem[]): number {
  return round2(items.reduce((s, i) => s + i.monthlyUsd, 0));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export class LineItems {
  public readonly items: LineItem[] = [];
  constructor(
    private readonly inv: Inventory,
    private readonly catalog: PriceCatalog,
  ) {}

  public price(sku: string, global = false): PriceFact {
    return global ? lookupPrice(this.catalog, 'global', '-', sku) : lookupPrice(this.catalog, this.inv.cloud, this.inv.region, sku);
  }

  public add(address: string, description: string, category: CostCategory, perNode: boolean, quantity: number, fact: PriceFact): void {
    if (quantity === 0) return;
    this.items.push({
      address,
      description,
      category,
      perNode,
      quantity: Math.round(quantity * 1000) / 1000,
      unitPriceUsd: fact.usd,
      unit: fact.unit,
      monthlyUsd: round2(quantity * fact.usd),
      source: `${fact.source} (${fact.asOf})`,
      ...(fact.readFrom ? { readFrom: fact.readFrom } : {}),
    });
  }

  public hourly(address: string, description: string, category: CostCategory, perNode: boolean, count: number, sku: string): void {
    this.add(address, description, category, perNode, count * HOURS_PER_MONTH, this.price(sku));
  }

  public disk(address: string, description: string, perNode: boolean, count: number, kind: string, sizeGiB: number): void {
    if (kind === 'ephemeral') return;
    const d = diskPrice(this.catalog, this.inv.cloud, this.inv.region, kind, sizeGiB);
    this.add(address, `${description}: ${d.label}`, 'storage', perNode, count * d.quantityPerDisk, d.fact);
  }
}

const INSTANCE_SKU_PREFIX = { aws: 'ec2', gcp: 'gce', azure: 'vm' } as const;
/** The interruption caveat every spot line carries (notice periods from each cloud's spot documentation, 2026-11). */
const SPOT_CAVEAT = {
  aws: 'EC2 Spot: reclaimed with a 2-minute notice',
  gcp: 'Spot VM: preempted with a 30-second notice',
  azure: 'Spot VM: evicted with a 30-second notice',
} as const;
const PUBLIC_IP_SKU = { aws: 'vpc:public-ipv4', gcp: 'ip:external-ipv4', azure: 'ip:public-ipv4-standard' } as const;

function lineItems(inv: Inventory, catalog: PriceCatalog, options: CostOptions, autoscaled: ReadonlyMap<string, number>): LineItem[] {
  const li = new LineItems(inv, catalog);
  const workerNodes = inv.nodeGroups.filter((g) => g.role === 'worker').reduce((n, g) => n + g.desiredNodes, 0);
  const prefix = INSTANCE_SKU_PREFIX[inv.cloud];

  priceControlPlane(li, inv, options, prefix);
  for (const g of inv.nodeGroups) {
    const perNode = g.role === 'worker';
    const what = g.role === 'system' ? 'system node pool' : `node pool ${g.pool ?? ''}`.trim();
    const spot = g.capacity === 'spot';
    li.hourly(
      g.address,
      `${what}: ${g.desiredNodes} x ${g.instanceType}` +
        (autoscaled.has(g.address)
          ? ` (${autoscaled.get(g.address)} added by the cluster autoscaler: the replicas do not fit on the ${g.desiredNodes - autoscaled.get(g.address)!} the stack sets)`
          : '') +
        (spot ? ` (spot, dated price; ${SPOT_CAVEAT[inv.cloud]}, possibly many nodes at once)` : ''),
      'compute',
      perNode,
      g.desiredNodes,
      `${prefix}${spot ? '-spot' : ''}:${g.instanceType}`,
    );
    li.disk(g.address, `${what}: root volumes x ${g.desiredNodes}`, perNode, g.desiredNodes, g.rootVolume.type, g.rootVolume.sizeGiB);
  }
  for (const b of inv.billables) priceBillable(li, inv, b, workerNodes);
  priceWorkloadObjects(li, inv);
  priceMonitoring(li, inv, options);
  return li.items;
}

function priceControlPlane(li: LineItems, inv: Inventory, options: CostOptions, prefix: string): void {
  const cp = inv.controlPlane;
  if (cp.kind === 'self-managed') {
    for (const i of cp.instances) {
      li.hourly(
        i.address,
        `control-plane instance ${i.instanceType} in ${i.zone}`,
        'control-plane',
        false,
        1,
        `${prefix}:${i.instanceType}`,
      );
      li.disk(i.address, `control-plane root volume in ${i.zone}`, false, 1, i.rootVolume.type, i.rootVolume.sizeGiB);
    }
    return;
  }
  switch (cp.tier) {
    case 'eks-standard':
    case 'eks-extended': {
      // AWS bills the extended rate only once the version has left standard support, and only with the EXTENDED policy.
      const status = eksSupportStatus(
        inv.kubernetesVersion,
        cp.tier === 'eks-extended' ? 'EXTENDED' : 'STANDARD',
        options.at ?? new Date(),
      );
      const policy = cp.tier === 'eks-extended' ? 'EXTENDED' : 'STANDARD';
      const until = status.calendar ? ` until ${status.calendar.endOfStandardSupport}` : '';
      return status.billedAs === 'extended'
        ? li.hourly(
            cp.address,
            `EKS control plane, Kubernetes ${status.version} in extended support`,
            'control-plane',
            false,
            1,
            'eks:cluster-extended',
          )
        : li.hourly(
            cp.address,
            `EKS control plane, Kubernetes ${status.version} in standard support${status.period === 'standard' ? until : ''} (support policy ${policy})`,
            'control-plane',
            false,
            1,
            'eks:cluster-standard',
          );
    }
    case 'gke-regional':
    case 'gke-zonal': {
      li.hourly(
        cp.address,
        `GKE cluster management fee (${cp.tier === 'gke-zonal' ? 'zonal' : 'regional'})`,
        'control-plane',
        false,
        1,
        'gke:cluster-management-fee',
      );
      if (options.gkeFreeTierCredit && cp.tier === 'gke-zonal') {
        const credit = li.price('gke:free-tier-credit');
        const fee = li.price('gke:cluster-management-fee').usd * HOURS_PER_MONTH;
        li.add(
          cp.address,
          'GKE free-tier credit (one zonal cluster per billing account)',
          'control-plane',
          false,
          -Math.min(1, fee / credit.usd),
          credit,
        );
      }
      return;
    }
    case 'aks-free':
      // The Free tier has no fee; the line documents that with the tier page as source.
      return li.add(cp.address, 'AKS control plane, Free tier (no fee, no SLA)', 'control-plane', false, HOURS_PER_MONTH, {
        ...li.price('aks:standard-tier'),
        usd: 0,
      });
    case 'aks-standard':
      return li.hourly(cp.address, 'AKS control plane, Standard tier', 'control-plane', false, 1, 'aks:standard-tier');
    case 'aks-premium':
      return li.hourly(cp.address, 'AKS control plane, Premium tier', 'control-plane', false, 1, 'aks:premium-tier');
  }
}

function priceBillable(li: LineItems, inv: Inventory, b: Billable, workerNodes: number): void {
  const cloud = inv.cloud;
  switch (b.kind) {
    case 'nat-gateway':
      if (cloud === 'gcp')
        return li.hourly(b.address, `${b.description}: ${workerNodes} VMs`, 'network', true, workerNodes, 'nat:gateway-vm-hour');
      return li.hourly(
        b.address,
        `${b.description}${b.zone ? ` in ${b.zone}` : ''}`,
        'network',
        false,
        b.quantity,
        cloud === 'aws' ? 'vpc:nat-gateway' : 'nat:gateway',
      );
    case 'public-ipv4':
      return li.hourly(b.address, b.description, 'network', false, b.quantity, PUBLIC_IP_SKU[cloud]);
    case 'network-load-balancer':
      return li.hourly(
        b.address,
        b.description,
        'network',
        false,
        b.quantity,
        cloud === 'aws' ? 'elb:nlb' : cloud === 'gcp' ? 'lb:forwarding-rule' : 'lb:standard-rule',
      );
    case 'application-load-balancer':
      return li.hourly(b.address, b.description, 'network', false, b.quantity, 'elb:alb');
    case 'block-volume':
      return li.disk(b.address, `${b.description}${b.zone ? ` in ${b.zone}` : ''}`, false, b.quantity, b.volume!.type, b.volume!.sizeGiB);
    case 'object-storage': {
      const sku = cloud === 'aws' ? 's3:standard-storage' : cloud === 'gcp' ? 'gcs:standard-storage' : 'storage:blob-hot-lrs';
      return li.add(
        b.address,
        `${b.description} (${STATE_BUCKET_GIB} GiB assumed)`,
        'storage',
        false,
        STATE_BUCKET_GIB * b.quantity,
        li.price(sku),
      );
    }
    case 'kms-key':
      return li.add(b.address, b.description, 'other', false, b.quantity, li.price('kms:key'));
    case 'eks-auto-mode-fee':
      // One fee billable per Auto Mode pool (extract-eks-auto-mode.ts), or one for every worker pool.
      for (const g of inv.nodeGroups.filter((n) => n.role === 'worker' && (b.pool === undefined || n.pool === b.pool))) {
        li.hourly(
          b.address,
          `EKS Auto Mode management fee: ${g.desiredNodes} x ${g.instanceType}`,
          'compute',
          true,
          g.desiredNodes,
          `eks:auto-mode:${g.instanceType}`,
        );
      }
      return;
    case 'flow-logs':
    case 'control-plane-logs':
    case 'log-analytics-workspace':
    case 'managed-prometheus-workspace':
    case 'managed-prometheus-scraper':
      return priceUsageBillable(li, inv, b, workerNodes);
  }
}

/** What Kubernetes makes the cloud create, which no Terraform plan shows. */
function priceWorkloadObjects(li: LineItems, inv: Inventory): void {
  const table = LOAD_BALANCER_REALISATION[inv.target];
  for (const lb of inv.workload.loadBalancers) {
    const kind = lb.kind === 'ingress' ? 'ingress' : lb.internal ? 'service-internal' : 'service-public';
    const realisation = table[kind];
    const zones = new Set(inv.nodeGroups.flatMap((g) => g.zones)).size;
    const counts = new Map<string, number>();
    for (const sku of realisation.hourlySkus) counts.set(sku, (counts.get(sku) ?? 0) + 1);
    for (const sku of realisation.perZoneSkus ?? []) counts.set(sku, (counts.get(sku) ?? 0) + zones);
    for (const [sku, count] of counts) {
      li.hourly(lb.address, `${realisation.description}: ${sku}`, 'network', false, count, sku);
    }
  }
  for (const claim of inv.workload.volumeClaims) {
    const kind = STORAGE_CLASS_DISKS[claim.storageClass];
    if (!kind)
      throw new Error(`no disk mapping for StorageClass '${claim.storageClass}' (known: ${Object.keys(STORAGE_CLASS_DISKS).join(', ')})`);
    li.disk(claim.address, `persistent volumes x ${claim.count}`, false, claim.count, kind, claim.sizeGiB);
  }
}

/** Where the platform ingests Prometheus metrics itself (the scrape objects its adaptation emits). */
const MANAGED_PROMETHEUS: Partial<Record<Inventory['target'], { name: string; sku: string; samplesPerUnit: number }>> = {
  gke: { name: 'Google Cloud Managed Service for Prometheus', sku: 'gmp:samples', samplesPerUnit: 1e6 },
  aks: { name: 'Azure Monitor managed service for Prometheus', sku: 'azmon:prometheus-samples', samplesPerUnit: 1e7 },
};

function priceMonitoring(li: LineItems, inv: Inventory, options: CostOptions): void {
  const monitoring = inv.workload.monitoring;
  const datadogSku = options.datadogBilling === 'annual' ? 'datadog:infrastructure-pro-host' : 'datadog:infrastructure-pro-host-on-demand';
  const datadogBilling = options.datadogBilling === 'annual' ? 'annual commitment' : 'on-demand';
  if (monitoring === 'datadog') {
    const cp = inv.controlPlane.kind === 'self-managed' ? inv.controlPlane.instances.length : 0;
    const hosts = inv.nodeGroups.reduce((n, g) => n + g.desiredNodes, 0);
    li.add(
      `Deployment/${inv.workload.name}`,
      `Datadog Infrastructure Pro (${datadogBilling}): ${hosts} worker hosts`,
      'monitoring',
      true,
      hosts,
      li.price(datadogSku, true),
    );
    if (cp > 0)
      li.add(
        `Deployment/${inv.workload.name}`,
        `Datadog Infrastructure Pro (${datadogBilling}): ${cp} control-plane hosts`,
        'monitoring',
        false,
        cp,
        li.price(datadogSku, true),
      );
  } else if (monitoring === 'prometheus' && MANAGED_PROMETHEUS[inv.target]) {
    const managed = MANAGED_PROMETHEUS[inv.target]!;
    const samples = inv.workload.replicas * PROMETHEUS_SAMPLES_PER_REPLICA_MONTH;
    li.add(
      `Deployment/${inv.workload.name}`,
      `${managed.name}: ${(samples / 1e6).toFixed(1)} million samples from ${inv.workload.replicas} replicas`,
      'monitoring',
      false,
      samples / managed.samplesPerUnit,
      li.price(managed.sku),
    );
  } else if (monitoring === 'prometheus' && !inv.billables.some((b) => b.kind === 'managed-prometheus-workspace')) {
    // A self-hosted server: its volume is money; its CPU/memory requests are capacity on nodes already billed.
    const storageClass = inv.target === 'gke' ? 'standard-rwo' : inv.target === 'aks' ? 'managed-csi' : 'gp3';
    li.disk('Prometheus/self-hosted', 'Prometheus volume', false, 1, STORAGE_CLASS_DISKS[storageClass], PROMETHEUS_STACK.volumeGiB);
  }
}
