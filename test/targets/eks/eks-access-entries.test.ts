import { Testing } from 'cdktf';
import { EKS_OFFLINE_PLAN_DEPLOYER_ARN } from '../../../src/targets/eks/eks-defaults';
import { EksTarget } from '../../../src/targets/eks/eks-target';
import { resourcesOfType, withCluster } from '../../util';
import { ref, resourceNamed, synthEks } from './eks-test-util';

Testing.setupJest();

const CLUSTER_ADMIN = 'arn:${data.aws_partition.Partition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

describe('EKS access entries', () => {
  test('the deploying identity is found through aws_caller_identity and aws_iam_session_context, and made cluster admin', () => {
    const { json } = synthEks();
    const session = Object.values(json.data.aws_iam_session_context as Record<string, any>)[0];
    expect(session.arn).toMatch(/^\$\{data\.aws_caller_identity\.[A-Za-z0-9_]+\.arn\}$/);
    const entry = resourceNamed(json, 'aws_eks_access_entry', 'Deployer');
    expect(entry).toEqual(
      expect.objectContaining({
        principal_arn: expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[A-Za-z0-9_]+\.issuer_arn\}$/),
        type: 'STANDARD',
        cluster_name: ref('aws_eks_cluster', 'Cluster'),
      }),
    );
    expect(resourceNamed(json, 'aws_eks_access_policy_association', 'DeployerClusterAdmin')).toEqual(
      expect.objectContaining({
        policy_arn: CLUSTER_ADMIN,
        principal_arn: ref('aws_eks_access_entry', 'DeployerEntry'),
        access_scope: { type: 'cluster' },
      }),
    );
  });

  test('under offlinePlan a fixed fake principal stands in for the deployer (no STS call)', () => {
    const { json } = synthEks({}, { offlinePlan: true });
    expect(json.data.aws_caller_identity).toBeUndefined();
    expect(resourceNamed(json, 'aws_eks_access_entry', 'Deployer').principal_arn).toBe(EKS_OFFLINE_PLAN_DEPLOYER_ARN);
    expect(EKS_OFFLINE_PLAN_DEPLOYER_ARN).toMatch(/^arn:aws:iam::123456789012:role\//);
  });

  test('every cluster.eks.adminPrincipalArns entry gets its own access entry and cluster-admin association', () => {
    const admins = ['arn:aws:iam::111122223333:role/platform-admins', 'arn:aws:iam::111122223333:user/ana'];
    const { json } = synthEks({ eks: { adminPrincipalArns: admins } }, { offlinePlan: true });
    const entries = resourcesOfType(json, 'aws_eks_access_entry').map((e) => e.principal_arn);
    expect(entries.sort()).toEqual([...admins, EKS_OFFLINE_PLAN_DEPLOYER_ARN].sort());
    const associations = resourcesOfType(json, 'aws_eks_access_policy_association');
    expect(associations).toHaveLength(3);
    for (const a of associations) expect(a.policy_arn).toBe(CLUSTER_ADMIN);
  });

  test('the cluster grants nothing outside access entries', () => {
    const { json } = synthEks();
    expect(resourcesOfType(json, 'aws_eks_cluster')[0].access_config).toEqual({
      authentication_mode: 'API',
      bootstrap_cluster_creator_admin_permissions: false,
    });
  });

  test('a repeated admin principal is refused before synthesis, with its index', () => {
    const arn = 'arn:aws:iam::111122223333:role/platform-admins';
    expect(new EksTarget().validate(withCluster({ eks: { adminPrincipalArns: [arn, arn] } }))).toEqual([
      {
        path: 'cluster.eks.adminPrincipalArns[1]',
        value: arn,
        requirement: 'must not repeat an ARN (EKS allows one access entry per principal)',
      },
    ]);
  });
});
