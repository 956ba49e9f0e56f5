import type { InfraOutputs } from './cluster-target';

/**
 * Where synth writes a target's platform add-ons, relative to its manifest directory
 * (`dist/k8s/<target>/`): in a subdirectory, so `kubectl apply -f dist/k8s/<target>/` (not
 * recursive) applies only the Kubernetes manifests.
 */
export const PLATFORM_ADDONS_FILE = 'addons/platform-addons.json';

/**
 * A cluster add-on a target needs so the workload runs as the report describes it (a load-balancer
 * controller, a CSI driver, metrics-server, a node autoscaler, a Prometheus). Targets return these
 * from `ClusterTarget.platformAddons()`; `synth` writes them to `dist/k8s/<target>/addons/platform-addons.json`
 * (read back by the analysis, so their requests reduce node allocatable), and `deploy` / `lab up`
 * install the `helm` and `manifests` ones after `terraform apply` and before the workload.
 *
 * `delivery` says who installs it:
 * - `terraform`: a resource of the target's stack (EKS managed add-ons, GKE/AKS built-ins); listed
 *   only for its footprint and the README table, `deploy` does nothing extra.
 * - `helm`: `helm upgrade --install` of a pinned chart version from a repository.
 * - `manifests`: `kubectl apply --server-side` of pinned objects the target renders itself.
 */
export type PlatformAddon = TerraformAddon | HelmAddon | ManifestAddon;

interface AddonBase {
  /** Stable id, kebab-case (`aws-load-balancer-controller`). */
  readonly name: string;
  /** Why the cluster needs it, one sentence (shown by deploy and in the report). */
  readonly purpose: string;
  /** The exact version installed (chart version, add-on version or image tag). */
  readonly version: string;
  /** Where that version and its defaults come from: URL and date. */
  readonly source: string;
  /** Namespace it runs in. */
  readonly namespace: string;
  /** CPU and memory it reserves, so the analysis can subtract it from node allocatable. */
  readonly footprint: AddonFootprint;
}

export interface AddonFootprint {
  /** A DaemonSet: requests on every node. @default - none */
  readonly perNode?: { readonly cpuMillicores: number; readonly memoryMiB: number };
  /** A Deployment: `replicas` pods of these requests, placed on worker nodes. @default - none */
  readonly replicas?: { readonly count: number; readonly cpuMillicores: number; readonly memoryMiB: number };
}

export interface TerraformAddon extends AddonBase {
  readonly delivery: 'terraform';
  /** The Terraform address that installs it (`aws_eks_addon.VpcCni`). */
  readonly address: string;
}

export interface HelmAddon extends AddonBase {
  readonly delivery: 'helm';
  /** Chart repository URL (https:// or oci://). */
  readonly repository: string;
  readonly chart: string;
  /** Helm values; may only reference stack outputs through `outputs` passed to platformAddons(). */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface ManifestAddon extends AddonBase {
  readonly delivery: 'manifests';
  /** Kubernetes objects, applied server-side in order. */
  readonly objects: readonly Readonly<Record<string, unknown>>[];
}

/** Stack outputs are only known after apply; at synth time values that need them are placeholders. */
export type AddonOutputs = InfraOutputs;
