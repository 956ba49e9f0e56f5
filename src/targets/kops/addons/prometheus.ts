import { stringify } from 'yaml';
import { KOPS_DEFAULT_STORAGE_CLASS } from './ebs-csi-driver';
import { type K8sManifestObject, RESTRICTED_CONTAINER, clusterRoleFor, requests, serviceAccount } from './manifest';

/**
 * The in-cluster Prometheus that scrapes the workload on kops (there is no managed collector):
 * the newest release tag, v3.14.0 of 2026-08-17 (https://github.com/prometheus/prometheus/releases/tag/v3.14.0,
 * read 2026-12-01), with the requests and volume of a small single-app server (500m CPU, 2 GiB,
 * 50 GiB: the kube-prometheus-stack sizes orquesta's cost model assumes,
 * https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack, 2026-11).
 * Retention: Prometheus' default 15 days, capped at 45 GB so the volume never fills.
 */
export const KOPS_PROMETHEUS = {
  version: 'v3.14.0',
  image: 'quay.io/prometheus/prometheus:v3.14.0',
  cpuMillicores: 500,
  memoryMiB: 2048,
  volumeGiB: 50,
  retention: { time: '15d', size: '45GB' },
  scrapeInterval: '30s',
  source: 'https://github.com/prometheus/prometheus/releases/tag/v3.14.0 (read 2026-12-01)',
} as const;

/** The namespace the workload's NetworkPolicy admits metrics scrapes from. */
export const KOPS_PROMETHEUS_NAMESPACE = 'monitoring';

export interface PrometheusProps {
  /** The workload: its name (pod label `app.kubernetes.io/name`), namespace and metrics endpoint. */
  readonly workload: { readonly name: string; readonly namespace: string; readonly metricsPort: number; readonly metricsPath: string };
}

/**
 * Scrapes the workload's pods directly (Kubernetes pod discovery in the workload's namespace,
 * kept by the app's selector label and the metrics port): the same targets as the workload's
 * ServiceMonitor, without needing prometheus-operator.
 */
export function prometheusObjects(props: PrometheusProps): K8sManifestObject[] {
  const p = KOPS_PROMETHEUS;
  const ns = KOPS_PROMETHEUS_NAMESPACE;
  const w = props.workload;
  const account = { name: 'prometheus', namespace: ns };
  const labels = { 'app.kubernetes.io/name': 'prometheus' };
  const config = {
    global: { scrape_interval: p.scrapeInterval, evaluation_interval: p.scrapeInterval },
    scrape_configs: [
      {
        job_name: w.name,
        metrics_path: w.metricsPath,
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [w.namespace] } }],
        relabel_configs: [
          { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], regex: w.name, action: 'keep' },
          { source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(w.metricsPort), action: 'keep' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        ],
      },
    ],
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    },
    { ...serviceAccount(account.name, ns), automountServiceAccountToken: true },
    ...clusterRoleFor('orquesta:prometheus', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }], account),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'prometheus', namespace: ns },
      data: { 'prometheus.yml': stringify(config, { aliasDuplicateObjects: false }) },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'prometheus-data', namespace: ns },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: KOPS_DEFAULT_STORAGE_CLASS,
        resources: { requests: { storage: `${p.volumeGiB}Gi` } },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'prometheus', namespace: ns, labels },
      spec: {
        replicas: 1,
        // One writer per volume: the old pod stops before the new one mounts it.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: account.name,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65534,
              runAsGroup: 65534,
              fsGroup: 65534,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'prometheus',
                image: p.image,
                args: [
                  '--config.file=/etc/prometheus/prometheus.yml',
                  '--storage.tsdb.path=/prometheus',
                  `--storage.tsdb.retention.time=${p.retention.time}`,
                  `--storage.tsdb.retention.size=${p.retention.size}`,
                ],
                ports: [{ name: 'web', containerPort: 9090, protocol: 'TCP' }],
                readinessProbe: { httpGet: { path: '/-/ready', port: 'web' }, periodSeconds: 10 },
                livenessProbe: { httpGet: { path: '/-/healthy', port: 'web' }, periodSeconds: 30, failureThreshold: 5 },
                resources: requests(p.cpuMillicores, p.memoryMiB),
                securityContext: RESTRICTED_CONTAINER,
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/prometheus', readOnly: true },
                  { name: 'data', mountPath: '/prometheus' },
                ],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: 'prometheus' } },
              { name: 'data', persistentVolumeClaim: { claimName: 'prometheus-data' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'prometheus', namespace: ns, labels },
      spec: { selector: labels, ports: [{ name: 'web', port: 9090, targetPort: 'web', protocol: 'TCP' }] },
    },
  ];
}
