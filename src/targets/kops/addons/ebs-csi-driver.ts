import { type K8sManifestObject, ON_CONTROL_PLANE_HOST_NETWORK, clusterRoleFor, requests, roleFor, serviceAccount } from './manifest';

/**
 * The EBS CSI driver and the CSI sidecars kops deploys with it
 * (`upup/models/cloudup/resources/addons/aws-ebs-csi-driver.addons.k8s.io/k8s-1.17.yaml.template`
 * and `pkg/model/components/awsebscsidriver.go` in https://github.com/kubernetes/kops, read 2026-12-01),
 * without the snapshotter (no snapshot CRDs are installed). Every container requests 10m CPU and
 * 40 MiB, as there.
 */
/** The plugin's health port and the liveness probe on it, the same in the controller and the node DaemonSet (as upstream). */
const PLUGIN_HEALTH = {
  ports: [{ name: 'healthz', containerPort: 9808, protocol: 'TCP' }],
  livenessProbe: {
    httpGet: { path: '/healthz', port: 'healthz' },
    initialDelaySeconds: 10,
    timeoutSeconds: 3,
    periodSeconds: 10,
    failureThreshold: 5,
  },
};

export const KOPS_EBS_CSI = {
  version: 'v1.58.0',
  images: {
    driver: 'registry.k8s.io/provider-aws/aws-ebs-csi-driver:v1.58.0',
    provisioner: 'registry.k8s.io/sig-storage/csi-provisioner:v6.2.0',
    attacher: 'registry.k8s.io/sig-storage/csi-attacher:v4.11.0',
    resizer: 'registry.k8s.io/sig-storage/csi-resizer:v2.1.0',
    registrar: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.16.0',
    livenessProbe: 'registry.k8s.io/sig-storage/livenessprobe:v2.18.0',
  },
  containerRequests: { cpuMillicores: 10, memoryMiB: 40 },
  /** ebs-plugin, node-driver-registrar, liveness-probe. */
  nodeContainers: 3,
  source:
    'https://github.com/kubernetes/kops (pkg/model/components/awsebscsidriver.go, aws-ebs-csi-driver addon template), read 2026-12-01',
} as const;

/** The StorageClass the cluster offers by default, as kops' `kops-csi-1-21`: encrypted gp3, bound where the pod lands. */
export const KOPS_DEFAULT_STORAGE_CLASS = 'kops-csi-gp3';

const NS = 'kube-system';
const CONTROLLER = { name: 'ebs-csi-controller-sa', namespace: NS };
const NODE = { name: 'ebs-csi-node-sa', namespace: NS };
const SOCKET_DIR = '/var/lib/csi/sockets/pluginproxy/';
const res = () => requests(KOPS_EBS_CSI.containerRequests.cpuMillicores, KOPS_EBS_CSI.containerRequests.memoryMiB, 256);

export interface EbsCsiDriverProps {
  readonly clusterName: string;
  readonly region: string;
  /** Controller replicas: one per control-plane member, at most two. */
  readonly controllerReplicas: number;
}

/**
 * The controller runs on the control-plane nodes on the host network, so it reaches IMDS under
 * hop limit 1 and uses the control-plane role, whose EBS writes are limited to volumes tagged for
 * this cluster; `--k8s-tag-cluster-id` makes it tag what it creates with that very tag. The region
 * is passed explicitly. The node plugin calls no AWS API: it reads its instance id and zone from
 * the Node object when IMDS is out of reach (the driver's Kubernetes metadata source).
 */
