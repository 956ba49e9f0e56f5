import { TAG_CLUSTER } from '../../common/common-tags';
import { KOPS_STATE_KEYS } from '../kops-defaults';
import { KOPS_DRAIN_HOOK } from '../kops-worker-roll';

/**
 * The control plane's day-2 jobs, as systemd timers on every member (installed by
 * ./systemd-units.ts): etcd snapshots every 15 minutes, certificate renewal every month with a
 * daily expiry check, and the drain of worker nodes that auto-scaling is terminating. Each body
 * runs after the node library and this node's values are loaded (`set -euo pipefail`).
 *
 * Bodies are written without `${...}` shell expansions: Terraform uploads the bootstrap objects,
 * and would read `${` as an interpolation.
 */

/** A job's schedule: a fixed interval after boot, or systemd calendar events. */
export type JobSchedule = { readonly interval: string } | { readonly calendar: string };

export interface Day2Job {
  readonly name: string;
  readonly description: string;
  readonly schedule: JobSchedule;
  /** Shell code run by the job's script. */
  readonly body: string;
}

/** Root of a member's etcdctl calls: the health-check client certificate kubeadm writes. */
const ETCDCTL_FLAGS =
  '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key';

/**
 * etcd snapshots every 15 minutes (orquesta's choice, 2026-12: at most 15 minutes of cluster
 * changes lost in a restore, where etcd-manager in kops backs up hourly). Every member keeps its
 * own snapshots on its events volume (`SNAPSHOTS_KEPT` of them, 12 hours at 48); only the etcd
 * leader uploads, so the bucket holds one copy per 15 minutes, kept by the bucket's lifecycle rule
 * for etcd backups. `orquesta etcd-restore --snapshot latest` takes the newest upload.
 */
export const KOPS_ETCD_SNAPSHOT_EVERY = '15min';

const etcdSnapshotBody = String.raw`container=$(crictl ps --name '^etcd$' --state running --quiet | head -n 1)
if [ -z "$container" ]; then
  echo 'no running etcd container' >&2
  exit 1
fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
# etcdctl ships in kubeadm's etcd image; it writes into the data directory the container shares with the host.
crictl exec "$container" etcdctl ${ETCDCTL_FLAGS} snapshot save /var/lib/etcd/orquesta-snapshot.db
file="$SNAPSHOT_DIR/etcd-$stamp.db"
mv /var/lib/etcd/orquesta-snapshot.db "$file"
status=$(crictl exec "$container" etcdctl ${ETCDCTL_FLAGS} endpoint status -w fields)
member=$(echo "$status" | awk -F' : ' '/"MemberID"/ { print $2 }')
leader=$(echo "$status" | awk -F' : ' '/"Leader"/ { print $2 }')
if [ -n "$member" ] && [ "$member" = "$leader" ]; then
  s3_put "${KOPS_STATE_KEYS.etcdBackupsPrefix}etcd-$stamp-member-$ETCD_MEMBER.db" < "$file"
fi
ls -1t "$SNAPSHOT_DIR"/etcd-*.db | tail -n +"$((SNAPSHOTS_KEPT + 1))" | xargs -r rm -f --
`;

/**
 * kubeadm's certificates live one year (https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/,
 * read 2026-12-01). Every member renews all of them once a month, on its own day (the 1st, 6th,
 * 11th, 16th, 21st for members 0-4, so two members never restart their control plane at once),
 * then restarts its static pods one by one, waiting for each to run again, and re-uploads the
 * admin kubeconfig (its client certificate was renewed too). kubeadm renews the certificates
 * during `kubeadm upgrade` as well; the CAs (10 years) are not renewed.
 */
export const KOPS_CERT_RENEWAL = {
  /** `OnCalendar` of member n: day 1 + 5n of every month at 03:00 UTC. */
  calendarOfMember: (member: number): string => `*-*-${String(1 + 5 * member).padStart(2, '0')} 03:00:00 UTC`,
  /** The daily check fails (and logs at priority err) when a certificate expires within this many days. */
  alertWithinDays: 30,
} as const;

/** Static pods restarted after a renewal, etcd first (kube-apiserver uses etcd's client certificate). */
const RESTARTED_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

const renewCertificatesBody = String.raw`kubeadm certs check-expiration
kubeadm certs renew all
# The kubelet restarts a static pod whose manifest leaves and comes back: one at a time, each
# must run again before the next goes.
install -d -m 0700 /etc/kubernetes/orquesta-parked
for pod in ${RESTARTED_PODS.join(' ')}; do
  mv "/etc/kubernetes/manifests/$pod.yaml" "/etc/kubernetes/orquesta-parked/$pod.yaml"
  retry 30 5 bash -c "[ -z \"\$(crictl ps --name '^$pod\$' --quiet)\" ]"
  mv "/etc/kubernetes/orquesta-parked/$pod.yaml" "/etc/kubernetes/manifests/$pod.yaml"
  retry 60 5 bash -c "[ -n \"\$(crictl ps --name '^$pod\$' --state running --quiet)\" ]"
done
retry 30 10 kubectl --kubeconfig /etc/kubernetes/admin.conf get --raw /readyz
# The published kubeconfig names the public API endpoint where the cluster has one.
server_host=$API_HOST
if [ -n "$(printenv PUBLIC_API_HOST || true)" ]; then server_host=$(printenv PUBLIC_API_HOST); fi
sed "s|^\( *server:\).*|\1 https://$server_host:$API_PORT|" /etc/kubernetes/admin.conf | s3_put ${KOPS_STATE_KEYS.adminKubeconfig}
kubeadm certs check-expiration
logger -t orquesta-certificates "member $ETCD_MEMBER renewed its kubeadm certificates"
`;

