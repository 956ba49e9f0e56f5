import { TAG_CLUSTER } from '../../common/common-tags';
import { KOPS_BOOTSTRAP_TAGS, KOPS_ETCD_MEMBER_TAG, KOPS_ETCD_TAG, KOPS_STATE_KEYS } from '../kops-defaults';
import { APT_KEY_FINGERPRINTS, artifactFunctions } from './artifacts';
import { joinFunctions } from './join-library';
import { clusterVersionFunctions } from './cluster-version';
import { initConfigFunction, joinConfigFunction, type KubeadmConfigProps } from './kubeadm-config';

/** Where the bootstrap script installs the library; the systemd jobs source it too. */
export const NODE_LIBRARY_PATH = '/usr/local/lib/orquesta/lib.sh';
/** Values of this node (static ones from user data, discovered ones appended at boot). */
export const NODE_ENV_PATH = '/etc/orquesta/node.env';

/**
 * The shell functions every node needs: IMDSv2 and EC2/S3 access, installation of containerd and
 * the kubeadm packages, the kubeadm configurations, joining, and on control-plane nodes the etcd
 * volumes, join-credential publishing and etcd snapshots. Variables come from `/etc/orquesta/node.env`.
 *
 * Written without `${...}` expansions (plain `$VAR` only): Terraform uploads the text as an S3
 * object, and would read `${` in it as an interpolation.
 */
