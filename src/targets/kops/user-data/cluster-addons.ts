import { KOPS_CALICO_VERSION, kopsCloudControllerManagerImage } from '../kops-defaults';

/** Where the first control-plane node finds the cloud controller manager manifest. */
export const CLOUD_CONTROLLER_MANIFEST_PATH = '/etc/orquesta/aws-cloud-controller-manager.yaml';

/** Calico's single-manifest install for clusters up to 50 nodes, pinned by release tag. */
export function calicoManifestUrl(version: string = KOPS_CALICO_VERSION): string {
  return `https://raw.githubusercontent.com/projectcalico/calico/${version}/manifests/calico.yaml`;
}

export interface CloudControllerManifestProps {
  readonly clusterName: string;
  /** Kubernetes minor version; the controller's release line matches it. */
  readonly kubernetesVersion: string;
  /** AWS region, passed explicitly (`AWS_REGION`). @default - read from IMDS on the host network */
  readonly region?: string;
}

/**
 * The AWS cloud controller manager as a DaemonSet on the control-plane nodes, after the upstream
 * example with shared controller credentials (`examples/existing-cluster/overlays/superset-role` in
 * https://github.com/kubernetes/cloud-provider-aws, 2026-11). It runs on the host network, so it
 * reaches IMDS under hop limit 1 and uses the control-plane instance profile; route configuration
 * stays off because Calico encapsulates pod traffic.
 *
 * Its ClusterRole is the upstream base role's (`examples/existing-cluster/base/cloud-controller-manager-role.yaml`):
 * all verbs on Nodes, so the node lifecycle controller can delete the Node of a terminated instance
 * (without `delete` such Nodes stay NotReady forever).
 */
export function cloudControllerManifest(props: CloudControllerManifestProps): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: cloud-controller-manager
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:cloud-controller-manager
rules:
  - apiGroups: [""]
    resources: [events]
    verbs: [create, patch, update]
  - apiGroups: [""]
    resources: [nodes]
    verbs: ["*"]
  - apiGroups: [""]
    resources: [nodes/status]
    verbs: [patch]
  - apiGroups: [""]
    resources: [services]
    verbs: [list, patch, update, watch]
  - apiGroups: [""]
    resources: [services/status]
    verbs: [list, patch, update, watch]
  - apiGroups: [""]
    resources: [serviceaccounts]
    verbs: [create]
  - apiGroups: [""]
    resources: [endpoints]
    verbs: [create, get, list, update, watch]
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [create, get, list, update, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:cloud-controller-manager
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:cloud-controller-manager
subjects:
  - kind: ServiceAccount
    name: cloud-controller-manager
    namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: cloud-controller-manager:apiserver-authentication-reader
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: extension-apiserver-authentication-reader
subjects:
  - kind: ServiceAccount
    name: cloud-controller-manager
    namespace: kube-system
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: aws-cloud-controller-manager
  namespace: kube-system
  labels:
    k8s-app: aws-cloud-controller-manager
spec:
  selector:
    matchLabels:
      k8s-app: aws-cloud-controller-manager
  updateStrategy:
    type: RollingUpdate
  template:
    metadata:
      labels:
        k8s-app: aws-cloud-controller-manager
    spec:
      nodeSelector:
        node-role.kubernetes.io/control-plane: ""
      tolerations:
        - key: node.cloudprovider.kubernetes.io/uninitialized
          value: "true"
          effect: NoSchedule
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule
        - key: node.kubernetes.io/not-ready
          effect: NoSchedule
      priorityClassName: system-node-critical
      serviceAccountName: cloud-controller-manager
      hostNetwork: true
      containers:
        - name: aws-cloud-controller-manager
          image: ${kopsCloudControllerManagerImage(props.kubernetesVersion)}
          args:
            - --v=2
            - --cloud-provider=aws
            - --cluster-name=${props.clusterName}
            - --use-service-account-credentials=false
            - --configure-cloud-routes=false
${
  props.region
    ? `          env:
            - name: AWS_REGION
              value: ${props.region}
`
    : ''
}          resources:
            requests:
              cpu: 200m
`;
}