/**
 * The expiry check: every certificate kubeadm manages, and those embedded in its kubeconfigs;
 * one expiring within `alertWithinDays` fails the unit (so `systemctl --failed` and the journal
 * show it at priority err). Alerting beyond the node is the operator's choice (e.g. a CloudWatch
 * agent on the journal).
 */
const checkExpiryBody = String.raw`limit=$(( ${KOPS_CERT_RENEWAL.alertWithinDays} * 86400 ))
expiring=''
for crt in /etc/kubernetes/pki/*.crt /etc/kubernetes/pki/etcd/*.crt; do
  [ -f "$crt" ] || continue
  if ! openssl x509 -checkend "$limit" -noout -in "$crt" > /dev/null; then expiring="$expiring $crt"; fi
done
for conf in /etc/kubernetes/admin.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf; do
  [ -f "$conf" ] || continue
  data=$(sed -n 's/^ *client-certificate-data: *//p' "$conf" | head -n 1)
  if [ -n "$data" ] && ! echo "$data" | base64 -d | openssl x509 -checkend "$limit" -noout > /dev/null; then expiring="$expiring $conf"; fi
done
if [ -n "$expiring" ]; then
  logger -p err -t orquesta-certificates "certificates expiring within ${KOPS_CERT_RENEWAL.alertWithinDays} days on member $ETCD_MEMBER:$expiring"
  exit 1
fi
logger -t orquesta-certificates "no certificate expires within ${KOPS_CERT_RENEWAL.alertWithinDays} days on member $ETCD_MEMBER"
`;

/**
 * Drains the worker nodes auto-scaling is terminating (instance refresh, scale-in, spot
 * rebalance): each waits in `Terminating:Wait` behind the `orquesta-drain` hook until its node is
 * cordoned and drained through the eviction API, which honours the PodDisruptionBudget, then the
 * hook is completed. Every member runs it; a second drain of the same node is a no-op and a second
 * completion fails harmlessly. A drain that times out still completes the hook: the instance is
 * going away either way, and the hook's heartbeat would end the wait a little later.
 */
const drainBody = String.raw`export KUBECONFIG=/etc/kubernetes/admin.conf
groups=$(aws autoscaling describe-auto-scaling-groups --filters "Name=tag:${TAG_CLUSTER},Values=$CLUSTER_NAME" "Name=tag:orquesta.dev/role,Values=worker" --query 'AutoScalingGroups[].AutoScalingGroupName' --output text)
for group in $groups; do
  waiting=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$group" --query "AutoScalingGroups[0].Instances[?LifecycleState=='Terminating:Wait'].InstanceId" --output text)
  for instance in $waiting; do
    node=$(aws ec2 describe-instances --instance-ids "$instance" --query 'Reservations[0].Instances[0].PrivateDnsName' --output text)
    if kubectl get node "$node" > /dev/null 2>&1; then
      kubectl cordon "$node"
      if ! kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=${KOPS_DRAIN_HOOK.drainTimeoutSeconds}s; then
        logger -p warning -t orquesta-drain "drain of $node ($instance) did not finish within ${KOPS_DRAIN_HOOK.drainTimeoutSeconds}s"
      fi
    fi
    aws autoscaling complete-lifecycle-action --auto-scaling-group-name "$group" --lifecycle-hook-name ${KOPS_DRAIN_HOOK.name} --instance-id "$instance" --lifecycle-action-result CONTINUE || true
  done
done
`;

/** The day-2 jobs every control-plane member runs (each renews on its own day). */
export function controlPlaneDay2Jobs(): readonly Day2Job[] {
  return [
    {
      name: 'orquesta-etcd-snapshot',
      description: 'snapshot this etcd member; the leader uploads it to the state bucket',
      schedule: { interval: KOPS_ETCD_SNAPSHOT_EVERY },
      body: etcdSnapshotBody,
    },
    {
      name: 'orquesta-renew-certificates',
      description: 'renew the kubeadm certificates, restart the static pods, re-upload admin.conf',
      // Replaced on the node by this member's day (see installPeriodicJobs).
      schedule: { calendar: MEMBER_CALENDAR_PLACEHOLDER },
      body: renewCertificatesBody,
    },
    {
      name: 'orquesta-check-certificates',
      description: `fail when a kubeadm certificate expires within ${KOPS_CERT_RENEWAL.alertWithinDays} days`,
      schedule: { calendar: 'daily' },
      body: checkExpiryBody,
    },
    {
      name: 'orquesta-drain-terminating',
      description: 'cordon and drain worker nodes that auto-scaling is terminating',
      schedule: { interval: '1min' },
      body: drainBody,
    },
  ];
}

/**
 * The renewal timer is one file for all members; the node writes its own day in place of this
 * token from `$ETCD_MEMBER` (see `memberCalendarCommand`).
 */
export const MEMBER_CALENDAR_PLACEHOLDER = '@ORQUESTA_MEMBER_RENEWAL_CALENDAR@';

/** Shell that replaces the placeholder in `timerPath` with this member's renewal calendar. */
export function memberCalendarCommand(timerPath: string): string {
  return `sed -i "s|${MEMBER_CALENDAR_PLACEHOLDER}|*-*-$(printf '%02d' $((1 + 5 * ETCD_MEMBER))) 03:00:00 UTC|" '${timerPath}'\n`;
}
