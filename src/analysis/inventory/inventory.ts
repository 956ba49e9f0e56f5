import type { CloudName } from '../cost/catalog/price-fact';
import type { TargetId } from '../../targets/cluster-target';
import type { AddonFootprint } from '../../targets/platform-addon';

/**
 * What a target's synthesized output creates, reduced to what cost and fault tolerance depend on.
 * Extracted from `cdk.tf.json` and the manifests (never from the input spec), so a hand edit of
 * the synthesized output, or another revision's output, is analysed the same way.
 */
export interface Inventory {
  readonly target: TargetId;
  readonly cloud: CloudName;
  readonly region: string;
  readonly kubernetesVersion: string;
  readonly controlPlane: ManagedControlPlane | SelfManagedControlPlane;
  /** Nodes that run pods: worker pools and (AKS) the system pool. */
  readonly nodeGroups: readonly NodeGroup[];
  /** Everything else billable: NAT, public IPs, load balancers, volumes, buckets, keys. */
  readonly billables: readonly Billable[];
  /** The paths nodes depend on besides their own zone: egress, the API, the image registry. */
  readonly network: NetworkPaths;
  /** Cluster add-ons from `platform-addons.json` with their requests; [] when the target lists none. */
  readonly addons: readonly AddonInventory[];
  readonly workload: WorkloadInventory;
}

/** What a cloud's extractor reads from one stack; the target, workload and add-ons are added around it. */
export type CloudExtract = Pick<Inventory, 'region' | 'kubernetesVersion' | 'controlPlane' | 'nodeGroups' | 'billables'> & {
  readonly network: StackNetwork;
};

/**
 * How private nodes reach the internet (image pulls from public registries, external APIs):
 * - `per-zone-nat`: each zone's private subnets route through a NAT gateway in that zone (AWS `natGateways: per-zone`);
 * - `single-nat`: every zone routes through one zonal NAT gateway: losing its zone cuts egress for all;
 * - `regional`: a managed path with no single zone (GKE Cloud NAT, AKS load-balancer outbound);
 * - `none`: the stack creates no outbound path for private nodes.
 */
export interface EgressPath {
  readonly kind: 'per-zone-nat' | 'single-nat' | 'regional' | 'none';
  /** Zones holding the zonal NAT gateways ([] for `regional`/`none`, or when the provider picks the zone). */
  readonly zones: readonly string[];
  /** Zonal NAT: the NAT zone each node zone's private subnets route through, as the route tables say. */
  readonly natZoneByZone?: Readonly<Record<string, string>>;
  /** What provides it, for explanations (`aws_nat_gateway.X`, `google_compute_router_nat.Y`). */
  readonly address?: string;
}

/** The network facts an extractor reads from the stack (the image comes from the manifests). */
export interface StackNetwork {
  readonly egress: EgressPath;
  /**
   * How kubelets reach the Kubernetes API: `in-network` (EKS private endpoint ENIs, GKE's private
   * control-plane endpoint, an internal API load balancer) or `via-egress` (the public endpoint
   * through the egress path: kops with only its internet-facing NLB).
   */
  readonly apiPathForNodes: 'in-network' | 'via-egress';
  /** Registry host suffixes reachable without egress (VPC interface endpoints, Private Google Access). */
  readonly privateRegistryHosts: readonly string[];
}

export interface NetworkPaths extends StackNetwork {
  readonly registry: RegistryPath;
}

/** Where the workload's image is pulled from, and whether starting a replica needs the egress path. */
export interface RegistryPath {
  readonly image: string;
  readonly host: string;
  /** `Always` asks the registry at every container start, even with the image cached on the node. */
  readonly pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** The host is reached through a private endpoint inside the network (no egress needed). */
  readonly privateEndpoint: boolean;
}

/** One cluster add-on's requests, read from `dist/k8s/<target>/addons/platform-addons.json`. */
export interface AddonInventory {
  readonly name: string;
  readonly namespace: string;
  readonly footprint: AddonFootprint;
}

export interface ManagedControlPlane {
  readonly kind: 'managed';
  readonly address: string;
  /** The pricing/SLA tier: EKS support policy, GKE location type, AKS SKU tier. */
  readonly tier: 'eks-standard' | 'eks-extended' | 'gke-regional' | 'gke-zonal' | 'aks-free' | 'aks-standard' | 'aks-premium';
  /** Zone of a single-zone control plane (GKE zonal); undefined when it spans zones. */
  readonly zone?: string;
  /** Whether the nodes' zones count as "with availability zones" for SLA purposes (AKS). */
  readonly usesAvailabilityZones: boolean;
}

export interface SelfManagedControlPlane {
  readonly kind: 'self-managed';
  /** One entry per control-plane instance (etcd member). */
  readonly instances: readonly ControlPlaneInstance[];
  /** The API load balancer's address, if any. */
  readonly apiLoadBalancer?: string;
  /** Zones of that load balancer's subnets (ELB's multi-AZ SLA needs two or more). @default [] */
  readonly apiLoadBalancerZones?: readonly string[];
}

