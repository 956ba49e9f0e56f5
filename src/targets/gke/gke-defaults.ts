import type { DayOfWeek } from '../../spec/cluster-spec';
import type { ResolvedCluster } from '../../spec/resolved-spec';

/**
 * Every number and fixed choice the GKE stack makes, each with its source. Sources read 2026-11-22.
 */

/**
 * Node subnet: a /20 gives 4,092 usable node addresses, far above any pool orquesta creates.
 * Pods: a /14 is GKE's default cluster (pod) range size; with 110 pods per node GKE carves a /24
 * per node, so a /14 holds 1,024 nodes. Services: a /20 is GKE's default service range size.
 * Source: https://cloud.google.com/kubernetes-engine/docs/concepts/alias-ips#defaults_limits (2026-11).
 * All three from RFC 1918 10/8, aligned to their prefix, disjoint from each other and from
 * `GKE_MASTER_IPV4_CIDR`.
 */
export const GKE_NODE_SUBNET_CIDR = '10.10.0.0/20';
export const GKE_POD_RANGE_CIDR = '10.16.0.0/14';
export const GKE_SERVICE_RANGE_CIDR = '10.20.0.0/20';
export const GKE_POD_RANGE_NAME = 'pods';
export const GKE_SERVICE_RANGE_NAME = 'services';

/**
 * The control plane's private range for a private-nodes cluster: must be a /28 that overlaps
 * nothing in the VPC. 172.16.0.0/28 is the value GKE's own how-to uses.
 * Source: https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters (2026-11).
 */
export const GKE_MASTER_IPV4_CIDR = '172.16.0.0/28';

/**
 * Zone suffixes per region. Almost every region has zones a, b and c; these three do not start
 * at a or have a fourth: us-east1 and europe-west1 have b, c, d (their zone a was retired);
 * us-central1 has a, b, c, f. Other regions use `GCP_DEFAULT_ZONE_SUFFIXES`.
 * Source: https://cloud.google.com/compute/docs/regions-zones#available (2026-11). Zones come from
 * this table, never from a `google_compute_zones` data source, so planning needs no credentials.
 */
export const GCP_ZONE_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  'us-central1': ['a', 'b', 'c', 'f'],
  'us-east1': ['b', 'c', 'd'],
  'europe-west1': ['b', 'c', 'd'],
};
export const GCP_DEFAULT_ZONE_SUFFIXES: readonly string[] = ['a', 'b', 'c'];

/** The first `count` zones of `region`, e.g. `us-central1-a`, `us-central1-b`. */
export function gcpZones(region: string, count: number): string[] {
  const suffixes = GCP_ZONE_SUFFIXES[region] ?? GCP_DEFAULT_ZONE_SUFFIXES;
  if (!Number.isInteger(count) || count < 1 || count > suffixes.length) {
    throw new Error(
      `'zones' (${count}) must be an integer in 1..${suffixes.length}: GCP region '${region}' has zones ${suffixes.join(', ')}`,
    );
  }
  return suffixes.slice(0, count).map((suffix) => `${region}-${suffix}`);
}

/**
 * The roles GKE documents for a least-privilege node service account (logs, metrics, metadata;
 * the same permissions `roles/container.defaultNodeServiceAccount` bundles, listed one by one so
 * a reviewer sees each grant) plus read access to Artifact Registry so nodes can pull private
 * images from the project.
 * Source: https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa (2026-11).
 */
export const GKE_NODE_SERVICE_ACCOUNT_ROLES: readonly string[] = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadataWriter',
  'roles/artifactregistry.reader',
];

/**
 * With a dedicated service account, IAM roles (not access scopes) should limit what nodes can do,
 * so the scope is the broad cloud-platform one.
 * Source: https://cloud.google.com/compute/docs/access/service-accounts#scopes_best_practice (2026-11).
 */
export const GKE_NODE_OAUTH_SCOPES: readonly string[] = ['https://www.googleapis.com/auth/cloud-platform'];

/**
 * Boot disk: pd-balanced (SSD-backed, GKE's default disk type since 1.24) of 100 GB, GKE's default size.
 * Source: https://cloud.google.com/kubernetes-engine/docs/how-to/custom-boot-disks (2026-11).
 */
export const GKE_BOOT_DISK_TYPE = 'pd-balanced';
export const GKE_BOOT_DISK_SIZE_GB = 100;

/**
 * Surge upgrades one node at a time with no node taken away first: GKE's default surge settings
 * (maxSurge 1, maxUnavailable 0). Source:
 * https://cloud.google.com/kubernetes-engine/docs/concepts/node-pool-upgrade-strategies#surge (2026-11).
 */
export const GKE_UPGRADE_MAX_SURGE = 1;
export const GKE_UPGRADE_MAX_UNAVAILABLE = 0;

/**
 * Dataplane V2 (eBPF/Cilium) enforces NetworkPolicy without the Calico add-on and is GKE's
 * recommended dataplane. Source: https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2 (2026-11).
 */
export const GKE_DATAPATH_PROVIDER = 'ADVANCED_DATAPATH';

