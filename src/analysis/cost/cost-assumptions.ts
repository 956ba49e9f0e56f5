/**
 * Usage assumptions the cost model needs where a price is per unit of use. Each is stated in the
 * report; none is hidden in a formula.
 */

/** Hours in an average month, as the AWS, Google Cloud and Azure pricing calculators use (730 = 8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** Size of the kops state bucket: cluster state plus 7 days of 6-hourly etcd snapshots of a small cluster (~100 MiB each). */
export const STATE_BUCKET_GIB = 3;

/**
 * A self-hosted Prometheus for one app's metrics: kube-prometheus-stack's Prometheus with a 50 GiB
 * volume and requests of 500m CPU / 2 GiB (its values.yaml leaves requests unset; these are the
 * sizes its docs suggest for small clusters: https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack, 2026-11).
 * Only the volume is money: the server's requests are capacity on nodes already billed (the fault
 * analysis subtracts add-on footprints from allocatable), not a share of a node priced again.
 */
export const PROMETHEUS_STACK = { volumeGiB: 50, cpuMillicores: 500, memoryMiB: 2048 } as const;

/**
 * Managed Prometheus (GKE, AKS) bills samples ingested: 1,000 active series per replica (a typical
 * HTTP service with runtime metrics) scraped every 30 s, the interval the chart's monitor sets:
 * 1,000 x 2/min x 60 x 730 = 87.6 million samples per replica per month.
 */
export const PROMETHEUS_SERIES_PER_REPLICA = 1000;
export const PROMETHEUS_SCRAPES_PER_MINUTE = 2;
export const PROMETHEUS_SAMPLES_PER_REPLICA_MONTH = PROMETHEUS_SERIES_PER_REPLICA * PROMETHEUS_SCRAPES_PER_MINUTE * 60 * HOURS_PER_MONTH;

/**
 * EKS control-plane logs ingested per month, per log type, for a small cluster (a handful of nodes, one
 * app, a CI deploying a few times a day). The audit log dominates; a busy cluster writes far more.
 */
export const EKS_LOG_GB_PER_MONTH: Readonly<Record<string, number>> = {
  api: 1,
  audit: 3,
  authenticator: 0.5,
  controllerManager: 0.5,
  scheduler: 0.2,
};
/** A log type not in the table above. */
export const EKS_LOG_GB_PER_MONTH_OTHER = 1;

/** VPC flow logs (all traffic, default 10-minute aggregation) of a small cluster's VPC, per month. */
export const FLOW_LOG_GB_PER_MONTH = 5;

/** Months of logs a group keeps when it never expires: priced as one year accumulated. */
export const NEVER_EXPIRING_LOG_MONTHS = 12;

/** AKS diagnostic categories shipped to Log Analytics, GB per month (kube-audit-admin excludes get/list, so it is small). */
export const AKS_DIAGNOSTIC_GB_PER_MONTH: Readonly<Record<string, number>> = {
  'kube-audit-admin': 2,
  'kube-audit': 10,
  guard: 0.5,
};
export const AKS_DIAGNOSTIC_GB_PER_MONTH_OTHER = 1;
/** Container insights (the monitoring add-on) node and container logs, per node per month. */
export const CONTAINER_INSIGHTS_GB_PER_NODE_MONTH = 2;

/** Datadog billing: month-to-month on-demand (the default, like every other price) or the annual commitment. */
export type DatadogBilling = 'on-demand' | 'annual';

export interface CostOptions {
  /**
   * Apply GKE's free-tier credit ($74.40/month per billing account, for one zonal or Autopilot cluster).
   * @default false - the credit is per billing account and usually already used by another cluster
   */
  readonly gkeFreeTierCredit?: boolean;
  /** @default 'on-demand' */
  readonly datadogBilling?: DatadogBilling;
  /**
   * The date prices are evaluated at (EKS: standard or extended support of the version on that day).
   * @default - the time of the call
   */
  readonly at?: Date;
}

export const COST_NOTES: readonly string[] = [
  `Prices are on-demand list prices in USD; a month is ${HOURS_PER_MONTH} hours.`,
  'Traffic-dependent charges (NAT and load-balancer data processing, LCUs, egress) are not included: they depend on traffic, not on what is synthesized.',
  `The kops state bucket is priced at ${STATE_BUCKET_GIB} GiB (state plus a week of etcd snapshots).`,
  `Prometheus on EKS and kops is Amazon Managed Service for Prometheus when the stack creates its workspace and scraper (samples as below plus collector-hours), otherwise a self-hosted server: its ${PROMETHEUS_STACK.volumeGiB} GiB volume is priced; its requests (${PROMETHEUS_STACK.cpuMillicores}m CPU / ${PROMETHEUS_STACK.memoryMiB} MiB) are capacity on nodes already billed, not money.`,
  `Prometheus on GKE and AKS is the cloud's managed service, priced per sample ingested: ${PROMETHEUS_SERIES_PER_REPLICA.toLocaleString('en-US')} series per replica scraped every 30 s (${(PROMETHEUS_SAMPLES_PER_REPLICA_MONTH / 1e6).toFixed(1)} million samples per replica per month).`,
  'Datadog is priced per host running the agent: every node, including self-managed control-plane nodes, at the on-demand (month-to-month) rate unless the annual commitment is chosen.',
  `EKS control-plane logs are priced as CloudWatch Logs ingestion of ${Object.entries(EKS_LOG_GB_PER_MONTH)
    .map(([t, gb]) => `${t} ${gb} GB`)
    .join(', ')} per month, plus storage for the log group's retention (${NEVER_EXPIRING_LOG_MONTHS} months when it never expires).`,
  `VPC flow logs are priced at ${FLOW_LOG_GB_PER_MONTH} GB per month per flow log: on AWS vended-logs ingestion plus storage for the retention; on GKE Cloud Logging ingestion of that volume times the subnetwork's sampling.`,
  `AKS Log Analytics is priced per GB ingested: ${Object.entries(AKS_DIAGNOSTIC_GB_PER_MONTH)
    .map(([c, gb]) => `${c} ${gb} GB`)
    .join(
      ', ',
    )} (other categories ${AKS_DIAGNOSTIC_GB_PER_MONTH_OTHER} GB) per month, plus ${CONTAINER_INSIGHTS_GB_PER_NODE_MONTH} GB per node with container insights; the first 31 days of retention are included.`,
  'Spot capacity is priced at a dated spot price per instance type and region; spot prices move, and the cloud can reclaim spot nodes at short notice, many at once.',
  "GKE's free-tier credit is not applied unless asked (it is per billing account).",
];
