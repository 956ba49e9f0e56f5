import type { ValidationProblem } from '../../spec/validation-error';

/**
 * The exact versions every node of the kops-style cluster installs, so control plane and workers
 * run the same patch release and nothing drifts when a node is replaced months later.
 *
 * Upstream keeps three minors in patch support (https://kubernetes.io/releases/patch-releases/,
 * read 2026-12-01); orquesta pins those three. A minor outside this table is refused for the kops
 * target (`validateKopsKubernetesVersion`) instead of installing whatever the repository serves.
 *
 * Bumping a patch: change `kubernetes` and `packageVersion` here, run `orquesta upgrade --target
 * kops --to <same minor>` (see src/lifecycle/kops/kops-upgrade.ts), which upgrades the control
 * plane member by member and then rolls the workers. Bumping a minor: add its row, then the same
 * command with the new minor (one minor at a time, as kubeadm requires).
 */
export interface KopsKubernetesPin {
  /** Kubernetes minor, `1.MM`: the spec's `cluster.kubernetesVersion`. */
  readonly minor: string;
  /** Exact patch release the control plane runs (`kubeadm init/upgrade apply v<kubernetes>`). */
  readonly kubernetes: string;
  /**
   * Debian package version of kubeadm, kubelet and kubectl in the community repository
   * `https://pkgs.k8s.io/core:/stable:/v<minor>/deb/`: `<patch>-<revision>`, installed as
   * `kubeadm=<packageVersion>`. The community repository publishes every patch with revision
   * `1.1` (https://kubernetes.io/blog/2023/08/15/pkgs-k8s-io-introduction/, read 2026-12-01).
   */
  readonly packageVersion: string;
  /** Where the patch version was read, and when. */
  readonly source: string;
}

const CHANGELOG = (minor: string): string =>
  `https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-${minor}.md (newest patch listed, read 2026-12-01)`;

/** Package revision of pkgs.k8s.io builds (see `packageVersion`). */
export const KOPS_K8S_PACKAGE_REVISION = '1.1';

function pin(minor: string, patch: number): KopsKubernetesPin {
  const kubernetes = `${minor}.${patch}`;
  return { minor, kubernetes, packageVersion: `${kubernetes}-${KOPS_K8S_PACKAGE_REVISION}`, source: CHANGELOG(minor) };
}

/** One row per supported minor, oldest first. */
export const KOPS_KUBERNETES_PINS: readonly KopsKubernetesPin[] = [pin('1.34', 7), pin('1.35', 4), pin('1.36', 0)];

/** The minors the kops target accepts, oldest first. */
export function kopsSupportedMinors(): string[] {
  return KOPS_KUBERNETES_PINS.map((p) => p.minor);
}

/** The pin of `minor`; throws (naming the supported minors) for any other. */
export function kopsKubernetesPin(minor: string): KopsKubernetesPin {
  const found = KOPS_KUBERNETES_PINS.find((p) => p.minor === minor);
  if (!found) {
    throw new Error(`kops: Kubernetes ${minor} has no pinned patch release; supported: ${kopsSupportedMinors().join(', ')}`);
  }
  return found;
}

/** Collect-all validation of `cluster.kubernetesVersion` for the kops target. */
export function validateKopsKubernetesVersion(minor: string): ValidationProblem[] {
  if (KOPS_KUBERNETES_PINS.some((p) => p.minor === minor)) return [];
  return [
    {
      path: 'cluster.kubernetesVersion',
      value: minor,
      requirement: `must be one of the minors the kops target pins (${kopsSupportedMinors().join(', ')}): nodes install exact patch releases from src/targets/kops/kops-versions.ts`,
    },
  ];
}

/**
 * containerd from Docker's apt repository (package `containerd.io`), one version for every minor
 * above: containerd 2.x is required from Kubernetes 1.36 on, 1.35 being the last minor to support
 * containerd 1.7 (https://kubernetes.io/docs/setup/production-environment/container-runtimes/ and
 * https://containerd.io/releases/#kubernetes-support, read 2026-12-01). Docker publishes it per
 * Ubuntu release as `<version>-<revision>~ubuntu.<VERSION_ID>~<VERSION_CODENAME>`
 * (https://download.docker.com/linux/ubuntu/dists/, read 2026-12-01), so the full package version
 * is completed on the node from /etc/os-release (`containerdPackageVersion`).
 */
export const KOPS_CONTAINERD = {
  package: 'containerd.io',
  version: '2.2.1',
  revision: '1',
  source:
    'https://github.com/containerd/containerd/releases/tag/v2.2.1 and https://download.docker.com/linux/ubuntu/dists/jammy/pool/stable/ (read 2026-12-01)',
} as const;

/** `containerd.io` package version for an Ubuntu release, e.g. `2.2.1-1~ubuntu.22.04~jammy`. */
export function containerdPackageVersion(ubuntuVersionId: string, codename: string): string {
  return `${KOPS_CONTAINERD.version}-${KOPS_CONTAINERD.revision}~ubuntu.${ubuntuVersionId}~${codename}`;
}

/**
 * runc is not installed separately: `containerd.io` bundles the runc it was built and tested with
 * (https://github.com/docker/containerd-packaging, `scripts/determine-runc-version`, read
 * 2026-12-01), so pinning `containerd.io` pins runc. The bootstrap logs `runc --version` for the record.
 */
export const KOPS_RUNC = {
  bundledIn: KOPS_CONTAINERD.package,
  source: 'https://github.com/docker/containerd-packaging (read 2026-12-01)',
} as const;

/**
 * CNI: Calico's install-cni container writes its own plugins (`calico`, `calico-ipam`) into
 * /opt/cni/bin at the Calico version of kops-defaults.ts; the reference plugins (`loopback`,
 * `portmap`) come as `kubernetes-cni`, a dependency of the pinned kubelet package, from the same
 * pinned pkgs.k8s.io repository (https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/,
 * read 2026-12-01).
 */
export const KOPS_CNI = {
  pluginsPackage: 'kubernetes-cni',
  resolvedBy: 'the pinned kubelet package (same pkgs.k8s.io minor repository)',
  source: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/ (read 2026-12-01)',
} as const;

/**
 * How far a kubeadm upgrade may jump: one minor at a time (`kubeadm upgrade` refuses skipping
 * minors; https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/, read
 * 2026-12-01). The kubelet may lag the API server by up to three minors
 * (https://kubernetes.io/releases/version-skew-policy/), so workers are rolled after the
 * control plane, never before.
 */
export const KOPS_MAX_MINOR_STEP = 1;

/** `1.MM` -> MM. */
export function minorNumber(minor: string): number {
  const match = /^1\.(\d+)$/.exec(minor);
  if (!match) throw new Error(`not a Kubernetes minor version '1.MM': ${minor}`);
  return Number(match[1]);
}