export function ebsCsiDriverObjects(props: EbsCsiDriverProps): K8sManifestObject[] {
  const img = KOPS_EBS_CSI.images;
  const sidecar = (name: string, image: string, args: string[]) => ({
    name,
    image,
    args: [...args, '--csi-address=$(ADDRESS)', '--v=2'],
    env: [{ name: 'ADDRESS', value: `${SOCKET_DIR}csi.sock` }],
    volumeMounts: [{ name: 'socket-dir', mountPath: SOCKET_DIR }],
    resources: res(),
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
  });
  const awsEnv = [
    { name: 'AWS_REGION', value: props.region },
    { name: 'CSI_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
  ];
  return [
    serviceAccount(CONTROLLER.name, NS),
    serviceAccount(NODE.name, NS),
    ...clusterRoleFor(
      'ebs-external-provisioner-role',
      [
        { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
        { apiGroups: ['storage.k8s.io'], resources: ['storageclasses', 'csinodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch', 'create', 'update', 'patch'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattributesclasses'], verbs: ['get'] },
      ],
      CONTROLLER,
    ),
    ...clusterRoleFor(
      'ebs-external-attacher-role',
      [
        { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'patch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list', 'watch', 'patch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments/status'], verbs: ['patch'] },
      ],
      CONTROLLER,
    ),
    ...clusterRoleFor(
      'ebs-external-resizer-role',
      [
        { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'patch'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims', 'pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['patch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch', 'create', 'update', 'patch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattributesclasses'], verbs: ['get', 'list', 'watch'] },
      ],
      CONTROLLER,
    ),
    ...roleFor(
      'ebs-csi-leases-role',
      [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'watch', 'list', 'delete', 'update', 'create'] }],
      CONTROLLER,
    ),
    ...clusterRoleFor(
      'ebs-csi-node-role',
      [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get'] },
      ],
      NODE,
    ),
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: 'ebs.csi.aws.com' },
      spec: { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'File' },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: KOPS_DEFAULT_STORAGE_CLASS, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true' },
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ebs-csi-controller', namespace: NS },
      spec: {
        replicas: props.controllerReplicas,
        selector: { matchLabels: { app: 'ebs-csi-controller' } },
        template: {
          metadata: { labels: { app: 'ebs-csi-controller' } },
          spec: {
            ...ON_CONTROL_PLANE_HOST_NETWORK,
            serviceAccountName: CONTROLLER.name,
            priorityClassName: 'system-cluster-critical',
            // One replica per control-plane node: on the host network their health ports would collide.
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: { matchLabels: { app: 'ebs-csi-controller' } }, topologyKey: 'kubernetes.io/hostname' },
                ],
              },
            },
            containers: [
              {
                name: 'ebs-plugin',
                image: img.driver,
                args: ['controller', '--endpoint=$(CSI_ENDPOINT)', `--k8s-tag-cluster-id=${props.clusterName}`, '--batching=true', '--v=2'],
                env: [{ name: 'CSI_ENDPOINT', value: `unix://${SOCKET_DIR}csi.sock` }, ...awsEnv],
                volumeMounts: [{ name: 'socket-dir', mountPath: SOCKET_DIR }],
                ...PLUGIN_HEALTH,
                resources: res(),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              },
              sidecar('csi-provisioner', img.provisioner, [
                '--timeout=60s',
                '--feature-gates=Topology=true',
                '--extra-create-metadata',
                '--leader-election=true',
                '--default-fstype=ext4',
              ]),
              sidecar('csi-attacher', img.attacher, ['--timeout=6m', '--leader-election=true']),
              sidecar('csi-resizer', img.resizer, ['--timeout=60s', '--handle-volume-inuse-error=false', '--leader-election=true']),
              {
                name: 'liveness-probe',
                image: img.livenessProbe,
                args: [`--csi-address=${SOCKET_DIR}csi.sock`],
                volumeMounts: [{ name: 'socket-dir', mountPath: SOCKET_DIR }],
                resources: res(),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              },
            ],
            volumes: [{ name: 'socket-dir', emptyDir: {} }],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ebs-csi-node', namespace: NS },
      spec: {
        selector: { matchLabels: { app: 'ebs-csi-node' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { app: 'ebs-csi-node' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: NODE.name,
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: 'ebs-plugin',
                image: img.driver,
                args: ['node', '--endpoint=$(CSI_ENDPOINT)', '--v=2'],
                env: [{ name: 'CSI_ENDPOINT', value: 'unix:/csi/csi.sock' }, ...awsEnv],
                volumeMounts: [
                  { name: 'kubelet-dir', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' },
                  { name: 'plugin-dir', mountPath: '/csi' },
                  { name: 'device-dir', mountPath: '/dev' },
                ],
                ...PLUGIN_HEALTH,
                resources: res(),
                // Mounting and formatting block devices needs a privileged container (as upstream).
                securityContext: { privileged: true, readOnlyRootFilesystem: true },
              },
              {
                name: 'node-driver-registrar',
                image: img.registrar,
                args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--v=2'],
                env: [
                  { name: 'ADDRESS', value: '/csi/csi.sock' },
                  { name: 'DRIVER_REG_SOCK_PATH', value: '/var/lib/kubelet/plugins/ebs.csi.aws.com/csi.sock' },
                ],
                volumeMounts: [
                  { name: 'plugin-dir', mountPath: '/csi' },
                  { name: 'registration-dir', mountPath: '/registration' },
                ],
                resources: res(),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              },
              {
                name: 'liveness-probe',
                image: img.livenessProbe,
                args: ['--csi-address=/csi/csi.sock'],
                volumeMounts: [{ name: 'plugin-dir', mountPath: '/csi' }],
                resources: res(),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              },
            ],
            volumes: [
              { name: 'kubelet-dir', hostPath: { path: '/var/lib/kubelet', type: 'Directory' } },
              { name: 'plugin-dir', hostPath: { path: '/var/lib/kubelet/plugins/ebs.csi.aws.com/', type: 'DirectoryOrCreate' } },
              { name: 'registration-dir', hostPath: { path: '/var/lib/kubelet/plugins_registry/', type: 'Directory' } },
              { name: 'device-dir', hostPath: { path: '/dev', type: 'Directory' } },
            ],
          },
        },
      },
    },
  ];
}
