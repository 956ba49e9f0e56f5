import { NODE_POOL_LABEL } from '../../common/kubernetes-common';
import {
  KOPS_API_PORT,
  KOPS_BOOTSTRAP_TAGS,
  KOPS_ETCD_SNAPSHOTS_KEPT_LOCALLY,
  KOPS_JOIN_TOKEN_TTL,
  KOPS_STATE_KEYS,
} from '../kops-defaults';
import { verifiedBootstrapFetch } from './artifacts';
import { cloudControllerManifest } from './cluster-addons';
import { JOIN_ISSUER_UNIT, installJoinIssuer } from './join-issuer';
import { ETCD_DATA_DIR } from './kubeadm-config';
import { NODE_ENV_PATH, NODE_LIBRARY_PATH, nodeLibrary } from './node-library';
import { containerdEnv, pinnedVersionEnv } from './cluster-version';
import { shellQuote, writeFileCommand } from './shell';
import { CONTROL_PLANE_JOBS, installPeriodicJobs } from './systemd-units';

/**
 * Mount point of the etcd-events volume.
 *
 * Honest note on the two etcd volumes: kops runs two etcd clusters per control plane (etcd-main
 * and etcd-events, managed by etcd-manager), so that the churn of Events does not load the etcd
 * that holds everything else; each gets its own volume. kubeadm's stacked etcd is one cluster with
 * one data directory, so here Events live in etcd-main (mounted at /var/lib/etcd, kubeadm's data
 * directory), and the events volume, kept so the footprint and cost match kops', does a different
 * real job: it holds this member's local etcd snapshots and the data of a member it replaced, on
 * a disk that outlives the instance.
 */
export const ETCD_EVENTS_MOUNT = '/var/lib/etcd-events';
const SNAPSHOT_DIR = `${ETCD_EVENTS_MOUNT}/snapshots`;
/** Device names requested for the two volumes; Nitro instances show them as NVMe disks found by volume id. */
const ETCD_DEVICES = { main: '/dev/xvdf', events: '/dev/xvdg' } as const;
/** How long a node waits for the first control-plane node to publish join credentials: orquesta's choice (2026-11); init, Calico and the first publish take minutes, an hour covers a slow package mirror. */
const JOIN_WAIT_MINUTES = 60;
/** Where the fetched role script is kept on the node. */
const ROLE_SCRIPT_DIR = '/usr/local/lib/orquesta';
/** Label of control-plane nodes, next to kubeadm's own `node-role.kubernetes.io/control-plane`. */
const CONTROL_PLANE_NODE_LABELS = 'orquesta.dev/role=control-plane';

export interface KopsBootstrapProps {
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. '1.35': selects the package repository and kubeadm's config API. */
  readonly kubernetesVersion: string;
  /** AWS region, passed to the cloud controller manager. @default - discovered on the node */
  readonly region?: string;
}

export interface ControlPlaneBootstrapProps extends KopsBootstrapProps {
  /** Index of this control-plane member (0 initialises the cluster). */
  readonly etcdMember: number;
  /** Number of control-plane members (1 or 3). */
  readonly controlPlaneCount: number;
}

export interface WorkerBootstrapProps extends KopsBootstrapProps {
  readonly poolName: string;
}

/**
 * The objects Terraform uploads under `bootstrap/` in the state bucket, keyed by object key. As
 * with kops (whose user data fetches nodeup and its config from the state store), the launch
 * templates' user data stays small, below EC2's 16 KiB limit, and only fetches these.
 */
export function bootstrapObjects(props: KopsBootstrapProps): Record<string, string> {
  const k = KOPS_STATE_KEYS;
  return {
    [k.nodeLibrary]: nodeLibrary(props),
    [k.controlPlaneScript]: controlPlaneScript(),
    [k.nodeScript]: nodeScript(),
    [k.cloudControllerManifest]: cloudControllerManifest(props),
  };
}

