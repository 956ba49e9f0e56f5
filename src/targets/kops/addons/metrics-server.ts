import { type K8sManifestObject, RESTRICTED_CONTAINER, clusterRoleFor, requests, serviceAccount } from './manifest';

/**
 * metrics-server, the source of the resource metrics the workload's HorizontalPodAutoscaler reads,
 * at the version and requests (100m CPU, 200 MiB) of kops' addon
 * (`upup/models/cloudup/resources/addons/metrics-server.addons.k8s.io/k8s-1.11.yaml.template` in
 * https://github.com/kubernetes/kops, read 2026-12-01), one replica as upstream's components.yaml.
 */
export const KOPS_METRICS_SERVER = {
  version: 'v0.8.0',
  image: 'registry.k8s.io/metrics-server/metrics-server:v0.8.0',
  replicas: 1,
  cpuMillicores: 100,
  memoryMiB: 200,
  source:
    'https://github.com/kubernetes/kops (metrics-server addon template), https://github.com/kubernetes-sigs/metrics-server/releases/tag/v0.8.0, read 2026-12-01',
} as const;

const NS = 'kube-system';
const ACCOUNT = { name: 'metrics-server', namespace: NS };
const LABELS = { 'k8s-app': 'metrics-server' };

/**
 * kubeadm's kubelets serve self-signed certificates, so metrics-server skips verifying them
 * (`--kubelet-insecure-tls`, as kops does without `serverTLSBootstrap`); the connection is still
 * TLS, authenticated by metrics-server's ServiceAccount token, and only reaches nodes by their
 * EC2 names.
 */
export function metricsServerObjects(): K8sManifestObject[] {
  const m = KOPS_METRICS_SERVER;
  return [
    serviceAccount(ACCOUNT.name, NS),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: {
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
      },
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    ...clusterRoleFor(
      'system:metrics-server',
      [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
      ACCOUNT,
    ),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'metrics-server-auth-reader', namespace: NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: [{ kind: 'ServiceAccount', ...ACCOUNT }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'metrics-server:system:auth-delegator' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', ...ACCOUNT }],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
      spec: { selector: LABELS, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: NS, labels: LABELS },
      spec: {
        replicas: m.replicas,
        selector: { matchLabels: LABELS },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            serviceAccountName: ACCOUNT.name,
            priorityClassName: 'system-cluster-critical',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'metrics-server',
                image: m.image,
                args: [
                  '--cert-dir=/tmp',
                  '--secure-port=10250',
                  '--kubelet-preferred-address-types=Hostname,InternalIP',
                  '--kubelet-use-node-status-port',
                  '--metric-resolution=15s',
                  '--kubelet-insecure-tls',
                ],
                ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
                livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
                readinessProbe: {
                  httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' },
                  initialDelaySeconds: 20,
                  periodSeconds: 10,
                  failureThreshold: 3,
                },
                resources: requests(m.cpuMillicores, m.memoryMiB, 2 * m.memoryMiB),
                securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 1000 },
                volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io', labels: LABELS },
      spec: {
        service: { name: 'metrics-server', namespace: NS },
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}
