import { KOPS_STATE_KEYS } from '../kops-defaults';
import { KOPS_CONTAINERD, kopsKubernetesPin } from '../kops-versions';

/**
 * Where the running cluster's version lives: `nodes/kubernetes-version` in the state bucket,
 * written by member 0 when it creates the cluster and by `orquesta upgrade` once the whole
 * control plane runs a new version. Every node that boots installs exactly that version, so a
 * node replaced at any time (a scale-out, a spot interruption, an instance refresh started by
 * `terraform apply`) matches the control plane, and a `kubernetesVersion` bump reaches the nodes
 * only through the upgrade.
 */
export const CLUSTER_VERSION_KEY = `${KOPS_STATE_KEYS.nodesPrefix}kubernetes-version`;

/** The node.env values of the pinned versions for `minor` (the first boot of the cluster uses them). */
export function pinnedVersionEnv(minor: string): Record<string, string> {
  const pin = kopsKubernetesPin(minor);
  return {
    K8S_MINOR: pin.minor,
    K8S_VERSION: pin.kubernetes,
    K8S_PACKAGE_VERSION: pin.packageVersion,
    ...containerdEnv(),
  };
}

/** containerd's pin (upstream version and package revision; the node adds its Ubuntu suffix). */
export function containerdEnv(): Record<string, string> {
  return { CONTAINERD_VERSION: `${KOPS_CONTAINERD.version}-${KOPS_CONTAINERD.revision}` };
}

/**
 * Shell functions for the node library:
 * - `load_cluster_version`: a worker waits for and reads the cluster's version file; a control-plane
 *   member reads it when it exists (it does not on the very first boot of member 0, which uses its
 *   launch template's pin); the values are checked for their form before they reach node.env;
 * - `publish_cluster_version`: member 0 records the version it created the cluster with;
 * - `kubernetes_package_pins`: the exact `apt-get install` arguments (containerd.io with this
 *   Ubuntu release's suffix, as Docker names its builds).
 * Written without `${...}` expansions (see node-library.ts).
 */
export function clusterVersionFunctions(): string {
  return String.raw`load_cluster_version() {
  local file=/etc/orquesta/cluster-version.env key value
  if ! s3_exists ${CLUSTER_VERSION_KEY}; then
    if [ "$NODE_ROLE" = control-plane ]; then return 0; fi
    wait_for_object ${CLUSTER_VERSION_KEY} 60
  fi
  s3_get ${CLUSTER_VERSION_KEY} > "$file"
  for key in K8S_MINOR K8S_VERSION K8S_PACKAGE_VERSION; do
    value=$(env_value "$file" "$key")
    if ! echo "$value" | grep -Eq '^1\.[0-9]+(\.[0-9]+(-[0-9.]+)?)?$'; then
      echo "s3://$STATE_BUCKET/${CLUSTER_VERSION_KEY}: $key has no version ('$value')" >&2
      return 1
    fi
    sed -i "/^$key=/d" /etc/orquesta/node.env
    printf '%s=%s\n' "$key" "$value" >> /etc/orquesta/node.env
  done
  load_node_env
}

publish_cluster_version() {
  printf 'K8S_MINOR=%s\nK8S_VERSION=%s\nK8S_PACKAGE_VERSION=%s\n' "$K8S_MINOR" "$K8S_VERSION" "$K8S_PACKAGE_VERSION" | s3_put ${CLUSTER_VERSION_KEY}
}

kubernetes_package_pins() {
  local suffix
  suffix=$(. /etc/os-release && echo "ubuntu.$VERSION_ID~$VERSION_CODENAME")
  echo "containerd.io=$CONTAINERD_VERSION~$suffix kubelet=$K8S_PACKAGE_VERSION kubeadm=$K8S_PACKAGE_VERSION kubectl=$K8S_PACKAGE_VERSION"
}
`;
}
