/**
 * One cluster description for every target (after kops' `ClusterSpec`): the shared
 * fields say what the team wants, the optional per-target sub-blocks say only what
 * that one cloud has. Each target maps the shared fields to its own resources.
 */
export interface ClusterSpec {
  /** DNS-1035 label, at most 30 characters (it prefixes cloud resource names). */
  readonly name: string;
  /** Kubernetes minor version, `1.MM`. @default '1.31' */
  readonly kubernetesVersion?: string;
  /** Number of availability zones to spread nodes (and, for `ha`, the control plane) over: 1-3. @default 3 */
  readonly zones?: number;
  /** @default 'ha' */
  readonly controlPlane?: ControlPlaneMode;
  /** Worker node pools. @default [{ name: 'default', sizeClass: 'medium', minNodes: 3, desiredNodes: 3, maxNodes: 6 }] */
  readonly nodePools?: readonly NodePoolSpec[];
  /** Region per cloud. @default { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' } */
  readonly regions?: RegionsSpec;
  /**
   * NAT for private nodes: one gateway per zone survives a zone loss; one shared gateway is cheaper.
   * @default 'per-zone' when controlPlane is 'ha', otherwise 'single'
   */
  readonly natGateways?: NatMode;
  /**
   * When managed upgrades may run (GKE maintenance window, AKS planned maintenance for the
   * cluster and the node OS). Weekly, one day, in UTC.
   * @default { dayOfWeek: 'sunday', startHourUtc: 2, durationHours: 12 }
   */
  readonly maintenanceWindow?: MaintenanceWindowSpec;
  /** Marks the cluster as a lab environment that expires. @default - not a lab */
  readonly lab?: LabSpec;
  /** @default {} */
  readonly eks?: EksOptions;
  /** @default {} */
  readonly gke?: GkeOptions;
  /** @default {} */
  readonly aks?: AksOptions;
  /** @default {} */
  readonly kops?: KopsOptions;
}

export type ControlPlaneMode = 'ha' | 'single';

export type DayOfWeek = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface MaintenanceWindowSpec {
  /** @default 'sunday' */
  readonly dayOfWeek?: DayOfWeek;
  /** Hour of the day (UTC) the window opens, 0-23. @default 2 */
  readonly startHourUtc?: number;
  /**
   * Length in hours, 11-24: GKE needs at least 48 hours of maintenance availability in any
   * 32 days (a weekly window of 11 h gives 50 h); AKS allows 4-24 h.
   * @default 12
   */
  readonly durationHours?: number;
}

/** On-demand capacity, or spot/preemptible capacity (cheaper, reclaimed by the cloud at short notice). */
export type CapacityType = 'on-demand' | 'spot';
export type NatMode = 'per-zone' | 'single';

export interface NodePoolSpec {
  /** DNS-1035 label, at most 12 characters (AKS limits pool names). */
  readonly name: string;
  readonly sizeClass: SizeClassName;
  readonly minNodes: number;
  readonly desiredNodes: number;
  readonly maxNodes: number;
  /**
   * `spot` uses EC2 Spot (eks, kops), GKE Spot VMs, AKS Spot node pools: priced at a dated spot
   * rate and modelled as a correlated node-loss risk (the cloud may reclaim many nodes at once).
   * @default 'on-demand'
   */
  readonly capacity?: CapacityType;
}

/** Size classes every target maps to a comparable instance type (same vCPU and memory). */
export type SizeClassName = 'small' | 'medium' | 'large';

export interface RegionsSpec {
  /** @default 'us-east-1' */
  readonly aws?: string;
  /** @default 'us-central1' */
  readonly gcp?: string;
  /** @default 'eastus' */
  readonly azure?: string;
}

export interface LabSpec {
  /** Who to ask before deleting it; lowercase letters, digits and '-'. */
  readonly owner: string;
  /** Hours until the lab expires (1-720). @default 8 */
  readonly ttlHours?: number;
}

