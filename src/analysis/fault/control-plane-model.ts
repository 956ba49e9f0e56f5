import { SLA_CATALOG, type SlaFact } from '../cost/catalog/sla-catalog';
import type { ControlPlaneReport } from '../report/comparison-report';
import type { Inventory, ManagedControlPlane, SelfManagedControlPlane } from '../inventory/inventory';

/** What a control plane survives, and its SLA or modelled availability. Pure. */
export interface ControlPlaneFacts extends ControlPlaneReport {
  /** API available during a control-plane upgrade. */
  readonly survivesUpgrade: boolean;
  /** Zone whose loss takes the API down, for single-zone control planes. */
  readonly singleZone?: string;
}

export function controlPlaneFacts(inv: Inventory): ControlPlaneFacts {
  return inv.controlPlane.kind === 'managed' ? managed(inv.controlPlane) : selfManaged(inv.controlPlane);
}

function fromSla(fact: SlaFact): Pick<ControlPlaneReport, 'sla' | 'slaSource' | 'modelledAvailability'> {
  return { sla: fact.percent, slaSource: `${fact.source} (${fact.asOf})`, modelledAvailability: fact.percent };
}

function managed(cp: ManagedControlPlane): ControlPlaneFacts {
  switch (cp.tier) {
    case 'eks-standard':
    case 'eks-extended':
      return {
        ...fromSla(SLA_CATALOG.eks),
        model: 'Managed by AWS: at least two API server instances and three etcd instances across three Availability Zones of the region.',
        tolerates: { instances: 1, zones: 1 },
        survivesUpgrade: true,
      };
    case 'gke-regional':
      return {
        ...fromSla(SLA_CATALOG.gkeRegional),
        model: 'Regional GKE: control-plane replicas in three zones of the region; upgrades roll one replica at a time.',
        tolerates: { instances: 1, zones: 1 },
        survivesUpgrade: true,
      };
    case 'gke-zonal':
      return {
        ...fromSla(SLA_CATALOG.gkeZonal),
        model: `Zonal GKE: a single control-plane replica in ${cp.zone}; it is unavailable while it is upgraded or if its zone fails.`,
        tolerates: { instances: 0, zones: 0 },
        survivesUpgrade: false,
        singleZone: cp.zone,
      };
    case 'aks-free':
      return {
        ...fromSla(SLA_CATALOG.aksFree),
        model:
          'AKS Free tier: no financially backed SLA; zone redundancy of the control plane is not promised, so zone loss is modelled as losing the API.',
        tolerates: { instances: 1, zones: 0 },
        survivesUpgrade: true,
      };
    case 'aks-standard':
    case 'aks-premium': {
      const premium = cp.tier === 'aks-premium';
      const fact = cp.usesAvailabilityZones
        ? premium
          ? SLA_CATALOG.aksPremiumWithZones
          : SLA_CATALOG.aksStandardWithZones
        : premium
          ? SLA_CATALOG.aksPremiumNoZones
          : SLA_CATALOG.aksStandardNoZones;
      return {
        ...fromSla(fact),
        model: `AKS ${premium ? 'Premium' : 'Standard'} tier${cp.usesAvailabilityZones ? ' with availability zones: control plane spread over zones' : ' without availability zones'}.`,
        tolerates: { instances: 1, zones: cp.usesAvailabilityZones ? 1 : 0 },
        survivesUpgrade: true,
      };
    }
  }
}

/** etcd keeps serving while a majority of its members is up: floor(n/2) + 1. */
export function quorum(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** Probability (in percent) that at least `quorum(n)` of n independent members with availability a are up. */
export function quorumAvailability(members: number, memberAvailabilityPercent: number): number {
  const a = memberAvailabilityPercent / 100;
  let p = 0;
  for (let k = quorum(members); k <= members; k++) p += binomial(members, k) * a ** k * (1 - a) ** (members - k);
  return p * 100;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function selfManaged(cp: SelfManagedControlPlane): ControlPlaneFacts {
  const n = cp.instances.length;
  const q = quorum(n);
  const byZone = new Map<string, number>();
  for (const i of cp.instances) byZone.set(i.zone, (byZone.get(i.zone) ?? 0) + 1);
  const zones = [...byZone.keys()].sort();
  // Zone losses it survives: the most zones whose members can go while a quorum remains (largest zones first, worst case).
  let zonesTolerated = 0;
  let remaining = n;
  for (const size of [...byZone.values()].sort((a, b) => b - a)) {
    if (remaining - size < q) break;
    remaining -= size;
    zonesTolerated++;
  }
  const instance = SLA_CATALOG.ec2Instance;
  const region = SLA_CATALOG.ec2Region;
  const independent = quorumAvailability(n, instance.percent ?? 99.5);
  // With members in 2+ zones, correlated failure is bounded by the region-level figure; never model better than it.
  const modelled = zones.length >= 2 ? Math.min(independent, region.percent ?? 99.99) : Math.min(independent, instance.percent ?? 99.5);
  return {
    sla: null,
    slaSource: 'self-managed: no provider SLA covers the Kubernetes API',
    modelledAvailability: Math.round(modelled * 10000) / 10000,
    model:
      `${n} control-plane instance(s) with stacked etcd in ${zones.join(', ')}; etcd needs ${q} of ${n} members. ` +
      `Each instance is taken at the EC2 instance-level SLA of ${instance.percent}% (${instance.source}), failures independent, ` +
      (zones.length >= 2
        ? `capped at the EC2 region-level SLA of ${region.percent}% for instances in 2+ zones (${region.source}).`
        : 'all in one zone, so no region-level figure applies.'),
    tolerates: { instances: n - q, zones: zonesTolerated },
    survivesUpgrade: n - q >= 1,
    singleZone: zones.length === 1 ? zones[0] : undefined,
  };
}
