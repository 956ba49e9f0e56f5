import { LOAD_BALANCER_SLAS, SLA_CATALOG, type SlaFact } from '../cost/catalog/sla-catalog';
import type { AvailabilityFactor, ControlPlaneReport } from '../report/comparison-report';
import type { Inventory, ManagedControlPlane, SelfManagedControlPlane } from '../inventory/inventory';

/** What a control plane survives, and its SLA or modelled availability. Pure. */
export interface ControlPlaneFacts extends ControlPlaneReport {
  /** API available during a control-plane upgrade. */
  readonly survivesUpgrade: boolean;
  /** Zone whose loss takes the API down, for single-zone control planes. */
  readonly singleZone?: string;
}

/** Managed facts depend on the tier, its zone and zone use only: computed once per combination (sweeps ask thousands of times). */
const MANAGED_FACTS = new Map<string, ControlPlaneFacts>();

export function controlPlaneFacts(inv: Inventory): ControlPlaneFacts {
  const cp = inv.controlPlane;
  if (cp.kind === 'self-managed') return selfManaged(cp);
  const key = `${cp.tier}|${cp.zone ?? ''}|${cp.usesAvailabilityZones}`;
  let facts = MANAGED_FACTS.get(key);
  if (!facts) MANAGED_FACTS.set(key, (facts = managed(cp)));
  return facts;
}

/** A managed control plane is modelled at its published SLA (the provider's commitment is the only figure there is). */
function fromSla(fact: SlaFact): Pick<ControlPlaneReport, 'sla' | 'slaSource' | 'modelledAvailability' | 'availabilityFactors'> {
  const source = `${fact.source} (${fact.asOf})`;
  return {
    sla: fact.percent,
    slaSource: source,
    modelledAvailability: fact.percent,
    availabilityFactors:
      fact.percent === null ? [] : [{ component: 'managed control plane (published SLA)', percent: fact.percent, source }],
  };
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

/** The zone holding a quorum-critical share of the members: losing it alone stops etcd. */
export function quorumCriticalZone(cp: SelfManagedControlPlane): string | undefined {
  const q = quorum(cp.instances.length);
  const byZone = membersByZone(cp);
  return [...byZone.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .find(([, size]) => cp.instances.length - size < q)?.[0];
}

function membersByZone(cp: SelfManagedControlPlane): Map<string, number> {
  const byZone = new Map<string, number>();
  for (const i of cp.instances) byZone.set(i.zone, (byZone.get(i.zone) ?? 0) + 1);
  return byZone;
}

/**
 * A self-managed (kops) control plane: etcd quorum over the members' zones, then the API load
 * balancer in series.
 * - etcd: members fail independently at the EC2 instance-level SLA (99.5%). That is capped at the
 *   EC2 region-level SLA (99.99%) when no single zone's loss stops the quorum; when one zone holds
 *   a quorum-critical share (1 member; 3 members in 2 zones; everything in 1 zone), the API fails
 *   with that zone, and AWS publishes no zone-level figure better than the instance-level 99.5%.
 * - the API NLB: ELB's multi-AZ SLA (99.99%) with subnets in 2+ zones, the single-AZ one (99.9%) otherwise.
 */
function selfManaged(cp: SelfManagedControlPlane): ControlPlaneFacts {
  const n = cp.instances.length;
  const q = quorum(n);
  const byZone = membersByZone(cp);
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
  const critical = quorumCriticalZone(cp);
  const independent = quorumAvailability(n, instance.percent ?? 99.5);
  const etcd = round4(critical ? Math.min(independent, instance.percent ?? 99.5) : Math.min(independent, region.percent ?? 99.99));
  const lbZones = cp.apiLoadBalancerZones ?? [];
  const lbFact = lbZones.length >= 2 ? LOAD_BALANCER_SLAS.elbMultiAz : LOAD_BALANCER_SLAS.elbSingleAz;
  const layout = zones.map((z) => `${byZone.get(z)} in ${z}`).join(', ');
  const factors: AvailabilityFactor[] = [
    {
      component: `etcd quorum (${q} of ${n} members: ${layout})`,
      percent: etcd,
      source: critical
        ? `bounded by ${critical}, which holds a quorum-critical share: EC2 instance-level SLA ${instance.percent}% (${instance.source}, ${instance.asOf})`
        : `${n} members at the EC2 instance-level SLA ${instance.percent}% each, independent, capped at the region-level ${region.percent}% (${region.source}, ${region.asOf})`,
    },
  ];
  if (cp.apiLoadBalancer !== undefined && lbFact.percent !== null) {
    factors.push({
      component: `API load balancer (${lbZones.length >= 2 ? `${lbZones.length} zones` : 'one zone'})`,
      percent: lbFact.percent,
      source: `${lbFact.source} (${lbFact.asOf})`,
    });
  }
  const modelled = factors.reduce((p, f) => (p * f.percent) / 100, 100);
  return {
    sla: null,
    slaSource: 'self-managed: no provider SLA covers the Kubernetes API',
    modelledAvailability: round4(modelled),
    availabilityFactors: factors,
    model:
      `${n} control-plane instance(s) with stacked etcd (${layout}); etcd needs ${q} of ${n} members. ` +
      (critical
        ? `Losing ${critical} alone loses the quorum, so the API is no more available than that zone: modelled at the EC2 instance-level SLA of ${instance.percent}% (AWS publishes no zone-level figure). `
        : `Each member at the EC2 instance-level SLA of ${instance.percent}%, failures independent, capped at the EC2 region-level SLA of ${region.percent}%. `) +
      (cp.apiLoadBalancer !== undefined
        ? `The API load balancer is in series at ELB's ${lbZones.length >= 2 ? 'multi-AZ' : 'single-AZ'} SLA of ${lbFact.percent}%.`
        : 'No API load balancer in front of the members.'),
    tolerates: { instances: n - q, zones: zonesTolerated },
    survivesUpgrade: n - q >= 1,
    singleZone: zones.length === 1 ? zones[0] : undefined,
  };
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
