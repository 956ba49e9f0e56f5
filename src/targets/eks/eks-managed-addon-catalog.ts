import type { AddonFootprint } from '../platform-addon';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { ValidationProblem } from '../../spec/validation-error';

/** The EKS managed add-ons orquesta installs as `aws_eks_addon` resources. */
export type EksManagedAddonName = 'vpc-cni' | 'kube-proxy' | 'coredns' | 'eks-pod-identity-agent' | 'aws-ebs-csi-driver' | 'metrics-server';

export interface EksManagedAddonInfo {
  readonly name: EksManagedAddonName;
  readonly purpose: string;
  readonly namespace: string;
  /** Where the pinned versions come from, with the date they were read. */
  readonly versionSource: string;
  /** Requests of the add-on's pods as EKS ships them, and where those numbers come from. */
  readonly footprint: AddonFootprint;
  readonly footprintSource: string;
  /**
   * Installed before the node groups: DaemonSets the nodes need to become Ready (pod networking,
   * service routing, Pod Identity credentials). The rest needs nodes to schedule on.
   */
  readonly beforeNodes: boolean;
}

/**
 * Pinned add-on versions per Kubernetes minor. An upgrade of `cluster.kubernetesVersion` moves every
 * add-on to the row of the new minor in the same plan; Terraform updates each `aws_eks_addon` in
 * place (EKS supports one minor at a time, which the spec's version bump already is).
 * Read 2026-12-01 from the "latest version per Kubernetes version" tables of the EKS user guide
 * (sources per add-on in EKS_MANAGED_ADDONS); confirm a row with
 * `aws eks describe-addon-versions --addon-name <name> --kubernetes-version <minor>` when adding one.
 */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, Readonly<Record<EksManagedAddonName, string>>>> = {
  '1.33': {
    'vpc-cni': 'v1.22.4-eksbuild.3',
    'kube-proxy': 'v1.33.10-eksbuild.13',
    coredns: 'v1.13.2-eksbuild.4',
    'eks-pod-identity-agent': 'v1.3.10-eksbuild.3',
    'aws-ebs-csi-driver': 'v1.55.0-eksbuild.2',
    'metrics-server': 'v0.8.1-eksbuild.1',
  },
  '1.34': {
    'vpc-cni': 'v1.22.4-eksbuild.3',
    'kube-proxy': 'v1.34.6-eksbuild.13',
    coredns: 'v1.13.2-eksbuild.4',
    'eks-pod-identity-agent': 'v1.3.10-eksbuild.3',
    'aws-ebs-csi-driver': 'v1.55.0-eksbuild.2',
    'metrics-server': 'v0.8.1-eksbuild.1',
  },
  '1.35': {
    'vpc-cni': 'v1.22.4-eksbuild.3',
    'kube-proxy': 'v1.35.3-eksbuild.13',
    coredns: 'v1.13.2-eksbuild.4',
    'eks-pod-identity-agent': 'v1.3.10-eksbuild.3',
    'aws-ebs-csi-driver': 'v1.55.0-eksbuild.2',
    'metrics-server': 'v0.8.1-eksbuild.1',
  },
  '1.36': {
    'vpc-cni': 'v1.22.4-eksbuild.3',
    'kube-proxy': 'v1.36.0-eksbuild.14',
    coredns: 'v1.14.3-eksbuild.16',
    'eks-pod-identity-agent': 'v1.3.10-eksbuild.3',
    'aws-ebs-csi-driver': 'v1.55.0-eksbuild.2',
    'metrics-server': 'v0.8.1-eksbuild.1',
  },
};

