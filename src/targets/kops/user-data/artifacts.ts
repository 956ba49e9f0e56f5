import { createHash } from 'crypto';
import { stringify } from 'yaml';
import { KOPS_BOOTSTRAP_TAGS, KOPS_CALICO_MANIFEST_SHA256, KOPS_ECR_CREDENTIAL_PROVIDER, KOPS_STATE_KEYS } from '../kops-defaults';
import { calicoManifestUrl } from './cluster-addons';

/**
 * The index of what a role's nodes fetch from `bootstrap/` (`<sha256>  <key>` lines, `sha256sum`
 * format), next to the role script: `bootstrap/control-plane.SHA256SUMS` lists every bootstrap
 * object (the control plane applies the add-ons), `bootstrap/node.SHA256SUMS` only the library and
 * the worker script, so an add-on or version change does not touch the workers' launch template.
 */
export function bootstrapSumsKey(roleScriptKey: string): string {
  return `${roleScriptKey.replace(/\.sh$/, '')}.SHA256SUMS`;
}
/** Where nodes keep the verified index. */
export const BOOTSTRAP_SUMS_PATH = '/etc/orquesta/SHA256SUMS';

/**
 * User-data commands that fetch the node library and the role script (the last of `files`) from
 * the state bucket and verify them: the role's index (`bootstrapSumsKey`) must hash to the instance
 * tag `orquesta-bootstrap-sha256` (a value Terraform sets from the synthesized content), and each
 * file to its line in the index. Uses the user data's `$instance_id` and `$bucket`.
 */
export function verifiedBootstrapFetch(files: ReadonlyArray<{ readonly key: string; readonly path: string }>): string {
  const index = bootstrapSumsKey(files[files.length - 1].key);
  const fetches = files
    .map(
      (f) =>
        `aws s3 cp --only-show-errors "s3://$bucket/${f.key}" ${f.path}\n` +
        `echo "$(awk -v key=${f.key} '$2 == key { print $1 }' ${BOOTSTRAP_SUMS_PATH})  ${f.path}" | sha256sum -c --quiet - || { echo '${f.key} does not match ${index}' >&2; exit 1; }`,
    )
    .join('\n');
  return `sums_sha256=$(aws ec2 describe-tags --filters "Name=resource-id,Values=$instance_id" "Name=key,Values=${KOPS_BOOTSTRAP_TAGS.bootstrapSha256}" --query 'Tags[0].Value' --output text)
install -d -m 0755 "$(dirname ${BOOTSTRAP_SUMS_PATH})"
aws s3 cp --only-show-errors "s3://$bucket/${index}" ${BOOTSTRAP_SUMS_PATH}
echo "$sums_sha256  ${BOOTSTRAP_SUMS_PATH}" | sha256sum -c --quiet - || { echo '${index} does not match the ${KOPS_BOOTSTRAP_TAGS.bootstrapSha256} tag' >&2; exit 1; }
${fetches}`;
}

/** The index: one `<sha256>  <key>` line per object, sorted by key. */
export function bootstrapSums(objects: Readonly<Record<string, string>>): string {
  return Object.keys(objects)
    .sort()
    .map((key) => `${createHash('sha256').update(objects[key], 'utf8').digest('hex')}  ${key}\n`)
    .join('');
}

/**
 * Fingerprints of the apt repository signing keys the nodes download: Docker's (for containerd.io),
 * as Docker's install guide publishes it (https://docs.docker.com/engine/install/ubuntu/, read
 * 2026-12-01), and the pkgs.k8s.io key (`isv:kubernetes OBS Project`,
 * https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/, read
 * 2026-12-01). apt then checks every package against the signed index; a key with any other
 * primary fingerprint fails the boot.
 */
export const APT_KEY_FINGERPRINTS = {
  docker: '9DC858229FC7DD38854AE2D88D81803C0EBFCD88',
  kubernetes: 'DE15B14486CD377B9E876E1A234654DA9A296436',
} as const;

