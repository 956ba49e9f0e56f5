/**
 * Defaults of the kops-style target, modelled on what kops itself creates on AWS, each with its
 * source (checked 2026-11-22). Node reservations live in ./node-allocatable.ts, shared with the
 * capacity model.
 */

/**
 * etcd volumes: 20 GiB gp3 at the gp3 baseline of 3,000 IOPS and 125 MB/s, kops' defaults
 * (`DefaultEtcdVolumeSize`, `DefaultAWSEtcdVolumeGp3Iops`, `DefaultAWSEtcdVolumeGp3Throughput` in
 * https://github.com/kubernetes/kops/blob/master/pkg/model/master_volumes.go).
 */
export const KOPS_ETCD_VOLUME = { sizeGiB: 20, type: 'gp3', iops: 3000, throughputMiBps: 125 } as const;

/** The two etcd volumes kops gives every control-plane member: `main` and `events`. */
export const KOPS_ETCD_VOLUME_KINDS = ['main', 'events'] as const;
export type KopsEtcdVolumeKind = (typeof KOPS_ETCD_VOLUME_KINDS)[number];

/**
 * Tags by which a control-plane node finds its two etcd volumes (as kops' protokube finds its
 * volumes by tag): `orquesta.dev/etcd=main|events` and `orquesta.dev/etcd-member=<n>`, next to the
 * common `orquesta-cluster` tag.
 */
export const KOPS_ETCD_TAG = 'orquesta.dev/etcd';
export const KOPS_ETCD_MEMBER_TAG = 'orquesta.dev/etcd-member';

/**
 * Instance tags that hand a node the values only known after `terraform apply` (state bucket name,
 * API load balancer DNS name): the node reads them through the EC2 API at boot. User data itself
 * stays a static script, so no Terraform string templating touches the shell code.
 */
export const KOPS_BOOTSTRAP_TAGS = {
  stateBucket: 'orquesta-state-bucket',
  apiEndpoint: 'orquesta-api-endpoint',
} as const;

/**
 * Root volumes: kops' defaults of 64 GiB for control-plane and 128 GiB for worker nodes
 * (`DefaultVolumeSizeMaster`, `DefaultVolumeSizeNode` in
 * https://github.com/kubernetes/kops/blob/master/pkg/model/defaults/volumes.go), gp3 as kops uses since 1.19.
 */
export const KOPS_CONTROL_PLANE_ROOT_VOLUME_GIB = 64;
export const KOPS_NODE_ROOT_VOLUME_GIB = 128;

/**
 * Root device name of Canonical's Ubuntu AMIs (the default `amiSsmParameter`), which the
 * bootstrap script is written for (apt, snap). Another distribution needs another device name.
 * https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/
 */
export const KOPS_ROOT_DEVICE_NAME = '/dev/sda1';

/**
 * IMDSv2 with hop limit 1: the token cannot leave the host network namespace, so pods cannot
 * borrow the node's instance profile. Everything on these nodes that calls AWS runs on the host
 * network (the bootstrap scripts, the AWS cloud controller manager).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
 */
export const KOPS_IMDS_HOP_LIMIT = 1;

/**
 * The API server listens on 443 on control-plane nodes, as in kops (`KubeAPIServer.SecurePort`):
 * the load balancer listener and the targets use the same port, so a control-plane node can
 * reach its own API server under the load balancer's name (see the bootstrap script).
 */
export const KOPS_API_PORT = 443;

/** etcd client and peer ports of kubeadm's stacked etcd (https://kubernetes.io/docs/reference/networking/ports-and-protocols/). */
export const KOPS_ETCD_PORTS = { from: 2379, to: 2380 } as const;
/** Kubelet API, which the API server calls for logs, exec and metrics. */
export const KOPS_KUBELET_PORT = 10250;

