import {
  type K8sManifestObject,
  ON_CONTROL_PLANE_HOST_NETWORK,
  RESTRICTED_CONTAINER,
  clusterRoleFor,
  requests,
  roleFor,
  serviceAccount,
} from './manifest';

/**
 * cluster-autoscaler, one release line per Kubernetes minor, at the images kops pins
 * (`pkg/model/components/clusterautoscaler.go` in https://github.com/kubernetes/kops, read
 * 2026-12-01), with kops' requests (100m CPU, 300 MiB).
 */
export const KOPS_CLUSTER_AUTOSCALER = {
  imagesByMinor: {
    '1.34': 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.4',
    '1.35': 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.1',
    '1.36': 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.36.0',
  } as Readonly<Record<string, string>>,
  cpuMillicores: 100,
  memoryMiB: 300,
  source:
    'https://github.com/kubernetes/kops (pkg/model/components/clusterautoscaler.go, cluster-autoscaler addon template), read 2026-12-01',
} as const;

/** The image for a Kubernetes minor; throws for a minor without a pinned release line. */
export function clusterAutoscalerImage(kubernetesVersion: string): string {
  const image = KOPS_CLUSTER_AUTOSCALER.imagesByMinor[kubernetesVersion];
  if (!image) {
    const known = Object.keys(KOPS_CLUSTER_AUTOSCALER.imagesByMinor).join(', ');
    throw new Error(`kops: no cluster-autoscaler release pinned for Kubernetes ${kubernetesVersion}; pinned: ${known}`);
  }
  return image;
}

const NS = 'kube-system';
const ACCOUNT = { name: 'cluster-autoscaler', namespace: NS };
const READ = ['watch', 'list', 'get'];

export interface ClusterAutoscalerProps {
  readonly clusterName: string;
  readonly region: string;
  readonly kubernetesVersion: string;
}

/**
 * Finds the worker groups by their tags (`k8s.io/cluster-autoscaler/enabled` and
 * `k8s.io/cluster-autoscaler/<cluster>`) and honours each group's own min and max size, which are
 * the spec pool's `minNodes`/`maxNodes`. It runs on a control-plane node on the host network, with
 * the control-plane role, whose `SetDesiredCapacity`/`TerminateInstanceInAutoScalingGroup` are
 * limited to groups tagged for this cluster; the region is passed explicitly.
 */
export function clusterAutoscalerObjects(props: ClusterAutoscalerProps): K8sManifestObject[] {
  const ca = KOPS_CLUSTER_AUTOSCALER;
  return [
    serviceAccount(ACCOUNT.name, NS),
    ...clusterRoleFor(
      'cluster-autoscaler',
      [
        { apiGroups: [''], resources: ['events', 'endpoints'], verbs: ['create', 'patch'] },
        { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
        { apiGroups: [''], resources: ['pods/status'], verbs: ['update'] },
        { apiGroups: [''], resources: ['endpoints'], resourceNames: ['cluster-autoscaler'], verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get', 'update'] },
        {
          apiGroups: [''],
          resources: [
            'namespaces',
            'pods',
            'services',
            'replicationcontrollers',
            'persistentvolumeclaims',
            'persistentvolumes',
            'configmaps',
          ],
          verbs: READ,
        },
        { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
        { apiGroups: ['apps'], resources: ['daemonsets', 'replicasets', 'statefulsets'], verbs: READ },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['watch', 'list'] },
        {
          apiGroups: ['storage.k8s.io'],
          resources: ['storageclasses', 'csinodes', 'csidrivers', 'csistoragecapacities', 'volumeattachments'],
          verbs: READ,
        },
        { apiGroups: ['resource.k8s.io'], resources: ['resourceslices', 'deviceclasses', 'resourceclaims'], verbs: READ },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['cluster-autoscaler'], verbs: ['get', 'update'] },
      ],
      ACCOUNT,
    ),
    ...roleFor(
      'cluster-autoscaler',
      [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['cluster-autoscaler-status'], verbs: ['delete', 'get', 'update'] },
      ],
      ACCOUNT,
    ),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cluster-autoscaler', namespace: NS, labels: { app: 'cluster-autoscaler' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'cluster-autoscaler' } },
        template: {
          metadata: { labels: { app: 'cluster-autoscaler' } },
          spec: {
            ...ON_CONTROL_PLANE_HOST_NETWORK,
            serviceAccountName: ACCOUNT.name,
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'cluster-autoscaler',
                image: clusterAutoscalerImage(props.kubernetesVersion),
                command: [
                  './cluster-autoscaler',
                  '--cloud-provider=aws',
                  `--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/${props.clusterName}`,
                  '--balance-similar-node-groups=true',
                  '--expander=least-waste',
                  '--skip-nodes-with-local-storage=false',
                  '--cordon-node-before-terminating=true',
                  '--leader-elect=true',
                  '--logtostderr=true',
                  '--v=2',
                ],
                env: [{ name: 'AWS_REGION', value: props.region }],
                ports: [{ name: 'http', containerPort: 8085, protocol: 'TCP' }],
                livenessProbe: { httpGet: { path: '/health-check', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
                resources: requests(ca.cpuMillicores, ca.memoryMiB),
                securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 65534 },
              },
            ],
          },
        },
      },
    },
  ];
}