/**
 * Cloud NAT: 64 ports per VM, the Cloud NAT default for static allocation, written out so the
 * connection budget per node is visible (64 ports = 64 concurrent connections to one destination
 * ip:port). Only errors are logged: enough to diagnose port exhaustion without paying to log every
 * connection. Source: https://cloud.google.com/nat/docs/ports-and-addresses (2026-11).
 */
export const GKE_NAT_MIN_PORTS_PER_VM = 64;
export const GKE_NAT_LOG_FILTER = 'ERRORS_ONLY';

/**
 * GCP service account ids: 6-30 characters, lowercase letters, digits and '-', starting with a
 * letter and not ending with '-'. Source:
 * https://cloud.google.com/iam/docs/service-accounts-create#creating (2026-11).
 */
export const GCP_SERVICE_ACCOUNT_ID_MIN = 6;
export const GCP_SERVICE_ACCOUNT_ID_MAX = 30;

/**
 * A valid service account id made from `base`: truncated to 30 characters, trailing '-' removed,
 * and padded with `-sa` (then `0`s) when shorter than 6. `base` must be a DNS-1035 label.
 */
export function gcpServiceAccountId(base: string): string {
  let id = base.slice(0, GCP_SERVICE_ACCOUNT_ID_MAX).replace(/-+$/, '');
  if (id.length < GCP_SERVICE_ACCOUNT_ID_MIN) id = `${id}-sa`;
  return id.padEnd(GCP_SERVICE_ACCOUNT_ID_MIN, '0');
}

/**
 * VPC flow logs on the node subnetwork, at Google's documented defaults written out: 5-second
 * aggregation, half of the flows sampled, all metadata (VM, GKE pod and service names). Flow logs
 * are billed per GiB generated (network telemetry) and ingested into Cloud Logging, so the cost
 * report prices them as usage. Source: https://cloud.google.com/vpc/docs/flow-logs#key_properties (2026-11).
 */
export const GKE_FLOW_LOG_AGGREGATION_INTERVAL = 'INTERVAL_5_SEC';
export const GKE_FLOW_LOG_SAMPLING = 0.5;
export const GKE_FLOW_LOG_METADATA = 'INCLUDE_ALL_METADATA';

/**
 * The Google APIs this stack calls, enabled by the stack so a fresh project works:
 * compute (VPC, subnetwork, router, NAT), container (the cluster), iam (service accounts and their
 * IAM bindings), iamcredentials (Workload Identity: the GKE metadata server mints the Google
 * service account's tokens through it), cloudresourcemanager (project-level IAM bindings),
 * logging and monitoring (node agents, flow logs, managed Prometheus).
 * Service Usage itself (serviceusage.googleapis.com) must already be on; it is on in every new project.
 * Sources: https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity#before_you_begin,
 * https://cloud.google.com/service-usage/docs/enable-disable (2026-11).
 */
export const GKE_PROJECT_APIS = {
  compute: 'compute.googleapis.com',
  container: 'container.googleapis.com',
  iam: 'iam.googleapis.com',
  iamCredentials: 'iamcredentials.googleapis.com',
  resourceManager: 'cloudresourcemanager.googleapis.com',
  logging: 'logging.googleapis.com',
  monitoring: 'monitoring.googleapis.com',
} as const;
export type GkeProjectApi = keyof typeof GKE_PROJECT_APIS;

/**
 * GKE node pool names: at most 40 characters. With `name_prefix` the provider appends a
 * 26-character unique suffix (terraform-plugin-sdk `PrefixedUniqueId`), so a prefix may be at most
 * 14 characters. Source: https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools (2026-11).
 */
export const GKE_POOL_NAME_MAX = 40;
export const TERRAFORM_UNIQUE_SUFFIX_LENGTH = 26;

/** RFC 5545 BYDAY codes. */
const RRULE_DAYS: Readonly<Record<DayOfWeek, string>> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
const WEEK_ORDER: readonly DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * A fixed Monday in the past that anchors the recurring window: GKE takes the time of day and the
 * length from start/end and repeats them by the RRULE. A fixed anchor (not the synthesis time)
 * keeps the plan free of spurious diffs.
 */
const GKE_WINDOW_ANCHOR_MONDAY_UTC = Date.UTC(2024, 0, 1);

export interface GkeRecurringWindow {
  readonly startTime: string;
  readonly endTime: string;
  readonly recurrence: string;
}

/**
 * The spec's weekly window as a GKE recurring maintenance window (RFC 3339 start/end in UTC, RFC 5545
 * RRULE). A window may run past midnight: its end then falls on the next day.
 * Source: https://cloud.google.com/kubernetes-engine/docs/how-to/maintenance-windows-and-exclusions (2026-11).
 */
export function gkeRecurringWindow(window: ResolvedCluster['maintenanceWindow']): GkeRecurringWindow {
  const startMs = GKE_WINDOW_ANCHOR_MONDAY_UTC + (WEEK_ORDER.indexOf(window.dayOfWeek) * 24 + window.startHourUtc) * 3_600_000;
  const endMs = startMs + window.durationHours * 3_600_000;
  const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    startTime: rfc3339(startMs),
    endTime: rfc3339(endMs),
    recurrence: `FREQ=WEEKLY;BYDAY=${RRULE_DAYS[window.dayOfWeek]}`,
  };
}
