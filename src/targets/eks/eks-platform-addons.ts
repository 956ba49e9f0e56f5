import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { InfraOutputs } from '../cluster-target';
import type { HelmAddon, ManifestAddon, PlatformAddon, TerraformAddon } from '../platform-addon';
import { eksAutoModeObjects } from './eks-auto-mode';
import { EKS_SERVICE_ACCOUNTS } from './eks-defaults';
import { EKS_MANAGED_ADDONS, EKS_MANAGED_ADDONS_BY_MODE, eksAddonVersion } from './eks-managed-addon-catalog';
import { eksAddonLogicalId } from './eks-managed-addons';
import { eksPrometheusCollectorRbac } from './eks-managed-prometheus';

/**
 * The AWS Load Balancer Controller chart: 3.5.0 (app v3.5.0) from the eks-charts repository
 * (https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/helm/aws-load-balancer-controller/Chart.yaml, read 2026-12-01).
 * The chart sets no requests (`resources: {}`); the values below set the 100m / 128Mi its values
 * file suggests, for its default two replicas, and the footprint is exactly that.
 */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART = {
  repository: 'https://aws.github.io/eks-charts',
  chart: 'aws-load-balancer-controller',
  version: '3.5.0',
  source:
    'https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/helm/aws-load-balancer-controller/values.yaml (replicaCount 2; suggested requests 100m/128Mi), 2026-12-01',
  replicas: 2,
  requests: { cpuMillicores: 100, memoryMiB: 128 },
} as const;

/**
 * cluster-autoscaler chart 9.59.0 (https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-chart-9.59.0/charts/cluster-autoscaler/Chart.yaml,
 * read 2026-12-01), with the autoscaler image of the cluster's minor (the project releases one line
 * per Kubernetes minor and supports only that pairing: https://github.com/kubernetes/autoscaler/tree/master/cluster-autoscaler#releases).
 * Requests: the chart sets none; we set the 100m / 300Mi its values file suggests, one replica.
 */
export const CLUSTER_AUTOSCALER_CHART = {
  repository: 'https://kubernetes.github.io/autoscaler',
  chart: 'cluster-autoscaler',
  version: '9.59.0',
  source:
    'https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-chart-9.59.0/cluster-autoscaler/charts/cluster-autoscaler/values.yaml (replicaCount 1; suggested requests 100m/300Mi); image tags from the cluster-autoscaler-1.3x.y releases, 2026-12-01',
  replicas: 1,
  requests: { cpuMillicores: 100, memoryMiB: 300 },
  /** Latest patch release per Kubernetes minor (git tags cluster-autoscaler-<version>, read 2026-12-01). */
  imageTags: { '1.33': 'v1.33.6', '1.34': 'v1.34.5', '1.35': 'v1.35.2', '1.36': 'v1.36.1' } as Readonly<Record<string, string>>,
} as const;

/** What a Helm value that needs a stack output holds before `terraform apply` has produced it. */
export function outputPlaceholder(name: string): string {
  return `<terraform output ${name}>`;
}

/**
 * The add-ons an EKS cluster of this spec needs, in install order. Managed node groups: the EKS
 * managed add-ons (in the stack), then the AWS Load Balancer Controller and cluster-autoscaler as
 * Helm charts whose values carry region, VPC id and cluster name (nodes allow no pod to reach
 * IMDS). Auto Mode: metrics-server (in the stack) and the NodeClass/NodePools/IngressClass
 * manifests; load balancing, storage and node scaling are Auto Mode's own. With Prometheus
 * monitoring, the RBAC the managed collector needs (the workspace and collector are in the stack).
 */
export function eksPlatformAddons(spec: ResolvedAppSpec, outputs: InfraOutputs): PlatformAddon[] {
  const c = spec.cluster;
  const mode = c.eks.mode;
  const managed: TerraformAddon[] = EKS_MANAGED_ADDONS_BY_MODE[mode].map((name) => {
    const info = EKS_MANAGED_ADDONS[name];
    return {
      delivery: 'terraform',
      name,
      purpose: info.purpose,
      version: eksAddonVersion(c.kubernetesVersion, name),
      source: `${info.versionSource}; requests: ${info.footprintSource}`,
      namespace: info.namespace,
      footprint: info.footprint,
      address: `aws_eks_addon.${eksAddonLogicalId(name)}`,
    };
  });
  const addons: PlatformAddon[] = [...managed];
  if (mode === 'managed-node-groups') addons.push(loadBalancerController(spec, outputs), clusterAutoscaler(spec));
  else addons.push(autoModeNodePools(spec));
  if (spec.workload.monitoring.type === 'prometheus') addons.push(prometheusCollectorRbac());
  return addons;
}

