import { KOPS_STATE_KEYS } from '../../targets/kops/kops-defaults';
import type { KopsKubernetesPin } from '../../targets/kops/kops-versions';
import { BOOTSTRAP_SUMS_PATH, bootstrapSumsKey } from '../../targets/kops/user-data/artifacts';
import { shellQuote } from '../../targets/kops/user-data/shell';

/**
 * The scripts `orquesta upgrade` and `orquesta etcd-restore` run on control-plane members through
 * SSM (see ./kops-ssm.ts). Each starts from the node library and this node's values, which the
 * bootstrap installed (/usr/local/lib/orquesta/lib.sh, /etc/orquesta/node.env), and fails loudly.
 */
const PRELUDE = `set -euo pipefail
. /usr/local/lib/orquesta/lib.sh
load_node_env
export KUBECONFIG=/etc/kubernetes/admin.conf
`;

/** Static pods in the order they come back after a restore: etcd first, the API server next. */
export const STATIC_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
const MANIFESTS = '/etc/kubernetes/manifests';
const PARKED = '/etc/kubernetes/orquesta-parked';

/**
 * One control-plane member to `pin`: the pkgs.k8s.io repository of the new minor, kubeadm at the
 * exact package version, `kubeadm upgrade apply` on the first member (`plan` first: it refuses
 * what kubeadm would refuse) or `kubeadm upgrade node` on the others, then kubelet and kubectl at
 * the same version and a kubelet restart; node.env records the version for later boots.
 * https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/ (read 2026-12-01)
 */
export function upgradeMemberScript(pin: KopsKubernetesPin, first: boolean): string {
  const v = `v${pin.kubernetes}`;
  const pkg = pin.packageVersion;
  return `${PRELUDE}
retry 10 15 curl -fsSL -o /tmp/kubernetes.asc ${shellQuote(`https://pkgs.k8s.io/core:/stable:/v${pin.minor}/deb/Release.key`)}
gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes.gpg /tmp/kubernetes.asc
echo ${shellQuote(`deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v${pin.minor}/deb/ /`)} > /etc/apt/sources.list.d/kubernetes.list
retry 10 15 apt-get update -q
apt-mark unhold kubeadm
retry 5 15 apt-get install -y -q --allow-change-held-packages kubeadm=${pkg}
apt-mark hold kubeadm
test "$(kubeadm version -o short)" = ${v}
${first ? `kubeadm upgrade plan ${v}\nkubeadm upgrade apply -y ${v}` : 'kubeadm upgrade node'}
apt-mark unhold kubelet kubectl
retry 5 15 apt-get install -y -q --allow-change-held-packages kubelet=${pkg} kubectl=${pkg}
apt-mark hold kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
sed -i -e '/^K8S_MINOR=/d' -e '/^K8S_VERSION=/d' -e '/^K8S_PACKAGE_VERSION=/d' /etc/orquesta/node.env
printf 'K8S_MINOR=%s\\nK8S_VERSION=%s\\nK8S_PACKAGE_VERSION=%s\\n' ${pin.minor} ${pin.kubernetes} ${pkg} >> /etc/orquesta/node.env
echo "member $ETCD_MEMBER is at $(kubelet --version)"
`;
}

/** Stops etcd and the control-plane pods by parking their manifests (the kubelet stops what leaves its manifest directory). */
export function stopControlPlaneScript(): string {
  return `${PRELUDE}
install -d -m 0700 ${PARKED}
for pod in ${STATIC_PODS.join(' ')}; do
  if [ -f ${MANIFESTS}/$pod.yaml ]; then mv ${MANIFESTS}/$pod.yaml ${PARKED}/$pod.yaml; fi
done
for pod in ${STATIC_PODS.join(' ')}; do
  retry 30 5 bash -c "[ -z \\"\\$(crictl ps --name '^$pod\\$' --quiet)\\" ]"
done
echo "control plane of member $ETCD_MEMBER stopped"
`;
}

export interface RestoreMemberProps {
  /** Object key of the snapshot in the state bucket. */
  readonly snapshotKey: string;
  /** This member's etcd name (its node name). */
  readonly memberName: string;
  /** `name=https://ip:2380,...` of every member. */
  readonly initialCluster: string;
  readonly peerUrl: string;
  /** A fresh etcd cluster token, so no member of the old cluster can talk to the restored one. */
  readonly clusterToken: string;
}

/**
 * A member whose bootstrap could not join (a fresh instance after the whole control plane was
 * lost: no member was left to join) has no control-plane manifests. It is built from the state
 * bucket as kubeadm's own phases would on `init`, with the cluster's CAs, service-account keys and
 * Secrets encryption key (so the restored data stays readable), then parked like the others.
 * https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-init-phase/ (read 2026-12-01)
 */
