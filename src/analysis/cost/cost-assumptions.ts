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

export interface CostOptions {
  /**
   * Apply GKE's free-tier credit ($74.40/month per billing account, for one zonal or Autopilot cluster).
   * @default false - the credit is per billing account and usually already used by another cluster
   */
  readonly gkeFreeTierCredit?: boolean;
}

export const COST_NOTES: readonly string[] = [
  `Prices are on-demand list prices in USD; a month is ${HOURS_PER_MONTH} hours.`,
  'Traffic-dependent charges (NAT and load-balancer data processing, LCUs, egress) are not included: they depend on traffic, not on what is synthesized.',
  `The kops state bucket is priced at ${STATE_BUCKET_GIB} GiB (state plus a week of etcd snapshots).`,
  `Prometheus on EKS and kops is priced as a self-hosted server: a ${PROMETHEUS_STACK.volumeGiB} GiB volume plus its share (${PROMETHEUS_STACK.cpuMillicores}m CPU / ${PROMETHEUS_STACK.memoryMiB} MiB) of one workload node.`,
  `Prometheus on GKE and AKS is the cloud's managed service, priced per sample ingested: ${PROMETHEUS_SERIES_PER_REPLICA.toLocaleString('en-US')} series per replica scraped every 30 s (${(PROMETHEUS_SAMPLES_PER_REPLICA_MONTH / 1e6).toFixed(1)} million samples per replica per month).`,
  'Datadog is priced per host running the agent: every node, including self-managed control-plane nodes.',
  "GKE's free-tier credit is not applied unless asked (it is per billing account).",
];
