import { stringify } from 'yaml';

/** A Kubernetes object as plain data (apply input, not a typed API object). */
export type K8sManifestObject = Readonly<Record<string, unknown>>;

/** A policy rule of a (Cluster)Role. */
export interface RbacRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** Objects as one multi-document YAML file, in order (what `kubectl apply -f` reads). */
export function renderManifest(objects: readonly K8sManifestObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

export function serviceAccount(name: string, namespace: string): K8sManifestObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

/** A ClusterRole and its binding to one ServiceAccount. */
export function clusterRoleFor(
  name: string,
  rules: readonly RbacRule[],
  account: { name: string; namespace: string },
): K8sManifestObject[] {
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', ...account }],
    },
  ];
}

/** A namespaced Role and its binding to one ServiceAccount of that namespace. */
export function roleFor(name: string, rules: readonly RbacRule[], account: { name: string; namespace: string }): K8sManifestObject[] {
  const metadata = { name, namespace: account.namespace };
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', ...account }],
    },
  ];
}

/** Scheduling of a controller that needs the control-plane instance profile: control-plane nodes, host network (IMDSv2 hop limit 1). */
export const ON_CONTROL_PLANE_HOST_NETWORK = {
  hostNetwork: true,
  nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
  tolerations: [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.cloudprovider.kubernetes.io/uninitialized', operator: 'Exists', effect: 'NoSchedule' },
  ],
} as const;

/** A container that runs unprivileged with a read-only root file system (Pod Security "restricted"). */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

export function requests(cpuMillicores: number, memoryMiB: number, memoryLimitMiB = memoryMiB): Record<string, unknown> {
  return { requests: { cpu: `${cpuMillicores}m`, memory: `${memoryMiB}Mi` }, limits: { memory: `${memoryLimitMiB}Mi` } };
}
