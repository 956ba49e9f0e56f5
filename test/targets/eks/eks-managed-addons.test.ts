import { Testing } from 'cdktf';
import { EKS_POD_IDENTITY_SERVICE } from '../../../src/targets/common/aws/aws-iam-role';
import {
  EKS_ADDON_VERSIONS,
  EKS_MANAGED_ADDONS,
  type EksManagedAddonName,
  validateEksAddonVersions,
} from '../../../src/targets/eks/eks-managed-addon-catalog';
import { EksTarget } from '../../../src/targets/eks/eks-target';
import { resourcesOfType, withCluster } from '../../util';
import { managedPolicies, policyDocument, ref, synthEks } from './eks-test-util';

Testing.setupJest();

const ALL: readonly EksManagedAddonName[] = [
  'vpc-cni',
  'kube-proxy',
  'eks-pod-identity-agent',
  'coredns',
  'aws-ebs-csi-driver',
  'metrics-server',
];

describe('EKS managed add-ons (managed node groups)', () => {
  const base = synthEks();
  const addon = (name: EksManagedAddonName) => base.json.resource.aws_eks_addon[name.replace(/-/g, '_')];

  test('the six add-ons exist under fixed addresses, each pinned to the version of the cluster minor', () => {
    expect(Object.keys(base.json.resource.aws_eks_addon).sort()).toEqual(ALL.map((n) => n.replace(/-/g, '_')).sort());
    for (const name of ALL) {
      expect(addon(name)).toEqual(
        expect.objectContaining({
          addon_name: name,
          addon_version: EKS_ADDON_VERSIONS['1.35'][name],
          cluster_name: ref('aws_eks_cluster', 'Cluster'),
          resolve_conflicts_on_create: 'OVERWRITE',
          resolve_conflicts_on_update: 'OVERWRITE',
        }),
      );
      expect(addon(name).addon_version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    }
  });

  test("a Kubernetes minor bump moves every add-on to that minor's pinned row", () => {
    const next = synthEks({ kubernetesVersion: '1.36' });
    for (const name of ALL)
      expect(next.json.resource.aws_eks_addon[name.replace(/-/g, '_')].addon_version).toBe(EKS_ADDON_VERSIONS['1.36'][name]);
    expect(EKS_ADDON_VERSIONS['1.36']['kube-proxy']).toMatch(/^v1\.36\./);
  });

  test('vpc-cni enables the network-policy agent, so NetworkPolicies are enforced', () => {
    expect(JSON.parse(addon('vpc-cni').configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
  });

  test.each([
    ['vpc-cni', 'aws-node', 'VpcCniRole', ['AmazonEKS_CNI_Policy']],
    ['aws-ebs-csi-driver', 'ebs-csi-controller-sa', 'EbsCsiRole', ['service-role/AmazonEBSCSIDriverPolicy']],
  ] as const)('%s gets its own Pod Identity role for ServiceAccount %s', (name, serviceAccount, roleId, policies) => {
    expect(addon(name).pod_identity_association).toEqual([{ role_arn: ref('aws_iam_role', roleId), service_account: serviceAccount }]);
    const [trust] = policyDocument(base.json, `${name === 'vpc-cni' ? 'NodeAddons' : 'Addons'}_${roleId}_`).statement;
    expect(trust).toEqual(
      expect.objectContaining({
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: [EKS_POD_IDENTITY_SERVICE] }],
      }),
    );
    expect(EKS_POD_IDENTITY_SERVICE).toBe('pods.eks.amazonaws.com');
    expect(managedPolicies(base.json, `${name === 'vpc-cni' ? 'NodeAddons' : 'Addons'}_${roleId}_`)).toEqual([...policies]);
    // No IRSA: the add-on does not carry a service-account role.
    expect(addon(name).service_account_role_arn).toBeUndefined();
    // The pod identity agent must run before the add-on's pods ask it for credentials.
    expect(addon(name).depends_on).toContain('aws_eks_addon.eks_pod_identity_agent');
  });

  test('only vpc-cni and the EBS CSI driver call AWS: the other add-ons have no identity', () => {
    for (const name of ['kube-proxy', 'coredns', 'eks-pod-identity-agent', 'metrics-server'] as const) {
      expect(addon(name).pod_identity_association).toBeUndefined();
    }
  });

  test('node DaemonSets come before the node groups; what runs on nodes comes after them', () => {
    const [group] = resourcesOfType(base.json, 'aws_eks_node_group');
    expect(group.depends_on).toEqual(
      expect.arrayContaining(['aws_eks_addon.vpc_cni', 'aws_eks_addon.kube_proxy', 'aws_eks_addon.eks_pod_identity_agent']),
    );
    for (const name of ALL) {
      const afterNodes = (addon(name).depends_on ?? []).some((d: string) => d.startsWith('aws_eks_node_group.'));
      expect({ name, afterNodes }).toEqual({ name, afterNodes: !EKS_MANAGED_ADDONS[name].beforeNodes });
    }
  });

  test('Auto Mode installs metrics-server only (networking, DNS, Pod Identity and storage are built in)', () => {
    const auto = synthEks({ eks: { mode: 'auto' } });
    expect(Object.keys(auto.json.resource.aws_eks_addon)).toEqual(['metrics_server']);
  });

  test('every add-on documents its version source and the requests it reserves', () => {
    for (const name of ALL) {
      const info = EKS_MANAGED_ADDONS[name];
      expect(info.versionSource).toMatch(/^https:\/\/.+20\d\d-\d\d/);
      expect(info.footprintSource).toMatch(/https:\/\/.+20\d\d-\d\d/);
    }
    expect(EKS_MANAGED_ADDONS['vpc-cni'].footprint).toEqual({ perNode: { cpuMillicores: 25, memoryMiB: 0 } });
    expect(EKS_MANAGED_ADDONS.coredns.footprint).toEqual({ replicas: { count: 2, cpuMillicores: 100, memoryMiB: 70 } });
  });

  test('a Kubernetes minor without pinned add-on versions is refused with its path and the allowed minors', () => {
    const problems = validateEksAddonVersions(withCluster({ kubernetesVersion: '1.30' }));
    expect(problems).toEqual([
      {
        path: 'cluster.kubernetesVersion',
        value: '1.30',
        requirement: 'must be a minor the EKS target pins add-on versions for: 1.33, 1.34, 1.35, 1.36',
      },
    ]);
    expect(new EksTarget().validate(withCluster({ kubernetesVersion: '1.30' }))).toEqual(expect.arrayContaining(problems));
    expect(new EksTarget().validate(withCluster({}))).toEqual([]);
  });
});