const REBUILD_FRESH_MEMBER = `if [ ! -f ${PARKED}/etcd.yaml ]; then
  echo "member $ETCD_MEMBER has no control plane yet: building it from the state bucket"
  restore_shared_pki
  write_audit_policy
  fetch_encryption_config
  KUBE_VERSION=$(kubeadm version -o short)
  export KUBE_VERSION
  write_init_config > /etc/orquesta/kubeadm-restore.yaml
  chmod 600 /etc/orquesta/kubeadm-restore.yaml
  grep -q " $API_HOST$" /etc/hosts || echo "127.0.0.1 $API_HOST" >> /etc/hosts
  for phase in 'certs all' 'kubeconfig all' 'etcd local' 'control-plane all'; do
    # shellcheck disable=SC2086
    kubeadm init phase $phase --config /etc/orquesta/kubeadm-restore.yaml
  done
  for pod in ${STATIC_PODS.join(' ')}; do mv ${MANIFESTS}/$pod.yaml ${PARKED}/$pod.yaml; done
  kubeadm init phase kubelet-start --config /etc/orquesta/kubeadm-restore.yaml
fi
`;

/**
 * Restores the snapshot into this member's data directory with `etcdutl snapshot restore`, run
 * from the etcd image the member already has (no download); the data it replaces is kept on the
 * events volume. https://etcd.io/docs/v3.6/op-guide/recovery/ (read 2026-12-01)
 */
export function restoreMemberScript(p: RestoreMemberProps): string {
  return `${PRELUDE}
install -d -m 0700 ${PARKED}
${REBUILD_FRESH_MEMBER}
image=$(sed -n 's/^ *image: *//p' ${PARKED}/etcd.yaml | head -n 1)
if [ -z "$(crictl images --quiet "$image" 2> /dev/null)" ]; then crictl pull "$image"; fi
test -n "$image"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=/var/lib/etcd-events/restore-$stamp
install -d -m 0700 "$work"
s3_get ${shellQuote(p.snapshotKey)} > "$work/snapshot.db"
ctr -n k8s.io run --rm --net-host --mount "type=bind,src=$work,dst=/restore,options=rbind:rw" "$image" "orquesta-restore-$stamp" \\
  etcdutl snapshot restore /restore/snapshot.db --data-dir /restore/data \\
  --name ${shellQuote(p.memberName)} --initial-cluster ${shellQuote(p.initialCluster)} \\
  --initial-advertise-peer-urls ${shellQuote(p.peerUrl)} --initial-cluster-token ${shellQuote(p.clusterToken)}
if [ -d /var/lib/etcd/member ]; then mv /var/lib/etcd/member "$work/member-before-restore"; fi
mv "$work/data/member" /var/lib/etcd/member
rm -f "$work/snapshot.db"
echo "member $ETCD_MEMBER restored from ${p.snapshotKey}"
`;
}

/** Puts the parked manifests back, etcd first, and restarts the kubelet (it caches the old state). */
export function startControlPlaneScript(): string {
  return `${PRELUDE}
for pod in ${STATIC_PODS.join(' ')}; do
  if [ -f ${PARKED}/$pod.yaml ]; then mv ${PARKED}/$pod.yaml ${MANIFESTS}/$pod.yaml; fi
  if [ "$pod" = etcd ]; then retry 60 5 bash -c "[ -n \\"\\$(crictl ps --name '^etcd\\$' --state running --quiet)\\" ]"; fi
done
systemctl restart kubelet
# A member built by the restore never finished its bootstrap: record it and start its timers.
record_member
systemctl daemon-reload
for timer in /etc/systemd/system/orquesta-*.timer; do
  if [ -f "$timer" ]; then systemctl enable --now "$(basename "$timer")"; fi
done
echo "control plane of member $ETCD_MEMBER started"
`;
}

/**
 * Re-applies the cluster's add-ons from the state bucket after `terraform apply` uploaded the new
 * minor's manifests (the cloud controller manager and cluster-autoscaler follow the Kubernetes
 * minor): the control-plane index is first checked against `sumsSha256`, the hash Terraform put
 * on the control-plane launch template, so the trust chain is the one a booting member uses.
 */
export function refreshAddonsScript(sumsSha256: string): string {
  const index = bootstrapSumsKey(KOPS_STATE_KEYS.controlPlaneScript);
  return `${PRELUDE}
s3_get ${index} > ${BOOTSTRAP_SUMS_PATH}.new
echo ${shellQuote(`${sumsSha256}  ${BOOTSTRAP_SUMS_PATH}.new`)} | sha256sum -c --quiet -
mv ${BOOTSTRAP_SUMS_PATH}.new ${BOOTSTRAP_SUMS_PATH}
apply_cluster_addons
echo "add-ons re-applied from ${index}"
`;
}
