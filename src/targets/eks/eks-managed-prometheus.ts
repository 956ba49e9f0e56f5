import { PrometheusScraper } from '@cdktf/provider-aws/lib/prometheus-scraper';
import { PrometheusWorkspace } from '@cdktf/provider-aws/lib/prometheus-workspace';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { selectorLabels } from '../../k8s/labels';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';

/**
 * The collector scrapes every 30 s, the interval of AMP's default scraper configuration
 * (https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html, 2026-11):
 * the sample count a price of the workspace's ingestion follows from.
 */
export const AMP_SCRAPE_INTERVAL_SECONDS = 30;

/** The Kubernetes user AMP's scraper authenticates as, which the RBAC below binds. Same source. */
export const AMP_COLLECTOR_USER = 'aps-collector-user';

export interface EksManagedPrometheusProps {
  readonly spec: ResolvedAppSpec;
  /** ARN of the EKS cluster the scraper reads. */
  readonly clusterArn: string;
  /** Subnets the scraper's network interfaces are placed in (the cluster's private subnets). */
  readonly subnetIds: readonly string[];
  /** Security groups of those interfaces: the cluster security group, which the nodes carry. */
  readonly securityGroupIds: readonly string[];
  /** What must exist first (the node groups, so the scraper finds targets). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Monitoring for `workload.monitoring: prometheus` without an in-cluster server: an Amazon
 * Managed Service for Prometheus workspace and an AWS-managed collector (`aws_prometheus_scraper`)
 * that scrapes the workload's pods, in its namespace, on its metrics port and path, and writes to
 * the workspace (https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector.html, 2026-11).
 * The collector runs in the VPC with interfaces in the cluster's private subnets; it needs read access to pods
 * through the `aps-collector-user` RBAC that `eksPrometheusCollectorRbac` returns for `deploy` to apply.
 */
export class EksManagedPrometheus extends Construct {
  public readonly workspace: PrometheusWorkspace;
  public readonly scraper: PrometheusScraper;

  constructor(scope: Construct, id: string, props: EksManagedPrometheusProps) {
    super(scope, id);
    const { cluster, workload } = props.spec;
    this.workspace = new PrometheusWorkspace(this, 'Workspace', { alias: `${cluster.name}-${workload.name}` });
    this.scraper = new PrometheusScraper(this, 'Scraper', {
      alias: `${cluster.name}-${workload.name}`.slice(0, 100),
      scrapeConfiguration: eksScrapeConfiguration(props.spec),
      source: [{ eks: [{ clusterArn: props.clusterArn, subnetIds: [...props.subnetIds], securityGroupIds: [...props.securityGroupIds] }] }],
      destination: [{ amp: [{ workspaceArn: this.workspace.arn }] }],
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}

/**
 * Prometheus scrape configuration of the collector: pod discovery limited to the workload's
 * namespace, kept only for the workload's pods (its selector label) and its metrics port.
 */
export function eksScrapeConfiguration(spec: ResolvedAppSpec): string {
  const { workload } = spec;
  if (workload.monitoring.type !== 'prometheus') throw new Error('eksScrapeConfiguration: the workload does not use prometheus monitoring');
  const [[labelKey, labelValue]] = Object.entries(selectorLabels(workload));
  const metaLabel = `__meta_kubernetes_pod_label_${labelKey.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  return stringify({
    global: { scrape_interval: `${AMP_SCRAPE_INTERVAL_SECONDS}s` },
    scrape_configs: [
      {
        job_name: workload.name,
        metrics_path: workload.monitoring.path,
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [workload.namespace] } }],
        relabel_configs: [
          { source_labels: [metaLabel], action: 'keep', regex: labelValue },
          { source_labels: ['__meta_kubernetes_pod_container_port_number'], action: 'keep', regex: String(workload.monitoring.port) },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ],
      },
    ],
  });
}

/**
 * The ClusterRole and binding AMP's collector needs to discover and scrape pods, as the AMP guide
 * gives them (read-only: nodes, pods, services, endpoints, ingresses, configmaps and `/metrics`).
 */
export function eksPrometheusCollectorRbac(): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'aps-collector-role' },
      rules: [
        {
          apiGroups: [''],
          resources: ['nodes', 'nodes/proxy', 'nodes/metrics', 'services', 'endpoints', 'pods', 'ingresses', 'configmaps'],
          verbs: ['describe', 'get', 'list', 'watch'],
        },
        {
          apiGroups: ['extensions', 'networking.k8s.io'],
          resources: ['ingresses/status', 'ingresses'],
          verbs: ['describe', 'get', 'list', 'watch'],
        },
        { apiGroups: ['metrics.eks.amazonaws.com'], resources: ['kcm/metrics', 'ksh/metrics'], verbs: ['get'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'aps-collector-user-role-binding' },
      subjects: [{ kind: 'User', name: AMP_COLLECTOR_USER, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { kind: 'ClusterRole', name: 'aps-collector-role', apiGroup: 'rbac.authorization.k8s.io' },
    },
  ];
}
