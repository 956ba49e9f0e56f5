import { KOPS_STATE_KEYS } from '../kops-defaults';

/**
 * How long a worker waits for the answer to its join request: orquesta's choice (2026-12). The
 * first boot of a cluster (init, Calico, add-ons) takes minutes; an hour covers a slow mirror.
 */
export const JOIN_ANSWER_WAIT_MINUTES = 60;

/** Where a joining node keeps a copy of the admin kubeconfig pointed at the internal API endpoint (deleted after use). */
const LOCAL_ADMIN_KUBECONFIG = '/etc/orquesta/admin.conf';

/**
 * Shell functions of the on-demand join (sourced as part of the node library; plain `$VAR` only,
 * no `${...}`, since Terraform uploads the text):
 *
 * - a worker writes `join-requests/<session>` (its IAM session id `<role id>:<instance id>`, the
 *   only request key its role may write) and waits for `nodes/join/<session>/join.env`, the only
 *   answer its role may read; it deletes the answer after joining;
 * - `answer_join_requests` (a control-plane timer) accepts a request only from a session of the
 *   worker role whose instance is in one of this cluster's worker groups (name and cluster tag,
 *   checked with `aws autoscaling`, as kops-controller verifies a node before it signs anything),
 *   creates a bootstrap token of `$JOIN_TOKEN_TTL`, and writes the answer SSE-S3 (workers cannot
 *   use the cluster key); `sweep_issued_tokens` deletes the token and the answer once the Node is
 *   registered (or the token has expired);
 * - a joining control-plane member (whose role may read `control-plane/`) restores the shared CAs
 *   and the encryption configuration from the bucket and creates its own short-lived token with
 *   the admin kubeconfig, so no kubeadm certificate key is ever created or stored.
 */