/** User data of control-plane member `etcdMember`: its static values, then `bootstrap/control-plane.sh`. */
export function controlPlaneUserData(props: ControlPlaneBootstrapProps): string {
  return userData(`control-plane member ${props.etcdMember}`, props.clusterName, KOPS_STATE_KEYS.controlPlaneScript, {
    CLUSTER_NAME: props.clusterName,
    NODE_ROLE: 'control-plane',
    NODE_LABELS: CONTROL_PLANE_NODE_LABELS,
    ETCD_MEMBER: String(props.etcdMember),
    CONTROL_PLANE_COUNT: String(props.controlPlaneCount),
    ...pinnedVersionEnv(props.kubernetesVersion),
    API_PORT: String(KOPS_API_PORT),
    JOIN_TOKEN_TTL: KOPS_JOIN_TOKEN_TTL,
    SNAPSHOT_DIR,
    SNAPSHOTS_KEPT: String(KOPS_ETCD_SNAPSHOTS_KEPT_LOCALLY),
    STATE_BUCKET_TAG: KOPS_BOOTSTRAP_TAGS.stateBucket,
    API_ENDPOINT_TAG: KOPS_BOOTSTRAP_TAGS.apiEndpoint,
  });
}

/** User data of a worker node of `poolName`: its static values, then `bootstrap/node.sh`. */
export function workerUserData(props: WorkerBootstrapProps): string {
  return userData(`a worker node of pool ${props.poolName}`, props.clusterName, KOPS_STATE_KEYS.nodeScript, {
    CLUSTER_NAME: props.clusterName,
    NODE_ROLE: 'node',
    NODE_LABELS: `${NODE_POOL_LABEL}=${props.poolName}`,
    NODE_POOL: props.poolName,
    // No Kubernetes version here: a worker installs the cluster's (load_cluster_version).
    ...containerdEnv(),
    API_PORT: String(KOPS_API_PORT),
    STATE_BUCKET_TAG: KOPS_BOOTSTRAP_TAGS.stateBucket,
    API_ENDPOINT_TAG: KOPS_BOOTSTRAP_TAGS.apiEndpoint,
  });
}

/**
 * The first-boot script: strict mode and a log file, this node's static values, the AWS CLI, the
 * state bucket's name from this instance's tags, then the node library and the role script from
 * the bucket, run in this shell.
 */
function userData(what: string, clusterName: string, roleScriptKey: string, env: Readonly<Record<string, string>>): string {
  const envFile = Object.entries(env)
    .map(([key, value]) => `${key}=${shellQuote(value)}`)
    .join('\n');
  const roleScript = `${ROLE_SCRIPT_DIR}/${roleScriptKey.split('/').pop()}`;
  return `#!/bin/bash
# First boot of ${what} of the kops-style cluster ${clusterName}, generated by orquesta.
# Output: /var/log/orquesta-bootstrap.log. The rest of the bootstrap is in the state bucket under ${KOPS_STATE_KEYS.bootstrapPrefix}.
set -euo pipefail
exec > >(tee -a /var/log/orquesta-bootstrap.log) 2>&1

${writeFileCommand(NODE_ENV_PATH, envFile, '0600')}
export PATH="$PATH:/snap/bin"
for attempt in $(seq 1 20); do
  if snap install aws-cli --classic; then break; fi
  if [ "$attempt" = 20 ]; then exit 1; fi
  sleep 15
done
imds_token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)
instance_id=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/instance-id)
AWS_DEFAULT_REGION=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/placement/region)
export AWS_DEFAULT_REGION
bucket=''
for attempt in $(seq 1 30); do
  bucket=$(aws ec2 describe-tags --filters "Name=resource-id,Values=$instance_id" "Name=key,Values=${KOPS_BOOTSTRAP_TAGS.stateBucket}" --query 'Tags[0].Value' --output text || true)
  if [ -n "$bucket" ] && [ "$bucket" != None ]; then break; fi
  if [ "$attempt" = 30 ]; then echo 'no ${KOPS_BOOTSTRAP_TAGS.stateBucket} tag on this instance' >&2; exit 1; fi
  sleep 10
done
install -d -m 0755 ${ROLE_SCRIPT_DIR}
${verifiedBootstrapFetch([
  { key: KOPS_STATE_KEYS.nodeLibrary, path: NODE_LIBRARY_PATH },
  { key: roleScriptKey, path: roleScript },
])}
. ${NODE_LIBRARY_PATH}
load_node_env
. ${roleScript}
`;
}

