import type { ClusterTarget, InfraOutputs } from '../../src/targets/cluster-target';
import type { PlatformAddon } from '../../src/targets/platform-addon';

/**
 * A target that returns the given add-ons instead of its own (target owners fill the real lists),
 * so install order and commands are tested for every delivery kind.
 */
export function withAddons(target: ClusterTarget, addons: (outputs: InfraOutputs) => readonly PlatformAddon[]): ClusterTarget {
  const stub: ClusterTarget = Object.create(target);
  return Object.assign(stub, { platformAddons: (_spec: unknown, outputs: InfraOutputs) => addons(outputs) });
}

const footprint = { replicas: { count: 2, cpuMillicores: 100, memoryMiB: 128 } };

/** One add-on of each delivery, in the order a target would list them; values use a stack output. */
export function fakeAddons(outputs: InfraOutputs): PlatformAddon[] {
  return [
    {
      delivery: 'terraform',
      name: 'aws-ebs-csi-driver',
      purpose: 'EBS volumes for PersistentVolumeClaims',
      version: 'v1.0.0-eksbuild.1',
      source: 'test fixture',
      namespace: 'kube-system',
      footprint: { perNode: { cpuMillicores: 10, memoryMiB: 40 } },
      address: 'aws_eks_addon.EbsCsi',
    },
    {
      delivery: 'helm',
      name: 'aws-load-balancer-controller',
      purpose: 'NLBs for LoadBalancer Services and ALBs for Ingresses',
      version: '1.0.0',
      source: 'test fixture',
      namespace: 'kube-system',
      footprint,
      repository: 'https://charts.example.test/eks',
      chart: 'aws-load-balancer-controller',
      values: { clusterName: outputs.cluster_name ?? '<cluster_name>', replicaCount: 2 },
    },
    {
      delivery: 'helm',
      name: 'karpenter',
      purpose: 'node autoscaling within each pool',
      version: '1.0.0',
      source: 'test fixture',
      namespace: 'karpenter',
      footprint,
      repository: 'oci://registry.example.test/karpenter',
      chart: 'karpenter',
      values: {},
    },
    {
      delivery: 'manifests',
      name: 'metrics-server',
      purpose: 'resource metrics for the HPA',
      version: 'v0.0.1',
      source: 'test fixture',
      namespace: 'metrics',
      footprint,
      objects: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: 'metrics' } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'metrics-server', namespace: 'metrics' } },
      ],
    },
  ];
}