/** API server files orquesta adds (mounted read-only into the static pod). */
export const APISERVER_CONFIG_DIR = '/etc/kubernetes/orquesta';
export const ENCRYPTION_CONFIG_PATH = `${APISERVER_CONFIG_DIR}/encryption-config.yaml`;
export const AUDIT_POLICY_PATH = `${APISERVER_CONFIG_DIR}/audit-policy.yaml`;
export const AUDIT_LOG_DIR = '/var/log/kubernetes/audit';
/**
 * Audit log rotation: 100 MB files, 10 kept, at most 30 days old: orquesta's choice (2026-12),
 * about 1 GB of history on the root volume, with the kube-apiserver flags
 * (https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend).
 */
export const AUDIT_LOG_ROTATION = { maxSizeMB: 100, maxBackups: 10, maxAgeDays: 30 } as const;

export const IMAGE_CREDENTIAL_PROVIDER_CONFIG = '/etc/orquesta/image-credential-provider.yaml';
export const IMAGE_CREDENTIAL_PROVIDER_BIN_DIR = '/usr/local/lib/kubelet-credential-providers';

/**
 * The audit policy, after the managed clusters' practice (GKE's and EKS' published policies,
 * https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy, 2026-12): no health
 * probes and no events; only metadata for Secrets, ConfigMaps, token requests and reviews (never
 * their bodies); request bodies for every other write; metadata for every read.
 */