export interface ControlPlaneInstance {
  readonly address: string;
  readonly instanceType: string;
  readonly zone: string;
  readonly rootVolume: VolumeShape;
}

export interface VolumeShape {
  /** Catalog disk kind: 'gp3', 'pd-balanced', 'azure-premium-ssd', 'azure-standard-ssd' ... */
  readonly type: string;
  readonly sizeGiB: number;
}

export interface NodeGroup {
  readonly address: string;
  /** The pool name (`orquesta.dev/pool` label); undefined for pools no workload selects. */
  readonly pool?: string;
  readonly role: 'worker' | 'system';
  readonly instanceType: string;
  /** Zones the group spreads nodes over (nodes are balanced across them). */
  readonly zones: readonly string[];
  /** Node counts for the whole group (all zones). */
  readonly minNodes: number;
  readonly desiredNodes: number;
  readonly maxNodes: number;
  readonly rootVolume: VolumeShape;
  /**
   * On-demand or spot/preemptible capacity (eks `capacity_type = "SPOT"`, gke `spot = true`, aks
   * `priority = "Spot"`, kops mixed-instances with no on-demand share):
   * reclaimed by the provider, correlated within a zone.
   * @default 'on-demand'
   */
  readonly capacity?: 'on-demand' | 'spot';
}

export type BillableKind =
  | 'nat-gateway'
  | 'public-ipv4'
  | 'network-load-balancer'
  | 'application-load-balancer'
  | 'block-volume'
  | 'object-storage'
  | 'kms-key'
  /** VPC flow logs (`aws_flow_log`, a GCP subnetwork's `log_config`); `logDestination` says where they are delivered. */
  | 'flow-logs'
  /** EKS control-plane logs in CloudWatch Logs; `logTypes` from `enabled_cluster_log_types`. */
  | 'control-plane-logs'
  /** A Log Analytics workspace (`azurerm_log_analytics_workspace`); `logTypes` are the diagnostic categories sent to it. */
  | 'log-analytics-workspace'
  /** Amazon Managed Service for Prometheus workspace (`aws_prometheus_workspace`): samples ingested. */
  | 'managed-prometheus-workspace'
  /** Amazon Managed Service for Prometheus managed collector (`aws_prometheus_scraper`): collector-hours. */
  | 'managed-prometheus-scraper'
  /**
   * EKS Auto Mode's per-instance management fee on top of EC2: `perNode` for the worker nodes of
   * `pool` (every worker pool when unset), each priced by its instance type, so sweeps follow.
   */
  | 'eks-auto-mode-fee';

export interface Billable {
  readonly address: string;
  readonly kind: BillableKind;
  readonly description: string;
  readonly quantity: number;
  /** Zone it lives in, when zonal (NAT gateways, volumes): zone loss takes it down. */
  readonly zone?: string;
  readonly volume?: VolumeShape;
  /** Scales with the number of worker nodes (e.g. GKE Cloud NAT per VM). */
  readonly perNode?: boolean;
  /** With `perNode`: only the nodes of this pool count. @default - every worker node */
  readonly pool?: string;
  /** The instance type a per-instance charge is priced by (the EKS Auto Mode fee). */
  readonly instanceType?: string;
  /** Log types or diagnostic categories shipped (control-plane logs, Log Analytics). */
  readonly logTypes?: readonly string[];
  /** Where logs are delivered (flow logs). @default 'cloud-watch-logs' */
  readonly logDestination?: 'cloud-watch-logs' | 's3' | 'cloud-logging';
  /** Fraction of flows logged (GCP subnetwork flow logs' `flow_sampling`). @default 1 */
  readonly sampling?: number;
  /** Log retention in days; undefined: never expires (CloudWatch) or the workspace default. */
  readonly retentionDays?: number;
}

export interface WorkloadInventory {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  /** Replicas right now: the fixed count, or the HPA minimum. */
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly requests: { readonly cpuMillicores: number; readonly memoryMiB: number };
  readonly disruptionBudget?: { readonly maxUnavailable: number } | { readonly minAvailable: number };
  /** Zone spreading: hard (DoNotSchedule), soft (ScheduleAnyway) or none. */
  readonly zoneSpread: 'hard' | 'soft' | 'none';
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Services of type LoadBalancer and Ingresses: each makes the cloud create a load balancer. */
  readonly loadBalancers: readonly { readonly address: string; readonly kind: 'service' | 'ingress'; readonly internal: boolean }[];
  /** Persistent volumes: one per replica for a StatefulSet's claim templates. */
  readonly volumeClaims: readonly {
    readonly address: string;
    readonly sizeGiB: number;
    readonly storageClass: string;
    readonly count: number;
    /**
     * The volume lives in one zone (EBS, zonal PD, LRS Azure Disk): a replica can only start where its volume is.
     * False for regional PD (`replication-type: regional-pd`) and ZRS Azure Disks.
     * @default true
     */
    readonly zonal?: boolean;
  }[];
  readonly monitoring: 'prometheus' | 'datadog' | 'none';
}