export function nodeLibrary(props: KubeadmConfigProps): string {
  const k = KOPS_STATE_KEYS;
  return String.raw`# orquesta node library: sourced by the bootstrap script and the systemd jobs.
export PATH="$PATH:/snap/bin"

# load_node_env: this node's values, exported for the AWS CLI and kubeadm.
load_node_env() {
  set -a
  . /etc/orquesta/node.env
  set +a
}

# IMDSv2: a session token first (hop limit 1 keeps it on the host network).
imds() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/$1"
}

# retry <attempts> <seconds between> <command...>
retry() {
  local attempts=$1 delay=$2 n=1
  shift 2
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      echo "giving up after $n attempts: $*" >&2
      return 1
    fi
    n=$((n + 1))
    sleep "$delay"
  done
}

# instance_tag <key>: a tag of this instance, read through the EC2 API; fails while it is missing.
instance_tag() {
  local value
  value=$(aws ec2 describe-tags --filters "Name=resource-id,Values=$INSTANCE_ID" "Name=key,Values=$1" --query 'Tags[0].Value' --output text) || return 1
  if [ -z "$value" ] || [ "$value" = None ]; then return 1; fi
  echo "$value"
}

# State bucket objects. Uploads take the bucket's default encryption, the cluster key, which only the
# control-plane and admin roles may use, except under ${k.nodesPrefix} and ${k.joinRequestsPrefix}, which workers
# read or write: those are SSE-S3 (s3_put_plain).
s3_put() {
  case "$1" in
    ${k.nodesPrefix}*|${k.joinRequestsPrefix}*) s3_put_plain "$1" ;;
    *) aws s3 cp --only-show-errors - "s3://$STATE_BUCKET/$1" ;;
  esac
}
s3_get() { aws s3 cp --only-show-errors "s3://$STATE_BUCKET/$1" -; }
s3_exists() { aws s3api head-object --bucket "$STATE_BUCKET" --key "$1" > /dev/null 2>&1; }

# wait_for_object <key> <minutes>
wait_for_object() {
  local deadline=$(($(date +%s) + $2 * 60))
  until s3_exists "$1"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "s3://$STATE_BUCKET/$1 did not appear within $2 minutes" >&2
      return 1
    fi
    sleep 15
  done
}

# env_value <file> <KEY>: a value of a downloaded KEY=value file, read without executing the file.
env_value() { sed -n "s/^$2=//p" "$1" | head -n 1; }

install_kubernetes_packages() {
  export DEBIAN_FRONTEND=noninteractive
  printf 'overlay\nbr_netfilter\n' > /etc/modules-load.d/kubernetes.conf
  modprobe overlay
  modprobe br_netfilter
  printf 'net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n' > /etc/sysctl.d/99-kubernetes.conf
  sysctl --system > /dev/null
  swapoff -a
  install -d -m 0755 /etc/apt/keyrings
  # containerd from Docker's apt repository: Ubuntu 22.04's own containerd is 1.7, which Kubernetes
  # stops supporting after 1.35 (https://kubernetes.io/docs/setup/production-environment/container-runtimes/).
  retry 10 15 curl -fsSL -o /tmp/docker.asc https://download.docker.com/linux/ubuntu/gpg
  verify_key_fingerprint /tmp/docker.asc ${APT_KEY_FINGERPRINTS.docker}
  gpg --dearmor --yes -o /etc/apt/keyrings/docker.gpg /tmp/docker.asc
  echo "deb [signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/ubuntu $(. /etc/os-release && echo "$VERSION_CODENAME") stable" > /etc/apt/sources.list.d/docker.list
  # kubeadm, kubelet and kubectl of the cluster's minor version from the community repository.
  retry 10 15 curl -fsSL -o /tmp/kubernetes.asc "https://pkgs.k8s.io/core:/stable:/v$K8S_MINOR/deb/Release.key"
  verify_key_fingerprint /tmp/kubernetes.asc ${APT_KEY_FINGERPRINTS.kubernetes}
  gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes.gpg /tmp/kubernetes.asc
  echo "deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v$K8S_MINOR/deb/ /" > /etc/apt/sources.list.d/kubernetes.list
  retry 10 15 apt-get update -q
  # Exact versions (../kops-versions.ts via cluster-version.ts): the cluster's, never the repository's newest.
  retry 10 15 apt-get install -y -q --allow-downgrades $(kubernetes_package_pins)
  echo "installed: $(kubeadm version -o short), $(containerd --version), $(runc --version | head -n 1)"
  apt-mark hold kubelet kubeadm kubectl containerd.io
  # The kubelet uses the systemd cgroup driver (kubeadm's default), so containerd must too.
  containerd config default > /etc/containerd/config.toml
  sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml
  grep -q 'SystemdCgroup = true' /etc/containerd/config.toml || { echo 'containerd config has no SystemdCgroup switch' >&2; return 1; }
  systemctl restart containerd
  printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\n' > /etc/crictl.yaml
  install_ecr_credential_provider
  systemctl enable kubelet
}

# discover_node: appends this node's apply-time values to node.env (assignments first, so a failed
# lookup stops the script under set -e).
discover_node() {
  local region zone private_ip node_name state_bucket api_host public_api_host nodes_role_id
  INSTANCE_ID=$(imds meta-data/instance-id)
  region=$(imds meta-data/placement/region)
  zone=$(imds meta-data/placement/availability-zone)
  private_ip=$(imds meta-data/local-ipv4)
  # The EC2 private DNS name: the node name the AWS cloud controller manager expects.
  node_name=$(imds meta-data/local-hostname)
  export AWS_DEFAULT_REGION=$region
  state_bucket=$(retry 10 10 instance_tag "$STATE_BUCKET_TAG")
  api_host=$(retry 10 10 instance_tag "$API_ENDPOINT_TAG")
  public_api_host=$(retry 10 10 instance_tag ${KOPS_BOOTSTRAP_TAGS.publicApiEndpoint})
  nodes_role_id=$(retry 10 10 instance_tag ${KOPS_BOOTSTRAP_TAGS.nodesRoleId})
  printf '%s=%s\n' INSTANCE_ID "$INSTANCE_ID" AWS_DEFAULT_REGION "$region" ZONE "$zone" PRIVATE_IP "$private_ip" NODE_NAME "$node_name" STATE_BUCKET "$state_bucket" API_HOST "$api_host" PUBLIC_API_HOST "$public_api_host" NODES_ROLE_ID "$nodes_role_id" >> /etc/orquesta/node.env
  load_node_env
}

# attach_etcd_volume <main|events> <device name> <mount point>: finds this member's volume by its
# tags in this zone, attaches it (waiting while a replaced instance still holds it), formats it on
# first use and mounts it.
attach_etcd_volume() {
  local kind=$1 device=$2 mount_point=$3 volume_id state attached_to disk fresh=''
  volume_id=$(retry 10 10 aws ec2 describe-volumes --filters "Name=tag:${TAG_CLUSTER},Values=$CLUSTER_NAME" "Name=tag:${KOPS_ETCD_TAG},Values=$kind" "Name=tag:${KOPS_ETCD_MEMBER_TAG},Values=$ETCD_MEMBER" "Name=availability-zone,Values=$ZONE" --query 'Volumes[0].VolumeId' --output text)
  if [ -z "$volume_id" ] || [ "$volume_id" = None ]; then
    echo "no etcd-$kind volume for member $ETCD_MEMBER in $ZONE" >&2
    return 1
  fi
  for _ in $(seq 1 90); do
    # A failed call leaves both empty and the loop tries again.
    read -r state attached_to < <(aws ec2 describe-volumes --volume-ids "$volume_id" --query 'Volumes[0].[State,Attachments[0].InstanceId]' --output text || true) || true
    if [ "$attached_to" = "$INSTANCE_ID" ]; then break; fi
    if [ "$state" = available ]; then
      aws ec2 attach-volume --volume-id "$volume_id" --instance-id "$INSTANCE_ID" --device "$device" > /dev/null || true
    fi
    sleep 10
  done
  if [ "$attached_to" != "$INSTANCE_ID" ]; then
    echo "could not attach $volume_id (state $state, attached to $attached_to)" >&2
    return 1
  fi
  # Nitro instances expose EBS volumes as NVMe disks whose serial is the volume id without its dash.
  disk="/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_$(echo "$volume_id" | tr -d '-')"
  retry 60 2 test -e "$disk"
  if ! blkid "$disk" > /dev/null; then
    mkfs.ext4 -q -L "etcd-$kind" "$disk"
    fresh=yes
  fi
  mkdir -p "$mount_point"
  grep -q " $mount_point " /etc/fstab || echo "$disk $mount_point ext4 defaults,nofail 0 2" >> /etc/fstab
  mount "$mount_point"
  # kubeadm's preflight checks wants an empty etcd directory; mkfs leaves lost+found (fsck recreates it when needed).
  if [ -n "$fresh" ]; then rmdir "$mount_point/lost+found"; fi
}

# forget_previous_member: when this instance replaces an earlier one of the same etcd member
# (recorded in ${k.membersPrefix}<n>), removes that instance's etcd member and Node through a
# healthy member before joining: etcd refuses to add a member while the dead one still counts
# toward quorum. kops' etcd-manager does the same job.
forget_previous_member() {
  local previous etcd_pod member_id
  s3_exists "${k.membersPrefix}$ETCD_MEMBER" || return 0
  previous=$(s3_get "${k.membersPrefix}$ETCD_MEMBER")
  if [ "$previous" = "$NODE_NAME" ]; then return 0; fi
  internal_admin_kubeconfig
  etcd_pod=$(kubectl --kubeconfig /etc/orquesta/admin.conf -n kube-system get pods -l component=etcd --field-selector status.phase=Running -o name | grep -vx "pod/etcd-$previous" | head -n 1 || true)
  if [ -n "$etcd_pod" ]; then
    member_id=$(kubectl --kubeconfig /etc/orquesta/admin.conf -n kube-system exec "$etcd_pod" -- etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key member list | awk -F', ' -v name="$previous" '$3 == name { print $1 }')
    if [ -n "$member_id" ]; then
      kubectl --kubeconfig /etc/orquesta/admin.conf -n kube-system exec "$etcd_pod" -- etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key member remove "$member_id"
    fi
  fi
  kubectl --kubeconfig /etc/orquesta/admin.conf delete node "$previous" --ignore-not-found
  rm -f /etc/orquesta/admin.conf
}

# record_member: remembers which node holds this etcd member, for forget_previous_member.
record_member() { printf '%s' "$NODE_NAME" | s3_put "${k.membersPrefix}$ETCD_MEMBER"; }

# etcd_snapshot: a snapshot of this member, kept on the snapshot volume and copied to the bucket.
etcd_snapshot() {
  local container stamp file
  container=$(crictl ps --name '^etcd$' --state running --quiet | head -n 1)
  if [ -z "$container" ]; then
    echo 'no running etcd container' >&2
    return 1
  fi
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  # etcdctl ships in kubeadm's etcd image; it writes into the data directory the container shares with the host.
  crictl exec "$container" etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /var/lib/etcd/orquesta-snapshot.db
  file="$SNAPSHOT_DIR/etcd-$stamp.db"
  mv /var/lib/etcd/orquesta-snapshot.db "$file"
  s3_put "${k.etcdBackupsPrefix}member-$ETCD_MEMBER/etcd-$stamp.db" < "$file"
  ls -1t "$SNAPSHOT_DIR"/etcd-*.db | tail -n +"$((SNAPSHOTS_KEPT + 1))" | xargs -r rm -f --
}

${joinFunctions()}
${artifactFunctions()}
${clusterVersionFunctions()}
${initConfigFunction(props)}
${joinConfigFunction(props)}`;
}