/** A chart of ours: pinned version, repository, one ServiceAccount, and requests it runs with. */
interface PinnedChart {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly source: string;
  readonly replicas: number;
  readonly requests: { readonly cpuMillicores: number; readonly memoryMiB: number };
}

/** The common shape of a Helm add-on: the footprint is exactly the requests its values set. */
function helmAddon(name: string, purpose: string, chart: PinnedChart, namespace: string, values: Record<string, unknown>): HelmAddon {
  return {
    delivery: 'helm',
    name,
    purpose,
    version: chart.version,
    source: chart.source,
    namespace,
    footprint: { replicas: { count: chart.replicas, ...chart.requests } },
    repository: chart.repository,
    chart: chart.chart,
    values: {
      ...values,
      replicaCount: chart.replicas,
      resources: {
        requests: { cpu: `${chart.requests.cpuMillicores}m`, memory: `${chart.requests.memoryMiB}Mi` },
        limits: { memory: `${chart.requests.memoryMiB}Mi` },
      },
    },
  };
}

function loadBalancerController(spec: ResolvedAppSpec, outputs: InfraOutputs): HelmAddon {
  const sa = EKS_SERVICE_ACCOUNTS.loadBalancerController;
  return helmAddon(
    'aws-load-balancer-controller',
    "Creates the NLB of the workload's LoadBalancer Service and the ALB of its Ingress.",
    AWS_LOAD_BALANCER_CONTROLLER_CHART,
    sa.namespace,
    {
      clusterName: spec.cluster.name,
      region: spec.cluster.regions.aws,
      vpcId: outputs.vpc_id ?? outputPlaceholder('vpc_id'),
      // Credentials come from the Pod Identity association in the stack: no IRSA annotation.
      serviceAccount: { create: true, name: sa.name },
    },
  );
}

function clusterAutoscaler(spec: ResolvedAppSpec): HelmAddon {
  const chart = CLUSTER_AUTOSCALER_CHART;
  const sa = EKS_SERVICE_ACCOUNTS.clusterAutoscaler;
  const tag = chart.imageTags[spec.cluster.kubernetesVersion];
  if (!tag) throw new Error(`no cluster-autoscaler release pinned for Kubernetes ${spec.cluster.kubernetesVersion}`);
  return helmAddon(
    'cluster-autoscaler',
    "Adds and removes nodes within each pool's minNodes..maxNodes (the managed node groups' auto-scaling groups).",
    chart,
    sa.namespace,
    {
      cloudProvider: 'aws',
      awsRegion: spec.cluster.regions.aws,
      // Auto-discovery of the groups tagged k8s.io/cluster-autoscaler/<cluster>=owned; each group's
      // min and max are the pool's minNodes and maxNodes (scaling_config).
      autoDiscovery: { clusterName: spec.cluster.name },
      image: { tag },
      rbac: { serviceAccount: { create: true, name: sa.name } },
      extraArgs: { 'balance-similar-node-groups': true, expander: 'least-waste', 'skip-nodes-with-system-pods': false },
    },
  );
}

function autoModeNodePools(spec: ResolvedAppSpec): ManifestAddon {
  return {
    delivery: 'manifests',
    name: 'eks-auto-mode-node-pools',
    purpose:
      "The NodeClass and one NodePool per spec pool (instance type, capacity, zones, maxNodes as limits), network-policy enforcement and the 'alb' IngressClass of EKS Auto Mode.",
    version: 'karpenter.sh/v1, eks.amazonaws.com/v1',
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html and create-node-class.html, 2026-11',
    namespace: 'kube-system',
    footprint: {},
    objects: eksAutoModeObjects(spec),
  };
}

function prometheusCollectorRbac(): ManifestAddon {
  return {
    delivery: 'manifests',
    name: 'amp-collector-rbac',
    purpose: 'Lets the Amazon Managed Service for Prometheus collector discover and scrape the workload pods (read-only).',
    version: 'rbac.authorization.k8s.io/v1',
    source: 'https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-collector-how-to.html (cluster role for the scraper), 2026-11',
    namespace: 'kube-system',
    footprint: {},
    objects: eksPrometheusCollectorRbac(),
  };
}