/**
 * Calico with IP-in-IP encapsulation and BGP between nodes, from Calico's manifest
 * (`CALICO_IPV4POOL_IPIP: Always`): nodes must accept IP protocol 4 and TCP 179 from each other.
 * https://docs.tigera.io/calico/latest/getting-started/kubernetes/requirements#network-requirements
 */
export const KOPS_CALICO_VERSION = 'v3.32.2'; // pinned 2026-11: the newest release seen in public manifests; fetched by tag, not verified by hash
export const KOPS_CNI_IPIP_PROTOCOL = '4';
export const KOPS_CNI_BGP_PORT = 179;

/**
 * Pod and Service ranges: Calico's default pool (192.168.0.0/16) and kubeadm's default Service
 * range (10.96.0.0/12); neither overlaps the VPC (10.0.0.0/16).
 * https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-Networking
 */
export const KOPS_POD_CIDR = '192.168.0.0/16';
export const KOPS_SERVICE_CIDR = '10.96.0.0/12';

/**
 * AWS cloud controller manager: one release line per Kubernetes minor, image
 * `registry.k8s.io/provider-aws/cloud-controller-manager:v1.<minor>.0`
 * (https://github.com/kubernetes/cloud-provider-aws/releases). It gives nodes their provider id and
 * zone labels and turns `type: LoadBalancer` Services into NLBs, as the kops adaptation expects.
 */
export function kopsCloudControllerManagerImage(kubernetesVersion: string): string {
  return `registry.k8s.io/provider-aws/cloud-controller-manager:v${kubernetesVersion}.0`;
}

/**
 * Bootstrap tokens live 2 hours and are re-published every hour, so a node joining at any time
 * finds one valid for at least an hour; kubeadm's uploaded control-plane certificates expire after
 * 2 hours too and are re-uploaded on the same schedule.
 * https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init/#uploading-control-plane-certificates-to-the-cluster
 */
export const KOPS_JOIN_TOKEN_TTL = '2h';
export const KOPS_JOIN_REFRESH_INTERVAL = '1h';

/**
 * etcd snapshots: hourly to S3 and to the local snapshot volume, where the newest 48 (two days) are
 * kept; orquesta's choice (2026-11), after etcd-manager's hourly backups in kops.
 */
export const KOPS_ETCD_SNAPSHOT_INTERVAL = '1h';
export const KOPS_ETCD_SNAPSHOTS_KEPT_LOCALLY = 48;

/**
 * S3 lifecycle of the state bucket: etcd backups expire after 14 days, replaced object versions
 * after 7. kops' etcd-manager keeps hourly backups for a week and dailies for a year; two weeks
 * of hourlies here is the simpler middle ground.
 * https://github.com/kubernetes-sigs/etcdadm/blob/master/etcd-manager/README.md
 */
export const KOPS_ETCD_BACKUP_RETENTION_DAYS = 14;
export const KOPS_NONCURRENT_VERSION_RETENTION_DAYS = 7;

/**
 * Object keys in the state bucket. `bootstrap/` holds the node scripts Terraform uploads (what
 * kops' nodeup and its config are to kops); worker nodes may read only `bootstrap/` and `nodes/`.
 */
export const KOPS_STATE_KEYS = {
  bootstrapPrefix: 'bootstrap/',
  nodeLibrary: 'bootstrap/lib.sh',
  controlPlaneScript: 'bootstrap/control-plane.sh',
  nodeScript: 'bootstrap/node.sh',
  cloudControllerManifest: 'bootstrap/aws-cloud-controller-manager.yaml',
  certificateKey: 'control-plane/certificate-key',
  controlPlaneJoin: 'control-plane/join.env',
  adminKubeconfig: 'control-plane/admin.conf',
  pkiBackup: 'control-plane/pki.tar.gz',
  membersPrefix: 'control-plane/members/',
  nodeJoin: 'nodes/join.env',
  nodesPrefix: 'nodes/',
  etcdBackupsPrefix: 'etcd-backups/',
} as const;
