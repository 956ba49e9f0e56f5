import type { TargetId } from '../../targets/cluster-target';
import type { SweepReport } from '../sweep/sweep-report';
import type { TopologyModel } from './topology/topology-model';

/**
 * The public JSON contract of `report/comparison.json` (documented in the README).
 * Scripts and the PR workflow read it: add fields freely, never rename or remove one.
 */
export interface ComparisonReport {
  /** ISO-8601 time the report was generated. */
  readonly generatedAt: string;
  readonly assumptions: ReportAssumptions;
  readonly targets: Readonly<Record<TargetId, TargetReport>>;
  /** Things a reader must act on, e.g. an EKS version about to leave standard support (its fee rises). */
  readonly warnings?: readonly string[];
  /** What-if sweep results, when `compare --sweep/--require` ran one. */
  readonly sweep?: SweepReport;
}

export interface ReportAssumptions {
  /** 730: the hours in an average month, as the clouds' calculators use. */
  readonly hoursPerMonth: number;
  readonly regions: { readonly aws: string; readonly gcp: string; readonly azure: string };
  /** The newest `asOf` date among the prices used. */
  readonly priceCatalogDate: string;
  /** The oldest and newest `asOf` dates among the prices used (ISO dates). */
  readonly priceDateRange?: { readonly oldest: string; readonly newest: string };
  readonly currency: 'USD';
  /** Free-text statements the numbers rest on (e.g. "NAT data processing not included"). */
  readonly notes: readonly string[];
}

export interface TargetReport {
  readonly displayName: string;
  readonly region: string;
  readonly monthlyTotalUsd: number;
  /** Control plane, load balancers, NAT, state bucket: what you pay with zero worker nodes. */
  readonly fixedMonthlyUsd: number;
  /** What scales with worker nodes (instances, their disks, per-host monitoring). */
  readonly perNodeMonthlyUsd: number;
  /** Monthly cost at the node pools' min and max sizes. */
  readonly monthlyRangeUsd: { readonly min: number; readonly max: number };
  readonly lineItems: readonly LineItem[];
  readonly controlPlane: ControlPlaneReport;
  readonly scenarios: readonly ScenarioOutcome[];
  /** Spare allocatable capacity after losing the busiest zone, in percent of what the replicas request (negative: short). */
  readonly zoneLossHeadroomPercent: number;
  /** Zones, nodes with their replicas, control plane, egress, volumes and load balancers, as the analysis placed them (drawn in the report's topology figure). */
  readonly topology?: TopologyModel;
}

export type CostCategory = 'control-plane' | 'compute' | 'storage' | 'network' | 'monitoring' | 'other';

export interface LineItem {
  /** Terraform resource address (`aws_eks_cluster.cluster`) or Kubernetes `Kind/name`. */
  readonly address: string;
  readonly description: string;
  readonly category: CostCategory;
  /** True when the line scales with the number of worker nodes. */
  readonly perNode: boolean;
  readonly quantity: number;
  readonly unitPriceUsd: number;
  readonly unit: string;
  readonly monthlyUsd: number;
  /** URL of the price (the vendor's pricing page) and the date it reflects. */
  readonly source: string;
  /** The secondary page the price was read from, when not the vendor page itself. */
  readonly readFrom?: string;
}

export interface ControlPlaneReport {
  /** Financially backed uptime SLA in percent, or null when there is none (self-managed, AKS Free). */
  readonly sla: number | null;
  readonly slaSource: string;
  /**
   * Modelled availability in percent: the published SLA for managed control planes; for
   * self-managed ones the product of `availabilityFactors` (etcd quorum bounded by the zone that
   * holds its majority, the API load balancer in series). Not a commitment. Null: no figure.
   */
  readonly modelledAvailability: number | null;
  /** The components in series the modelled availability multiplies, each with its figure and source. @default [] */
  readonly availabilityFactors?: readonly AvailabilityFactor[];
  readonly model: string;
  /** How many control-plane instances it can lose and keep serving. */
  readonly tolerates: { readonly instances: number; readonly zones: number };
}

/** Why replicas that stopped cannot start again. */
export type UnschedulableReason = ScenarioDetail['unschedulable'][number]['reason'];

export interface AvailabilityFactor {
  readonly component: string;
  readonly percent: number;
  /** URL and date of the figure, or how it was derived. */
  readonly source: string;
}

/** The scenarios every report evaluates. */
export type ScenarioId = 'node-loss' | 'zone-loss' | 'control-plane-upgrade' | 'control-plane-instance-loss';

/**
 * Scenarios evaluated only where they apply: `spot-reclaim` when the workload's pools run on spot /
 * preemptible capacity (the provider reclaims a whole capacity pool, instance type × zone, at once).
 * Kept out of `ScenarioId` so tables keyed by it stay complete.
 */
export type ConditionalScenarioId = 'spot-reclaim';

/** What a scenario takes away and where the replicas were, for the topology pictures. */
export interface ScenarioDetail {
  /** Zones lost entirely (zone-loss), else []. */
  readonly lostZones: readonly string[];
  /** Worker node ids lost, as placement names them: `<nodeGroupAddress>#<index>`. */
  readonly lostNodes: readonly string[];
  /** Addresses of self-managed control-plane instances lost, else []. */
  readonly lostControlPlaneInstances: readonly string[];
  /** Replicas per node id before the failure (the placement the analysis computed); nodes without replicas are left out. */
  readonly replicasBefore: Readonly<Record<string, number>>;
  /** Replicas that stop, by the node they ran on. */
  readonly stoppedReplicas: Readonly<Record<string, number>>;
  /** Replicas that cannot start again anywhere, and why. */
  readonly unschedulable: readonly { readonly count: number; readonly reason: 'no-capacity' | 'volume-zone' | 'no-egress' | 'api-down' }[];
}

export interface ScenarioOutcome {
  readonly id: ScenarioId | ConditionalScenarioId;
  readonly apiAvailable: boolean;
  /** Fraction (0..1) of the workload's replicas still serving right after the failure. */
  readonly servingFraction: number;
  /**
   * Every replica that stopped can start again on the surviving nodes: the API is up, there is
   * capacity, volumes are in reach and images can be pulled. Always false while the API is down.
   */
  readonly restorable: boolean;
  /** After rescheduling, a node drain can still proceed under the PodDisruptionBudget. False while the API is down. */
  readonly drainAllowed: boolean;
  readonly explanation: string;
  /** What was lost and where the replicas were, for pictures. @default - not computed */
  readonly detail?: ScenarioDetail;
}