export function auditPolicy(): string {
  const sensitive = [
    { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
    { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
  ];
  return stringify({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version'] },
      {
        level: 'None',
        resources: [
          { group: '', resources: ['events'] },
          { group: 'events.k8s.io', resources: ['events'] },
        ],
      },
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'] },
      { level: 'Metadata', resources: sensitive },
      { level: 'Request', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
      { level: 'Metadata' },
    ],
  });
}

/** The kubelet's credential provider configuration: ECR registries through the node's role. */
export function imageCredentialProviderConfig(): string {
  const ecr = KOPS_ECR_CREDENTIAL_PROVIDER;
  return stringify({
    apiVersion: 'kubelet.config.k8s.io/v1',
    kind: 'CredentialProviderConfig',
    providers: [
      {
        name: 'ecr-credential-provider',
        matchImages: [...ecr.matchImages],
        defaultCacheDuration: ecr.defaultCacheDuration,
        apiVersion: 'credentialprovider.kubelet.k8s.io/v1',
      },
    ],
  });
}

/**
 * Shell functions (part of the node library; plain `$VAR` only) for verified artifacts and the
 * API server's secrets:
 * - `fetch_verified <url> <sha256> <dest>` and `s3_get_verified <key> <dest>` (checked against the
 *   index the user data verified): a mismatch fails the boot (`set -euo pipefail`);
 * - the ECR credential provider binary, pinned by sha256;
 * - `ensure_encryption_config`: the API server's EncryptionConfiguration for Secrets (secretbox,
 *   a 32-byte key from /dev/urandom), generated by the first member and kept KMS-encrypted under
 *   `control-plane/` like the CA, fetched by every other member;
 * - the audit policy;
 * - `apply_cluster_addons`: Calico (pinned and hashed) and every `bootstrap/addons/` manifest.
 */
export function artifactFunctions(): string {
  const k = KOPS_STATE_KEYS;
  const ecr = KOPS_ECR_CREDENTIAL_PROVIDER;
  return String.raw`
# fetch_verified <url> <sha256> <destination>
fetch_verified() {
  retry 10 15 curl -fsSL -o "$3.download" "$1" || return 1
  if ! echo "$2  $3.download" | sha256sum -c --quiet -; then
    rm -f "$3.download"
    echo "sha256 mismatch for $1: refusing it" >&2
    return 1
  fi
  mv "$3.download" "$3"
}

# verify_key_fingerprint <key file> <fingerprint>: the file holds exactly one primary key, that one.
verify_key_fingerprint() {
  local found
  found=$(gpg --show-keys --with-colons "$1" | awk -F: '$1 == "pub" { primary = 1; next } $1 == "fpr" && primary { print $10; primary = 0 }')
  if [ "$found" != "$2" ]; then
    echo "$1: signing key fingerprint '$found' is not the published $2: refusing it" >&2
    return 1
  fi
}

# s3_get_verified <key> <destination>: a bootstrap object, checked against ${BOOTSTRAP_SUMS_PATH}.
s3_get_verified() {
  local sum
  sum=$(awk -v key="$1" '$2 == key { print $1 }' ${BOOTSTRAP_SUMS_PATH})
  if [ -z "$sum" ]; then
    echo "$1 is not listed in ${BOOTSTRAP_SUMS_PATH}: refusing it" >&2
    return 1
  fi
  s3_get "$1" > "$2.download" || return 1
  if ! echo "$sum  $2.download" | sha256sum -c --quiet -; then
    rm -f "$2.download"
    echo "sha256 mismatch for s3://$STATE_BUCKET/$1: refusing it" >&2
    return 1
  fi
  mv "$2.download" "$2"
}

install_ecr_credential_provider() {
  local arch sum
  arch=$(dpkg --print-architecture)
  case "$arch" in
    amd64) sum=${ecr.sha256.amd64} ;;
    arm64) sum=${ecr.sha256.arm64} ;;
    *) echo "no ecr-credential-provider for $arch" >&2; return 1 ;;
  esac
  install -d -m 0755 ${IMAGE_CREDENTIAL_PROVIDER_BIN_DIR}
  fetch_verified "${ecr.urlBase}/$arch/ecr-credential-provider-linux-$arch" "$sum" ${IMAGE_CREDENTIAL_PROVIDER_BIN_DIR}/ecr-credential-provider || return 1
  chmod 0755 ${IMAGE_CREDENTIAL_PROVIDER_BIN_DIR}/ecr-credential-provider
  cat > ${IMAGE_CREDENTIAL_PROVIDER_CONFIG} <<'ORQUESTA_CONFIG'
${imageCredentialProviderConfig()}ORQUESTA_CONFIG
}

write_audit_policy() {
  install -d -m 0700 ${APISERVER_CONFIG_DIR}
  install -d -m 0700 ${AUDIT_LOG_DIR}
  cat > ${AUDIT_POLICY_PATH} <<'ORQUESTA_CONFIG'
${auditPolicy()}ORQUESTA_CONFIG
  chmod 600 ${AUDIT_POLICY_PATH}
}

# ensure_encryption_config: the cluster's EncryptionConfiguration, created once (first member, first
# boot) and otherwise fetched from ${k.encryptionConfig}.
ensure_encryption_config() {
  if s3_exists ${k.encryptionConfig}; then fetch_encryption_config; return; fi
  install -d -m 0700 ${APISERVER_CONFIG_DIR}
  (
    umask 077
    printf '%s\n' 'apiVersion: apiserver.config.k8s.io/v1' 'kind: EncryptionConfiguration' 'resources:' '  - resources: [secrets]' '    providers:' '      - secretbox:' '          keys:' '            - name: key1' "              secret: $(head -c 32 /dev/urandom | base64)" '      - identity: {}' > ${ENCRYPTION_CONFIG_PATH}
  )
  s3_put ${k.encryptionConfig} < ${ENCRYPTION_CONFIG_PATH}
}

fetch_encryption_config() {
  install -d -m 0700 ${APISERVER_CONFIG_DIR}
  (umask 077; s3_get ${k.encryptionConfig} > ${ENCRYPTION_CONFIG_PATH})
}

# apply_cluster_addons: Calico from its release (pinned by sha256), then the cloud controller
# manager and every add-on manifest under ${k.addonsPrefix}, each checked against the index.
apply_cluster_addons() {
  local key file
  export KUBECONFIG=/etc/kubernetes/admin.conf
  install -d -m 0700 /etc/orquesta/addons
  fetch_verified ${calicoManifestUrl()} ${KOPS_CALICO_MANIFEST_SHA256} /etc/orquesta/addons/calico.yaml || return 1
  retry 10 15 kubectl apply -f /etc/orquesta/addons/calico.yaml || return 1
  for key in ${k.cloudControllerManifest} $(awk '$2 ~ /^bootstrap\/addons\// { print $2 }' ${BOOTSTRAP_SUMS_PATH} | sort); do
    file="/etc/orquesta/addons/$(basename "$key")"
    s3_get_verified "$key" "$file" || return 1
    retry 10 15 kubectl apply --server-side --force-conflicts -f "$file" || return 1
  done
}
`;
}