export interface EksOptions {
  /**
   * AWS account id, used only to write the IRSA role ARN into the ServiceAccount at synth time.
   * @default - the ARN is taken from the stack output `workload_role_arn` at deploy time
   */
  readonly accountId?: string;
  /** CIDRs allowed to reach the public API endpoint. Never 0.0.0.0/0 by default. @default ['203.0.113.0/24'] (TEST-NET-3, i.e. nobody until you set it) */
  readonly publicAccessCidrs?: readonly string[];
  /** Kubernetes version support policy. EXTENDED costs more once a version leaves standard support. @default 'STANDARD' */
  readonly supportType?: 'STANDARD' | 'EXTENDED';
  /**
   * `managed-node-groups`: managed node groups plus the add-ons orquesta installs (load-balancer
   * controller, EBS CSI driver, cluster-autoscaler, metrics-server). `auto`: EKS Auto Mode, where AWS
   * runs load balancing, block storage and node autoscaling itself, for a per-instance management fee.
   * @default 'managed-node-groups'
   */
  readonly mode?: EksMode;
  /** IAM principal ARNs (roles or users) granted cluster admin through EKS access entries, besides the deploying identity. @default [] */
  readonly adminPrincipalArns?: readonly string[];
  /** Control-plane log types sent to CloudWatch Logs. @default all five: api, audit, authenticator, controllerManager, scheduler */
  readonly controlPlaneLogTypes?: readonly EksLogType[];
}

export type EksMode = 'managed-node-groups' | 'auto';
export type EksLogType = 'api' | 'audit' | 'authenticator' | 'controllerManager' | 'scheduler';
export const EKS_LOG_TYPES: readonly EksLogType[] = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export interface GkeOptions {
  /** GCP project the cluster lives in (also names the workload's Google service account). @default 'orquesta-<cluster name>' */
  readonly project?: string;
  /** @default 'regional' when controlPlane is 'ha', otherwise 'zonal' */
  readonly locationType?: 'regional' | 'zonal';
  /** @default 'REGULAR' */
  readonly releaseChannel?: 'RAPID' | 'REGULAR' | 'STABLE';
  /** CIDRs allowed to reach the control plane. @default ['203.0.113.0/24'] */
  readonly masterAuthorizedCidrs?: readonly string[];
  /**
   * Opt-in: enforce the project's Binary Authorization policy on every pod (images must be
   * attested or allow-listed by a policy your organisation writes first).
   * @default false
   */
  readonly binaryAuthorization?: boolean;
  /**
   * Opt-in: Google Groups for RBAC; the `gke-security-groups@<your domain>` group of your Google
   * Workspace / Cloud Identity organisation.
   * @default - RBAC bindings name users and service accounts only
   */
  readonly rbacSecurityGroup?: string;
  /**
   * Opt-in: application-layer encryption of Secrets with your Cloud KMS key
   * (`projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>`; the GKE service agent needs
   * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it). Key operations are billed by Cloud KMS.
   * @default - Google-managed encryption at rest only
   */
  readonly secretsEncryptionKey?: string;
}

export interface AksOptions {
  /** @default 'Standard' when controlPlane is 'ha', otherwise 'Free' */
  readonly tier?: 'Free' | 'Standard' | 'Premium';
  /** @default 'patch' */
  readonly upgradeChannel?: 'patch' | 'stable' | 'rapid' | 'node-image';
  /** CIDRs allowed to reach the API server. @default ['203.0.113.0/24'] */
  readonly apiServerAuthorizedCidrs?: readonly string[];
  /** Entra ID group object ids granted "Azure Kubernetes Service RBAC Cluster Admin", besides the deploying identity. @default [] */
  readonly adminGroupObjectIds?: readonly string[];
  /**
   * Opt-in: the Azure Policy add-on (Gatekeeper), which enforces the policy assignments your
   * organisation makes on the cluster's scope; without assignments it enforces nothing.
   * @default false
   */
  readonly azurePolicy?: boolean;
}

export interface KopsOptions {
  /** Control-plane instances (etcd members), spread over the zones, odd for etcd quorum. @default 3 when controlPlane is 'ha', otherwise 1 */
  readonly controlPlaneCount?: 1 | 3 | 5;
  /** Size class of control-plane instances. @default 'medium' */
  readonly controlPlaneSizeClass?: SizeClassName;
  /** SSM parameter the AMI id is read from at apply time. @default Ubuntu 22.04 LTS amd64 (Canonical's public parameter) */
  readonly amiSsmParameter?: string;
  /** CIDRs allowed to reach the API load balancer on 443. @default ['203.0.113.0/24'] */
  readonly apiAccessCidrs?: readonly string[];
}