/** `bootstrap/control-plane.sh`: etcd volumes, then init (member 0, first boot) or join, then the periodic jobs. */
function controlPlaneScript(): string {
  const k = KOPS_STATE_KEYS;
  return `# Control-plane bootstrap, sourced by the user data after the node library (generated by orquesta).

# init_cluster: the first boot of member 0 creates the cluster with kubeadm (Secrets encrypted at
# rest, audit log on), backs up the shared CAs, applies the verified add-ons, and publishes the
# admin kubeconfig on the public endpoint (last: it marks the cluster as ready to join).
init_cluster() {
  write_audit_policy
  ensure_encryption_config
  write_init_config > /etc/orquesta/kubeadm-init.yaml
  chmod 600 /etc/orquesta/kubeadm-init.yaml
  # The load balancer has no healthy target until this API server runs: resolve its name to this node.
  echo "127.0.0.1 $API_HOST" >> /etc/hosts
  kubeadm init --config /etc/orquesta/kubeadm-init.yaml
  publish_cluster_version
  export KUBECONFIG=/etc/kubernetes/admin.conf
  backup_shared_pki
  apply_cluster_addons
  sed "s|^\\( *server:\\).*|\\1 https://$PUBLIC_API_HOST:$API_PORT|" /etc/kubernetes/admin.conf | s3_put ${k.adminKubeconfig}
}

# join_control_plane: any other boot joins the existing cluster as a new etcd member.
join_control_plane() {
  if [ -d ${ETCD_DATA_DIR}/member ]; then
    # Data of the member this instance replaces: kubeadm cannot rejoin it under a new address, so it
    # is kept on the snapshot volume and this node joins as a fresh member that syncs from the others.
    mkdir -p ${ETCD_EVENTS_MOUNT}/replaced
    mv ${ETCD_DATA_DIR}/member "${ETCD_EVENTS_MOUNT}/replaced/member-$(date -u +%Y%m%dT%H%M%SZ)"
  fi
  wait_for_object ${k.adminKubeconfig} ${JOIN_WAIT_MINUTES}
  forget_previous_member
  retry 5 60 join_cluster control-plane
  echo "127.0.0.1 $API_HOST" >> /etc/hosts
}

discover_node
load_cluster_version
install_kubernetes_packages
KUBE_VERSION=$(kubeadm version -o short)
attach_etcd_volume main ${ETCD_DEVICES.main} ${ETCD_DATA_DIR}
attach_etcd_volume events ${ETCD_DEVICES.events} ${ETCD_EVENTS_MOUNT}
mkdir -p "$SNAPSHOT_DIR"
${installPeriodicJobs(CONTROL_PLANE_JOBS)}
${installJoinIssuer()}
if ! s3_exists ${k.adminKubeconfig}; then
  if [ "$ETCD_MEMBER" = 0 ]; then init_cluster; else join_control_plane; fi
elif [ "$CONTROL_PLANE_COUNT" = 1 ]; then
  # A single control plane has no healthy member to join: \`orquesta etcd-restore\` builds this member
  # from ${k.pkiBackup} and restores an etcd snapshot under ${k.etcdBackupsPrefix}.
  echo "cluster $CLUSTER_NAME already exists and has no other control-plane member to join; restore it with: orquesta etcd-restore --target kops --snapshot latest" >&2
  exit 1
else
  join_control_plane
fi
record_member
systemctl daemon-reload
systemctl enable --now ${[...CONTROL_PLANE_JOBS.map((j) => j.name), JOIN_ISSUER_UNIT].map((name) => `${name}.timer`).join(' ')}
echo "control-plane member $ETCD_MEMBER of $CLUSTER_NAME is up"
`;
}

/** `bootstrap/node.sh`: wait for join credentials and join with the pool label. */
function nodeScript(): string {
  return `# Worker bootstrap, sourced by the user data after the node library (generated by orquesta).
discover_node
load_cluster_version
install_kubernetes_packages
retry 5 60 join_cluster nodes
echo "node $NODE_NAME of pool $NODE_POOL joined $CLUSTER_NAME"
`;
}
