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
  /** The internal API load balancer: what kubelets, kubeadm and in-cluster clients use (kops' `api.internal.<cluster>`). */
  apiEndpoint: 'orquesta-api-endpoint',
  /** The internet-facing API load balancer: in the API server certificate and in the published admin kubeconfig. */
  publicApiEndpoint: 'orquesta-public-api-endpoint',
  /** Unique id (`AROA...`) of the worker role: the join issuer accepts requests only from sessions of that role. */
  nodesRoleId: 'orquesta-nodes-role-id',
  /** sha256 of `bootstrap/SHA256SUMS`, the index of every bootstrap object: the root the user data verifies against. */
  bootstrapSha256: 'orquesta-bootstrap-sha256',
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
export const KOPS_CALICO_VERSION = 'v3.32.1';
/**
 * sha256 of `manifests/calico.yaml` at tag v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8,
 * 2026-06-24), computed from the blob in https://github.com/projectcalico/calico — the bytes
 * raw.githubusercontent.com serves for that path and tag (read 2026-12-01). The bootstrap refuses
 * any other content (`sha256sum -c`). Change both together.
 */
export const KOPS_CALICO_MANIFEST_SHA256 = 'a1df919d9721cf667accdc3e72848911b0cb25cfab7d2478ad0c996302c95744';
/** calico-node's CPU request in that manifest (the DaemonSet's only request). */
export const KOPS_CALICO_NODE_CPU_MILLICORES = 250;
export const KOPS_CNI_IPIP_PROTOCOL = '4';
export const KOPS_CNI_BGP_PORT = 179;

/**
 * The kubelet's ECR image credential provider from cloud-provider-aws, with the sha256 of each
 * architecture's binary as kops pins them (`pkg/assets/assetdata/ecr.yaml` in
 * https://github.com/kubernetes/kops, read 2026-12-01; upstream publishes a `.sha256` file next
 * to each binary). A node refuses a binary with any other hash.
 */
export const KOPS_ECR_CREDENTIAL_PROVIDER = {
  version: 'v1.31.7',
  urlBase: 'https://artifacts.k8s.io/binaries/cloud-provider-aws/v1.31.7/linux',
  sha256: {
    amd64: '7644623e4ec9ad443ab352a8a5800a5180ee28741288be805286ba72bb8e7164',
    arm64: '1980e3a038cb16da48a137743b31fb81de6c0b59fa06c206c2bc20ce0a52f849',
  },
  /** ECR registry host patterns (kops' list for the commercial and China partitions). */
  matchImages: ['*.dkr.ecr.*.amazonaws.com', '*.dkr.ecr.*.amazonaws.com.cn', '*.dkr.ecr-fips.*.amazonaws.com'],
  defaultCacheDuration: '12h',
  source: 'https://github.com/kubernetes/kops/blob/master/pkg/assets/assetdata/ecr.yaml (read 2026-12-01)',
} as const;

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
 * Node join, on demand: a booting worker asks for a token (`join-requests/<its IAM session id>`),
 * a control-plane node verifies that the instance is in one of this cluster's worker groups and
 * answers with a bootstrap token of 15 minutes (kubeadm's own default is 24 h:
 * https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-token/, 2026-12), readable only
 * by that instance's session, and deletes it once the Node has registered. The issuer looks for
 * requests every 30 s. Control-plane members create their own token with the admin kubeconfig the
 * control-plane role may read, so no kubeadm certificate key ever exists (certificates come from
 * the CA backup; see the bootstrap script). orquesta's choices (2026-12), after kops-controller's
 * verified node bootstrap (https://kops.sigs.k8s.io/boot-sequence/).
 */
export const KOPS_JOIN_TOKEN_TTL = '15m';
export const KOPS_JOIN_ISSUER_INTERVAL_SECONDS = 30;

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
  /** Add-on manifests orquesta renders (`bootstrap/addons/<name>.yaml`), applied by member 0 after verifying each one's sha256. */
  addonsPrefix: 'bootstrap/addons/',
  /** Everything only the control-plane and admin roles may read or write. */
  controlPlanePrefix: 'control-plane/',
  /** Written by member 0 once the cluster exists: the admin kubeconfig, on the public API endpoint. */
  adminKubeconfig: 'control-plane/admin.conf',
  /** The shared CAs and service-account keys only (kubeadm's manual certificate distribution list), for joining members and restores. */
  pkiBackup: 'control-plane/pki.tar.gz',
  /** The API server's EncryptionConfiguration with its generated key, delivered to members like the CA. */
  encryptionConfig: 'control-plane/encryption-config.yaml',
  /** Token ids handed out per requesting session, so the issuer can delete them after the join. */
  issuedTokensPrefix: 'control-plane/issued-tokens/',
  membersPrefix: 'control-plane/members/',
  /** `join-requests/<role id>:<instance id>`: written by a booting worker, only to its own key. */
  joinRequestsPrefix: 'join-requests/',
  /** `nodes/join/<role id>:<instance id>/join.env`: the answer, readable only by that session. */
  nodeJoinPrefix: 'nodes/join/',
  /** What workers read (e.g. `nodes/kubernetes-version`): upload it SSE-S3 (`--sse AES256`), since workers cannot use the cluster key. */
  nodesPrefix: 'nodes/',
  etcdBackupsPrefix: 'etcd-backups/',
} as const;