/** What each managed add-on is for, where its versions and requests come from (read 2026-12-01). */
export const EKS_MANAGED_ADDONS: Readonly<Record<EksManagedAddonName, EksManagedAddonInfo>> = {
  'vpc-cni': {
    name: 'vpc-cni',
    purpose: 'Pod networking (VPC addresses for pods) and the network-policy agent that enforces NetworkPolicies.',
    namespace: 'kube-system',
    versionSource:
      'https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html (one version for every supported minor; v1.22.4 upstream: https://github.com/aws/amazon-vpc-cni-k8s/releases/tag/v1.22.4), 2026-12-01',
    // aws-node requests 25m CPU and no memory; the network-policy agent sets no requests.
    footprint: { perNode: { cpuMillicores: 25, memoryMiB: 0 } },
    footprintSource:
      'https://github.com/aws/amazon-vpc-cni-k8s/blob/master/charts/aws-vpc-cni/values.yaml (resources.requests.cpu 25m), 2026-12-01',
    beforeNodes: true,
  },
  'kube-proxy': {
    name: 'kube-proxy',
    purpose: 'Service routing on every node.',
    namespace: 'kube-system',
    versionSource: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html (kube-proxy versions table), 2026-12-01',
    footprint: { perNode: { cpuMillicores: 100, memoryMiB: 0 } },
    // The DaemonSet EKS installs requests 100m CPU and no memory, like upstream's kube-proxy
    // manifest; not re-read from a live cluster here.
    footprintSource:
      'kube-proxy DaemonSet of the EKS add-on, cpu 100m (as in https://github.com/kubernetes/kubernetes/blob/master/cluster/addons/kube-proxy/kube-proxy-ds.yaml), 2026-12-01',
    beforeNodes: true,
  },
  'eks-pod-identity-agent': {
    name: 'eks-pod-identity-agent',
    purpose: 'Hands EKS Pod Identity credentials to pods (the VPC CNI, EBS CSI, load-balancer controller and autoscaler use it).',
    namespace: 'kube-system',
    versionSource:
      'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html (version as EKS resolves it for 1.36: v1.3.10-eksbuild.3), 2026-12-01',
    // The agent's chart sets no requests (resources: {}), so it reserves nothing on the node.
    footprint: {},
    footprintSource:
      'https://github.com/aws/eks-pod-identity-agent/blob/main/charts/eks-pod-identity-agent/values.yaml (resources: {}), 2026-12-01',
    beforeNodes: true,
  },
  coredns: {
    name: 'coredns',
    purpose: 'Cluster DNS.',
    namespace: 'kube-system',
    versionSource: 'https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html (CoreDNS versions table), 2026-12-01',
    footprint: { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 70 } },
    footprintSource:
      'two replicas by default (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html), requests 100m / 70Mi of the CoreDNS deployment (https://github.com/coredns/deployment/blob/master/kubernetes/coredns.yaml.sed), 2026-12-01',
    beforeNodes: false,
  },
  'aws-ebs-csi-driver': {
    name: 'aws-ebs-csi-driver',
    purpose: 'Provisions and attaches the EBS volumes of PersistentVolumeClaims (the gp3 StorageClass).',
    namespace: 'kube-system',
    versionSource: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (add-on versions for the cluster version), 2026-12-01',
    // Controller: ebs-plugin, csi-provisioner, csi-attacher, csi-resizer, liveness-probe at 10m/40Mi each
    // (snapshotter only with the snapshot CRDs); node: ebs-plugin, node-driver-registrar, liveness-probe.
    footprint: { perNode: { cpuMillicores: 30, memoryMiB: 120 }, replicas: { count: 2, cpuMillicores: 50, memoryMiB: 200 } },
    footprintSource:
      'https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/charts/aws-ebs-csi-driver/values.yaml (controller.replicaCount 2, requests 10m/40Mi per container), 2026-12-01',
    beforeNodes: false,
  },
  'metrics-server': {
    name: 'metrics-server',
    purpose: 'The resource metrics API the HorizontalPodAutoscaler reads (EKS community add-on).',
    namespace: 'kube-system',
    versionSource:
      'https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html (community add-on; upstream v0.8.1: https://github.com/kubernetes-sigs/metrics-server/releases/tag/v0.8.1; the -eksbuild suffix could not be read offline), 2026-12-01',
    footprint: { replicas: { count: 1, cpuMillicores: 100, memoryMiB: 200 } },
    footprintSource:
      'https://github.com/kubernetes-sigs/metrics-server/blob/master/charts/metrics-server/values.yaml (replicas 1, requests 100m / 200Mi), 2026-12-01',
    beforeNodes: false,
  },
};

/** Add-ons per EKS mode: Auto Mode runs networking, kube-proxy, DNS, Pod Identity and block storage itself. */
export const EKS_MANAGED_ADDONS_BY_MODE: Readonly<Record<'managed-node-groups' | 'auto', readonly EksManagedAddonName[]>> = {
  'managed-node-groups': ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns', 'aws-ebs-csi-driver', 'metrics-server'],
  // https://docs.aws.amazon.com/eks/latest/userguide/automode.html (2026-11): metrics-server is not built in.
  auto: ['metrics-server'],
};

/** The pinned version of an add-on for the spec's Kubernetes minor; throws for a minor without a row (validation reports it first). */
export function eksAddonVersion(kubernetesVersion: string, addon: EksManagedAddonName): string {
  const row = EKS_ADDON_VERSIONS[kubernetesVersion];
  if (!row) throw new Error(`no pinned EKS add-on versions for Kubernetes ${kubernetesVersion}`);
  return row[addon];
}

/** A spec whose Kubernetes minor has no pinned add-on row is refused before synthesis. */
export function validateEksAddonVersions(spec: ResolvedAppSpec): ValidationProblem[] {
  const version = spec.cluster.kubernetesVersion;
  if (EKS_ADDON_VERSIONS[version]) return [];
  return [
    {
      path: 'cluster.kubernetesVersion',
      value: version,
      requirement: `must be a minor the EKS target pins add-on versions for: ${Object.keys(EKS_ADDON_VERSIONS).join(', ')}`,
    },
  ];
}
