import { KOPS_API_PORT, KOPS_POD_CIDR, KOPS_SERVICE_CIDR } from '../kops-defaults';
import { KOPS_KUBE_RESERVED, KOPS_MAX_PODS, KOPS_SYSTEM_RESERVED } from '../node-allocatable';
import {
  APISERVER_CONFIG_DIR,
  AUDIT_LOG_DIR,
  AUDIT_LOG_ROTATION,
  AUDIT_POLICY_PATH,
  ENCRYPTION_CONFIG_PATH,
  IMAGE_CREDENTIAL_PROVIDER_BIN_DIR,
  IMAGE_CREDENTIAL_PROVIDER_CONFIG,
} from './artifacts';

/**
 * kubeadm's config API: v1beta4 from kubeadm 1.31 on (extra args become name/value lists),
 * v1beta3 before. https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/ (2026-11)
 */
const KUBEADM_V1BETA4_FROM_MINOR = 31;

/** The data directory of kubeadm's stacked etcd, on the etcd-main volume. */
export const ETCD_DATA_DIR = '/var/lib/etcd';

export type KubeadmApiVersion = 'kubeadm.k8s.io/v1beta4' | 'kubeadm.k8s.io/v1beta3';

export function kubeadmApiVersion(kubernetesVersion: string): KubeadmApiVersion {
  const minor = Number(kubernetesVersion.split('.')[1]);
  return minor >= KUBEADM_V1BETA4_FROM_MINOR ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
}

export interface KubeadmConfigProps {
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. '1.35'. */
  readonly kubernetesVersion: string;
}

/**
 * `write_init_config`: prints the kubeadm configuration of the first control-plane node.
 * `$NODE_NAME`, `$PRIVATE_IP`, `$NODE_LABELS`, `$API_HOST` (the internal API load balancer, the
 * cluster's control-plane endpoint, so nodes never depend on NAT to reach the API),
 * `$PUBLIC_API_HOST` (in the certificate for users) and `$KUBE_VERSION` are expanded on the node.
 *
 * The API server encrypts Secrets at rest (`--encryption-provider-config`, see ./artifacts.ts) and
 * writes an audit log with rotation; both files live in a directory mounted read-only into its
 * static pod. No certificate key: members that join get the CAs from the state bucket.
 *
 * The KubeletConfiguration is uploaded by `kubeadm init` and used by every node that joins, so
 * the reservations below (from ../node-allocatable.ts, the numbers the capacity model uses) apply
 * to all nodes. Eviction thresholds stay kubelet's defaults (setting `evictionHard` replaces the
 * whole default map).
 */
export function initConfigFunction(props: KubeadmConfigProps): string {
  const apiVersion = kubeadmApiVersion(props.kubernetesVersion);
  return `write_init_config() {
  cat <<KUBEADM
apiVersion: ${apiVersion}
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: $PRIVATE_IP
  bindPort: ${KOPS_API_PORT}
${nodeRegistration(apiVersion)}
---
apiVersion: ${apiVersion}
kind: ClusterConfiguration
clusterName: ${props.clusterName}
kubernetesVersion: $KUBE_VERSION
controlPlaneEndpoint: $API_HOST:${KOPS_API_PORT}
networking:
  podSubnet: ${KOPS_POD_CIDR}
  serviceSubnet: ${KOPS_SERVICE_CIDR}
apiServer:
  certSANs:
    - $API_HOST
    - $PUBLIC_API_HOST
${apiServerArgs(apiVersion)}
etcd:
  local:
    dataDir: ${ETCD_DATA_DIR}
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
maxPods: ${KOPS_MAX_PODS}
kubeReserved:
  cpu: ${KOPS_KUBE_RESERVED.cpuMillicores}m
  memory: ${KOPS_KUBE_RESERVED.memoryMiB}Mi
systemReserved:
  cpu: ${KOPS_SYSTEM_RESERVED.cpuMillicores}m
  memory: ${KOPS_SYSTEM_RESERVED.memoryMiB}Mi
KUBEADM
}
`;
}

