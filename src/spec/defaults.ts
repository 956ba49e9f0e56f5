import type { NodePoolSpec } from './cluster-spec';

/**
 * Every default of the cloud-neutral spec, in one place, each with where it comes from.
 * Target-specific defaults (instance types, versions of add-ons) live in each target's folder.
 */

/**
 * Kubernetes minor version. 1.34 is in standard support on EKS, GKE and AKS until late 2026
 * and 1.35 into 2027; we default to the newer one so a fresh lab does not land in extended support.
 * Sources (2026-11): https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html ,
 * https://cloud.google.com/kubernetes-engine/docs/release-schedule ,
 * https://learn.microsoft.com/azure/aks/supported-kubernetes-versions
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** Three zones: the smallest count where losing one zone leaves a majority (etcd quorum, 2 of 3). */
export const DEFAULT_ZONES = 3;

export const DEFAULT_CONTROL_PLANE = 'ha' as const;

/** A 3-node pool of 2 vCPU / 8 GiB, one node per zone, room to double: eksctl's default node group is 2 x m5.large (https://eksctl.io/usage/creating-and-managing-clusters/, 2026-11). */
export const DEFAULT_NODE_POOL: NodePoolSpec = {
  name: 'default',
  sizeClass: 'medium',
  minNodes: 3,
  desiredNodes: 3,
  maxNodes: 6,
};

/** The cheapest, most-used region of each cloud; the price catalog covers these and one European region each. */
export const DEFAULT_REGIONS = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' } as const;

/** Workday-long labs (8 h) unless the owner says otherwise; 30 days at most. */
export const DEFAULT_LAB_TTL_HOURS = 8;
export const MAX_LAB_TTL_HOURS = 720;

/**
 * Public API endpoints are closed unless the user opens them: TEST-NET-3 (RFC 5737) is a
 * documentation range nobody routes, so the default admits nobody and is never 0.0.0.0/0.
 */
export const DEFAULT_API_ACCESS_CIDRS: readonly string[] = ['203.0.113.0/24'];

/** Three replicas: one per zone in a 3-zone cluster (https://kubernetes.io/docs/concepts/workloads/pods/pod-topology-spread-constraints/). */
export const DEFAULT_REPLICAS = 3;

/** The HPA target most charts use; Kubernetes has no default for it (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/, 2026-11). */
export const DEFAULT_TARGET_CPU_PERCENT = 70;

/** Allow one voluntary eviction at a time: never blocks a node drain. */
export const DEFAULT_MAX_UNAVAILABLE = 1;

/** Kubernetes probe defaults (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe, 2026-11). */
export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 } as const;

export const DEFAULT_VOLUME_MOUNT_PATH = '/data';
export const DEFAULT_PROMETHEUS_PATH = '/metrics';
export const DEFAULT_INGRESS_PATH = '/';

export const DEFAULT_RELEASE_CHANNEL = 'REGULAR' as const;
export const DEFAULT_AKS_UPGRADE_CHANNEL = 'patch' as const;
/** Canonical publishes the current Ubuntu 22.04 AMI id in this public SSM parameter (https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/, 2026-11). */
export const DEFAULT_KOPS_AMI_SSM_PARAMETER = '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id';
export const DEFAULT_KOPS_CONTROL_PLANE_SIZE_CLASS = 'medium' as const;

/** Node pools run on on-demand capacity unless the user opts into spot. */
export const DEFAULT_CAPACITY = 'on-demand' as const;

/**
 * Sunday 02:00-14:00 UTC, weekly: a weekend window long enough for GKE, which requires 48 h of
 * maintenance availability in any 32-day period with windows of at least 4 h
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions, 2026-11),
 * and within AKS' 4-24 h planned-maintenance duration
 * (https://learn.microsoft.com/azure/aks/planned-maintenance, 2026-11).
 */
export const DEFAULT_MAINTENANCE_WINDOW = { dayOfWeek: 'sunday', startHourUtc: 2, durationHours: 12 } as const;

/** Managed node groups with orquesta's add-ons: no per-instance Auto Mode fee unless asked for. */
export const DEFAULT_EKS_MODE = 'managed-node-groups' as const;
