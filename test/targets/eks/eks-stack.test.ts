import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { TerraformStack, Testing } from 'cdktf';
import { OFFLINE_PLAN_PROVIDER_SETTINGS } from '../../../src/targets/common/aws/aws-provider';
import { commonTags } from '../../../src/targets/common/common-tags';
import { EksCluster as EksClusterConstruct } from '../../../src/targets/eks/eks-cluster';
import { EKS_CLUSTER_LOG_TYPES, EKS_NODE_IMDS_HOP_LIMIT } from '../../../src/targets/eks/eks-defaults';
import { eksWorkloadRoleName } from '../../../src/targets/eks/eks-kubernetes';
import { AWS_INSTANCE_CATALOG } from '../../../src/targets/eks/instance-types';
import { TEST_NOW, expectAwsTagCoverage, resourcesOfType } from '../../util';
import { managedPolicies, policyDocument, ref, synthEks } from './eks-test-util';

Testing.setupJest();

describe('EksStack', () => {
  const base = synthEks();

  test('cluster: version from the spec, private subnets, both endpoints, public access limited to the spec CIDRs', () => {
    expect(base.text).toHaveResourceWithProperties(EksCluster, {
      name: 'orquesta-demo',
      version: base.spec.cluster.kubernetesVersion,
      vpc_config: expect.objectContaining({
        endpoint_private_access: true,
        endpoint_public_access: true,
        public_access_cidrs: ['203.0.113.0/24'],
        subnet_ids: [0, 1, 2].map((i) => ref('aws_subnet', `PrivateSubnet${i}`)),
      }),
      upgrade_policy: { support_type: 'STANDARD' },
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      bootstrap_self_managed_addons: false,
      enabled_cluster_log_types: [...EKS_CLUSTER_LOG_TYPES],
    });
    expect(EKS_CLUSTER_LOG_TYPES).toHaveLength(5);
    // Managed node groups: no Auto Mode capabilities.
    const [cluster] = resourcesOfType(base.json, 'aws_eks_cluster');
    expect(cluster.compute_config).toBeUndefined();
  });

  test.each([[['audit', 'authenticator']], [[]]] as const)('controlPlaneLogTypes %j drive enabled_cluster_log_types', (logTypes) => {
    const { json } = synthEks({ eks: { controlPlaneLogTypes: logTypes } });
    expect(resourcesOfType(json, 'aws_eks_cluster')[0].enabled_cluster_log_types).toEqual(logTypes);
  });

  test('the public endpoint is never open to the internet by default', () => {
    const [cluster] = resourcesOfType(base.json, 'aws_eks_cluster');
    expect(cluster.vpc_config.public_access_cidrs).not.toContain('0.0.0.0/0');
    expect(cluster.vpc_config.public_access_cidrs.length).toBeGreaterThan(0);
  });

  test.each([
    [['198.51.100.0/24', '192.0.2.10/32'], 'EXTENDED'],
    [['0.0.0.0/0'], 'STANDARD'],
  ] as const)('publicAccessCidrs %j and supportType %s pass through', (cidrs, supportType) => {
    const { json } = synthEks({ eks: { publicAccessCidrs: cidrs, supportType } });
    const [cluster] = resourcesOfType(json, 'aws_eks_cluster');
    expect(cluster.vpc_config.public_access_cidrs).toEqual(cidrs);
    expect(cluster.upgrade_policy.support_type).toBe(supportType);
  });

  test('Secrets are envelope-encrypted with a rotating customer-managed KMS key the cluster role may use', () => {
    expect(base.text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const [cluster] = resourcesOfType(base.json, 'aws_eks_cluster');
    expect(cluster.encryption_config).toEqual({ resources: ['secrets'], provider: { key_arn: ref('aws_kms_key', 'SecretsKey') } });
    const policy = Object.entries(base.json.data.aws_iam_policy_document as Record<string, any>).find(([id]) =>
      id.includes('SecretsKeyPolicy'),
    )![1];
    const forRole = policy.statement.filter((s: any) => s.principals[0].identifiers[0].includes('aws_iam_role.Cluster_Role'));
    expect(forRole.flatMap((s: any) => s.actions)).toEqual(
      expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant']),
    );
  });

  test('roles: the cluster and node roles hold AWS managed policies only, and the CNI policy is not on the node role', () => {
    expect(managedPolicies(base.json, 'Cluster_Role_')).toEqual(['AmazonEKSClusterPolicy']);
    expect(managedPolicies(base.json, 'NodeRole_')).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSWorkerNodePolicy']);
    const arns = resourcesOfType(base.json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn as string);
    for (const arn of arns) expect(arn).toMatch(/^arn:\$\{data\.aws_partition\.Partition\.partition\}:iam::aws:policy\//);
    // Inline policies only where no AWS managed policy exists: the two Helm controllers and flow-log delivery.
    expect(
      Object.keys(base.json.resource.aws_iam_role_policy).map((id) => id.split('_InlinePolicy')[0].replace(/_[A-Z0-9]{8}$/, '')),
    ).toEqual(
      expect.arrayContaining(['Controllers_ClusterAutoscalerRole', 'Controllers_LoadBalancerControllerRole', 'Network_FlowLogRole']),
    );
    expect(resourcesOfType(base.json, 'aws_iam_role_policy')).toHaveLength(3);
    expect(resourcesOfType(base.json, 'aws_iam_policy')).toHaveLength(0);
  });

  test('a managed node group per pool spans every zone, with sizes, instance type and pool label from the spec', () => {
    const pools = [
      { name: 'apps', sizeClass: 'medium', minNodes: 3, desiredNodes: 4, maxNodes: 9 },
      { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 3 },
    ] as const;
    const { json, text } = synthEks({ nodePools: pools });
    const groups = resourcesOfType(json, 'aws_eks_node_group');
    expect(groups).toHaveLength(2);
    for (const pool of pools) {
      expect(text).toHaveResourceWithProperties(EksNodeGroup, {
        node_group_name_prefix: `${pool.name}-`,
        instance_types: [AWS_INSTANCE_CATALOG.bySizeClass[pool.sizeClass]],
        scaling_config: { min_size: pool.minNodes, desired_size: pool.desiredNodes, max_size: pool.maxNodes },
        labels: { 'orquesta.dev/pool': pool.name },
        subnet_ids: [0, 1, 2].map((i) => ref('aws_subnet', `PrivateSubnet${i}`)),
        launch_template: { id: ref('aws_launch_template', pool.name), version: expect.stringContaining('latest_version') },
      });
    }
  });

  test('launch templates: encrypted gp3 root volume and IMDSv2 required with hop limit 1 (no pod reaches the node role)', () => {
    expect(base.text).toHaveResourceWithProperties(LaunchTemplate, {
      block_device_mappings: [expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3' }) })],
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: EKS_NODE_IMDS_HOP_LIMIT },
    });
    expect(EKS_NODE_IMDS_HOP_LIMIT).toBe(1);
  });

  test('the workload IRSA role trusts only the workload ServiceAccount, in the workload namespace, through the cluster OIDC provider', () => {
    const roles = resourcesOfType(base.json, 'aws_iam_role');
    expect(roles.map((r) => r.name)).toContain(eksWorkloadRoleName(base.spec));
    const [statement] = policyDocument(base.json, 'WorkloadRole_').statement;
    expect(statement.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement.principals).toEqual([{ type: 'Federated', identifiers: [ref('aws_iam_openid_connect_provider', 'OidcProvider')] }]);
    expect(statement.condition).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variable: expect.stringMatching(/:sub$/), values: ['system:serviceaccount:web-api:web-api'] }),
        expect.objectContaining({ variable: expect.stringMatching(/:aud$/), values: ['sts.amazonaws.com'] }),
      ]),
    );
    const [oidc] = resourcesOfType(base.json, 'aws_iam_openid_connect_provider');
    expect(oidc.url).toContain('identity[0].oidc[0].issuer');
    expect(oidc.client_id_list).toEqual(['sts.amazonaws.com']);
  });

  test('a workload namespace from the spec is the IRSA subject and named in the output', () => {
    const custom = synthEks({}, {}, { namespace: 'payments' });
    const [statement] = policyDocument(custom.json, 'WorkloadRole_').statement;
    expect(statement.condition).toEqual(
      expect.arrayContaining([expect.objectContaining({ values: ['system:serviceaccount:payments:web-api'] })]),
    );
    expect(custom.json.output.workload_role_arn.description).toContain('payments/web-api');
  });

  test.each([
    ['per-zone', 3, 3],
    ['single', 3, 1],
    ['per-zone', 2, 2],
  ] as const)('natGateways %s over %i zones: %i NAT gateway(s)', (natGateways, zones, expected) => {
    const { json } = synthEks({ natGateways, zones });
    expect(resourcesOfType(json, 'aws_nat_gateway')).toHaveLength(expected);
  });

  test.each([
    [1, 2, 1],
    [2, 2, 2],
    [3, 3, 3],
  ])('%i zone(s): control plane in %i private subnets (EKS needs two), nodes in %i', (zones, controlPlaneSubnets, nodeSubnets) => {
    const { json } = synthEks({ zones, controlPlane: zones === 1 ? 'single' : 'ha' });
    expect(resourcesOfType(json, 'aws_subnet')).toHaveLength(2 * controlPlaneSubnets);
    expect(resourcesOfType(json, 'aws_eks_cluster')[0].vpc_config.subnet_ids).toHaveLength(controlPlaneSubnets);
    expect(resourcesOfType(json, 'aws_eks_node_group')[0].subnet_ids).toHaveLength(nodeSubnets);
    // One node zone: one NAT gateway, whatever natGateways says.
    if (zones === 1) expect(resourcesOfType(json, 'aws_nat_gateway')).toHaveLength(1);
  });

  test('every taggable resource carries the common tags', () => {
    expectAwsTagCoverage(base.json, commonTags(base.spec, 'eks', TEST_NOW));
  });

  test('a lab adds owner and expiry tags everywhere and shortens retention windows', () => {
    const lab = synthEks({ lab: { owner: 'ana', ttlHours: 4 } });
    const tags = commonTags(lab.spec, 'eks', TEST_NOW);
    expect(tags).toEqual(
      expect.objectContaining({ 'orquesta-owner': 'ana', 'orquesta-lab': 'true', 'orquesta-expires-at': '2026-11-22t14-00z' }),
    );
    expectAwsTagCoverage(lab.json, tags);
    expect(resourcesOfType(lab.json, 'aws_kms_key')[0].deletion_window_in_days).toBe(7);
    // Both the control-plane and the VPC flow-log groups.
    expect(resourcesOfType(lab.json, 'aws_cloudwatch_log_group').map((g) => g.retention_in_days)).toEqual([7, 7]);
    expect(resourcesOfType(base.json, 'aws_cloudwatch_log_group')[0]).toEqual(
      expect.objectContaining({ name: '/aws/eks/orquesta-demo/cluster', retention_in_days: 90 }),
    );
  });

  test('offline plan settings are on the provider only when asked for', () => {
    const offline = synthEks({}, { offlinePlan: true });
    expect(offline.json.provider.aws[0]).toEqual(
      expect.objectContaining({
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: 'true',
        skip_region_validation: true,
        max_retries: 1,
      }),
    );
    for (const key of [
      'skip_credentials_validation',
      'skip_requesting_account_id',
      'skip_metadata_api_check',
      'skip_region_validation',
      'max_retries',
    ]) {
      expect(base.json.provider.aws[0]).not.toHaveProperty(key);
    }
    expect(Object.keys(OFFLINE_PLAN_PROVIDER_SETTINGS)).toHaveLength(5);
    expect(base.json.provider.aws[0].region).toBe('us-east-1');
  });

  test('under offlinePlan no data source needs AWS credentials; a real synth looks up the deploying identity', () => {
    const offline = synthEks({}, { offlinePlan: true });
    expect(Object.keys(offline.json.data).sort()).toEqual(['aws_iam_policy_document', 'aws_partition']);
    expect(Object.keys(base.json.data).sort()).toEqual([
      'aws_caller_identity',
      'aws_iam_policy_document',
      'aws_iam_session_context',
      'aws_partition',
    ]);
  });

  test('outputs are named <resource>_<attribute> and described', () => {
    const outputs = base.json.output;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['cluster_name', 'cluster_endpoint', 'cluster_region', 'kubeconfig_command', 'workload_role_arn']),
    );
    for (const [name, output] of Object.entries(outputs)) {
      expect(name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(output.description?.length).toBeGreaterThan(10);
    }
    expect(outputs.kubeconfig_command.value).toBe('aws eks update-kubeconfig --region us-east-1 --name orquesta-demo');
    expect(outputs.workload_role_arn.value).toEqual(ref('aws_iam_role', 'WorkloadRole'));
  });

  test('an empty public access list is refused rather than opened to 0.0.0.0/0 by EKS', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    expect(
      () =>
        new EksClusterConstruct(stack, 'Cluster', {
          name: 'x',
          kubernetesVersion: '1.35',
          subnetIds: ['a', 'b'],
          publicAccessCidrs: [],
          supportType: 'STANDARD',
          partition: 'aws',
        }),
    ).toThrow('publicAccessCidrs ([]) must list at least one CIDR (EKS would open an empty list to 0.0.0.0/0)');
  });
});