/**
 * `write_join_config`: prints the JoinConfiguration from the `JOIN_*` values `join_cluster` obtained
 * (see ./join-library.ts). On control-plane nodes (`$NODE_ROLE`) it adds the local API server
 * endpoint; the shared certificates are already on disk (restored from the state bucket), so no
 * certificate key is needed.
 */
export function joinConfigFunction(props: Pick<KubeadmConfigProps, 'kubernetesVersion'>): string {
  const apiVersion = kubeadmApiVersion(props.kubernetesVersion);
  return `write_join_config() {
  cat <<KUBEADM
apiVersion: ${apiVersion}
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: $JOIN_API_ENDPOINT
    token: $JOIN_TOKEN
    caCertHashes:
      - $JOIN_CA_CERT_HASH
${nodeRegistration(apiVersion)}
KUBEADM
  if [ "$NODE_ROLE" = control-plane ]; then
    cat <<KUBEADM
controlPlane:
  localAPIEndpoint:
    advertiseAddress: $PRIVATE_IP
    bindPort: ${KOPS_API_PORT}
KUBEADM
  fi
}
`;
}

/** kube-apiserver flags and volumes for encryption at rest and the audit log, in the form of `apiVersion`. */
function apiServerArgs(apiVersion: KubeadmApiVersion): string {
  const r = AUDIT_LOG_ROTATION;
  const args: Array<[string, string]> = [
    ['encryption-provider-config', ENCRYPTION_CONFIG_PATH],
    ['audit-policy-file', AUDIT_POLICY_PATH],
    ['audit-log-path', `${AUDIT_LOG_DIR}/audit.log`],
    ['audit-log-maxsize', String(r.maxSizeMB)],
    ['audit-log-maxbackup', String(r.maxBackups)],
    ['audit-log-maxage', String(r.maxAgeDays)],
  ];
  const volumes = [
    { name: 'orquesta-config', path: APISERVER_CONFIG_DIR, readOnly: true },
    { name: 'audit-log', path: AUDIT_LOG_DIR, readOnly: false },
  ];
  const renderedVolumes = volumes.map(
    (v) =>
      `    - name: ${v.name}\n      hostPath: ${v.path}\n      mountPath: ${v.path}\n      readOnly: ${v.readOnly}\n      pathType: DirectoryOrCreate`,
  );
  return `  extraArgs:\n${renderArgs(apiVersion, args, '    ')}\n  extraVolumes:\n${renderedVolumes.join('\n')}`;
}

/** Extra args as v1beta4's name/value list or v1beta3's map. */
function renderArgs(apiVersion: KubeadmApiVersion, args: ReadonlyArray<[string, string]>, indent: string): string {
  return apiVersion === 'kubeadm.k8s.io/v1beta4'
    ? args.map(([name, value]) => `${indent}- name: ${name}\n${indent}  value: ${value}`).join('\n')
    : args.map(([name, value]) => `${indent}${name}: ${value}`).join('\n');
}

/**
 * Every node registers under its EC2 private DNS name with `cloud-provider: external`, so the AWS
 * cloud controller manager initialises it (provider id, zone labels) and removes the
 * `node.cloudprovider.kubernetes.io/uninitialized` taint; `$NODE_LABELS` carries the pool label.
 */
function nodeRegistration(apiVersion: KubeadmApiVersion): string {
  const args: Array<[string, string]> = [
    ['cloud-provider', 'external'],
    ['node-ip', '$PRIVATE_IP'],
    ['node-labels', '$NODE_LABELS'],
    // Pulls from ECR with the node's role (see ./artifacts.ts).
    ['image-credential-provider-config', IMAGE_CREDENTIAL_PROVIDER_CONFIG],
    ['image-credential-provider-bin-dir', IMAGE_CREDENTIAL_PROVIDER_BIN_DIR],
  ];
  const rendered = renderArgs(apiVersion, args, '    ');
  return `nodeRegistration:
  name: $NODE_NAME
  criSocket: unix:///run/containerd/containerd.sock
  kubeletExtraArgs:
${rendered}`;
}