export function joinFunctions(): string {
  const k = KOPS_STATE_KEYS;
  return String.raw`
# s3_put_plain <key>: an object the workers may read (SSE-S3; the bucket default is the cluster key).
s3_put_plain() { aws s3 cp --only-show-errors --sse AES256 - "s3://$STATE_BUCKET/$1"; }
s3_rm() { aws s3 rm --only-show-errors "s3://$STATE_BUCKET/$1"; }
# s3_keys <prefix>: the keys under a prefix, one per line.
s3_keys() {
  aws s3api list-objects-v2 --bucket "$STATE_BUCKET" --prefix "$1" --query 'Contents[].Key' --output text | tr '\t' '\n' | grep -v '^None$' || true
}

ca_cert_hash() {
  echo "sha256:$(openssl x509 -pubkey -noout -in /etc/kubernetes/pki/ca.crt | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex | sed 's/^.* //')"
}

# internal_admin_kubeconfig: the published admin kubeconfig (public endpoint, for users) pointed at
# the internal endpoint the nodes reach, in ${LOCAL_ADMIN_KUBECONFIG}.
internal_admin_kubeconfig() {
  s3_get ${k.adminKubeconfig} | sed "s|^\( *server:\).*|\1 https://$API_HOST:$API_PORT|" > ${LOCAL_ADMIN_KUBECONFIG}
  chmod 600 ${LOCAL_ADMIN_KUBECONFIG}
}

# backup_shared_pki: the files kubeadm's manual certificate distribution lists (CAs and
# service-account keys), nothing a member can regenerate.
backup_shared_pki() {
  tar -C /etc/kubernetes -czf - pki/ca.crt pki/ca.key pki/sa.key pki/sa.pub pki/front-proxy-ca.crt pki/front-proxy-ca.key pki/etcd/ca.crt pki/etcd/ca.key | s3_put ${k.pkiBackup}
}

restore_shared_pki() {
  install -d -m 0700 /etc/kubernetes/pki /etc/kubernetes/pki/etcd
  s3_get ${k.pkiBackup} | tar -C /etc/kubernetes -xzf -
}

# join_cluster <control-plane|nodes>: one join attempt with fresh credentials; a failed attempt is
# reset so the next starts clean.
join_cluster() {
  if [ "$1" = control-plane ]; then control_plane_join_credentials; else worker_join_credentials; fi
  write_join_config > /etc/orquesta/kubeadm-join.yaml
  chmod 600 /etc/orquesta/kubeadm-join.yaml
  if ! kubeadm join --config /etc/orquesta/kubeadm-join.yaml; then
    kubeadm reset -f
    return 1
  fi
  if [ "$1" = control-plane ]; then
    kubeadm token delete --kubeconfig ${LOCAL_ADMIN_KUBECONFIG} "$(printf '%s' "$JOIN_TOKEN" | cut -d. -f1)" || true
    rm -f ${LOCAL_ADMIN_KUBECONFIG}
  else
    s3_rm "$JOIN_ANSWER" || true
  fi
  rm -f /etc/orquesta/kubeadm-join.yaml /etc/orquesta/join.env
}

control_plane_join_credentials() {
  restore_shared_pki
  write_audit_policy
  fetch_encryption_config
  internal_admin_kubeconfig
  JOIN_TOKEN=$(kubeadm token create --kubeconfig ${LOCAL_ADMIN_KUBECONFIG} --ttl "$JOIN_TOKEN_TTL" --description "orquesta: control-plane join of $INSTANCE_ID")
  JOIN_CA_CERT_HASH=$(ca_cert_hash)
  JOIN_API_ENDPOINT="$API_HOST:$API_PORT"
}

worker_join_credentials() {
  local session
  session=$(aws sts get-caller-identity --query UserId --output text)
  JOIN_ANSWER="${k.nodeJoinPrefix}$session/join.env"
  s3_rm "$JOIN_ANSWER" > /dev/null 2>&1 || true
  printf '%s\n' "$INSTANCE_ID" | s3_put_plain "${k.joinRequestsPrefix}$session"
  wait_for_object "$JOIN_ANSWER" ${JOIN_ANSWER_WAIT_MINUTES}
  s3_get "$JOIN_ANSWER" > /etc/orquesta/join.env
  chmod 600 /etc/orquesta/join.env
  JOIN_API_ENDPOINT=$(env_value /etc/orquesta/join.env API_ENDPOINT)
  JOIN_TOKEN=$(env_value /etc/orquesta/join.env JOIN_TOKEN)
  JOIN_CA_CERT_HASH=$(env_value /etc/orquesta/join.env CA_CERT_HASH)
}

# verify_worker_instance <instance id>: the instance is starting or running in a worker group of
# this cluster (group name and cluster tag).
verify_worker_instance() {
  local group state owner
  read -r group state < <(aws autoscaling describe-auto-scaling-instances --instance-ids "$1" --query 'AutoScalingInstances[0].[AutoScalingGroupName,LifecycleState]' --output text || true) || true
  case "$group" in "$CLUSTER_NAME"-kops-nodes-*) ;; *) return 1 ;; esac
  case "$state" in Pending*|InService) ;; *) return 1 ;; esac
  owner=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$group" --query "AutoScalingGroups[0].Tags[?Key=='kubernetes.io/cluster/$CLUSTER_NAME'].Value" --output text || true)
  [ "$owner" = owned ]
}

# answer_join_requests: answers every pending, verified join request with a short-lived token.
answer_join_requests() {
  local key session role_id instance token
  export KUBECONFIG=/etc/kubernetes/admin.conf
  for key in $(s3_keys ${k.joinRequestsPrefix}); do
    session=$(printf '%s' "$key" | sed 's|^${k.joinRequestsPrefix}||')
    role_id=$(printf '%s' "$session" | cut -d: -f1)
    instance=$(printf '%s' "$session" | cut -d: -f2)
    if s3_exists "${k.nodeJoinPrefix}$session/join.env"; then continue; fi
    if [ "$role_id" != "$NODES_ROLE_ID" ] || ! verify_worker_instance "$instance"; then
      echo "refusing join request $key: not an instance of a worker group of $CLUSTER_NAME" >&2
      s3_rm "$key"
      continue
    fi
    token=$(kubeadm token create --ttl "$JOIN_TOKEN_TTL" --description "orquesta: join of $instance")
    printf '%s' "$token" | cut -d. -f1 | s3_put "${k.issuedTokensPrefix}$session"
    printf 'API_ENDPOINT=%s\nJOIN_TOKEN=%s\nCA_CERT_HASH=%s\n' "$API_HOST:$API_PORT" "$token" "$(ca_cert_hash)" | s3_put_plain "${k.nodeJoinPrefix}$session/join.env"
    s3_rm "$key"
    echo "issued a join token to $instance"
  done
  sweep_issued_tokens
}

# sweep_issued_tokens: deletes the token and the answer of every node that has registered, and the
# records of tokens that have expired.
sweep_issued_tokens() {
  local key session instance token_id
  export KUBECONFIG=/etc/kubernetes/admin.conf
  for key in $(s3_keys ${k.issuedTokensPrefix}); do
    session=$(printf '%s' "$key" | sed 's|^${k.issuedTokensPrefix}||')
    instance=$(printf '%s' "$session" | cut -d: -f2)
    token_id=$(s3_get "$key")
    if kubectl get nodes -o jsonpath='{range .items[*]}{.spec.providerID}{"\n"}{end}' | grep -q "/$instance$" \
      || ! kubectl -n kube-system get secret "bootstrap-token-$token_id" > /dev/null 2>&1; then
      kubeadm token delete "$token_id" > /dev/null 2>&1 || true
      s3_rm "${k.nodeJoinPrefix}$session/join.env" > /dev/null 2>&1 || true
      s3_rm "$key"
    fi
  done
}
`;
}
