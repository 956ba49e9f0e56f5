import { createHash } from 'crypto';
import { Testing } from 'cdktf';
import type { ClusterSpec } from '../../../src/spec/cluster-spec';
import { KOPS_BOOTSTRAP_TAGS, KOPS_STATE_KEYS } from '../../../src/targets/kops/kops-defaults';
import { KMS_USE_ACTIONS } from '../../../src/targets/kops/kops-kms-key';
import { KopsStack } from '../../../src/targets/kops/kops-stack';
import { TEST_NOW, exampleSpec, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthKops(cluster: Partial<ClusterSpec> = {}) {
  const spec = withCluster(cluster);
  const stack = new KopsStack(Testing.app(), { spec, options: { now: TEST_NOW } });
  return synthTerraform(stack).json;
}

type Statement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  principals?: Array<{ type: string; identifiers: string[] }>;
  condition?: Array<{ test: string; variable: string; values: string[] }>;
};
const documents = (json: any) => Object.entries(json.data.aws_iam_policy_document as Record<string, { statement: Statement[] }>);
const documentOf = (json: any, prefix: string) => documents(json).find(([id]) => id.startsWith(prefix))![1].statement;
const bySid = (statements: Statement[], sid: string) => statements.find((s) => s.sid === sid)!;
/** `${aws_x.Logical_Id_ABCD1234.attr}` -> `aws_x.Logical_Id` */
const refOf = (value: string) => /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+?)(_[0-9A-F]{8})?\.[a-z_]+\}$/.exec(value)?.[1];

/** Read-only by the IAM naming convention: Describe*, List*, Get*, BatchGet*, BatchCheck*. */
const isReadOnly = (action: string) => /^[a-z0-9-]+:(Describe|List|Get|BatchGet|BatchCheck)/.test(action);

describe('kops security defaults', () => {
  const json = synthKops();
  const lab = synthKops({ lab: { owner: 'ana', ttlHours: 2 } });

  test('no identity or bucket policy grants a write action on * without a condition', () => {
    const identityAndBucketPolicies = documents(json).filter(([id]) => !id.startsWith('ClusterKey_'));
    expect(identityAndBucketPolicies.length).toBeGreaterThanOrEqual(4);
    const offenders = identityAndBucketPolicies.flatMap(([id, doc]) =>
      doc.statement
        .filter((s) => (s.effect ?? 'Allow') === 'Allow' && (s.resources ?? []).includes('*') && (s.condition ?? []).length === 0)
        .flatMap((s) => (s.actions ?? []).filter((a) => !isReadOnly(a)).map((a) => `${id}/${s.sid}: ${a}`)),
    );
    expect(offenders).toEqual([]);
  });

  test('the scan would catch an unconditioned write on *', () => {
    const statement: Statement = { effect: 'Allow', actions: ['ec2:CreateTags', 'ec2:DescribeTags'], resources: ['*'] };
    expect((statement.actions ?? []).filter((a) => !isReadOnly(a))).toEqual(['ec2:CreateTags']);
  });

  describe('control-plane policy after kops IAM model', () => {
    const cp = documentOf(json, 'Roles_ControlPlane_InlinePolicyDocument');

    test('writes are limited to resources and requests tagged for this cluster', () => {
      expect(bySid(cp, 'WriteResourcesOfThisCluster').condition).toEqual([
        { test: 'StringEquals', variable: 'aws:ResourceTag/kubernetes.io/cluster/orquesta-demo', values: ['owned'] },
      ]);
      expect(bySid(cp, 'WriteResourcesOfThisCluster').actions).toEqual(
        expect.arrayContaining(['ec2:DeleteVolume', 'elasticloadbalancing:DeleteLoadBalancer', 'autoscaling:SetDesiredCapacity']),
      );
      expect(bySid(cp, 'CreateOnlyTaggedForThisCluster')).toEqual(
        expect.objectContaining({
          actions: expect.arrayContaining(['ec2:CreateVolume', 'elasticloadbalancing:CreateLoadBalancer']),
          condition: [{ test: 'StringEquals', variable: 'aws:RequestTag/kubernetes.io/cluster/orquesta-demo', values: ['owned'] }],
        }),
      );
    });

    test('ec2:CreateTags only together with a create action, or on owned resources without touching the cluster tag', () => {
      const tagging = cp.filter((s) => s.actions!.includes('ec2:CreateTags'));
      expect(tagging.map((s) => s.sid).sort()).toEqual(['RetagOwnedResourcesWithoutTheClusterTag', 'TagOnlyWhileCreating']);
      expect(bySid(cp, 'TagOnlyWhileCreating').condition).toEqual(
        expect.arrayContaining([{ test: 'StringEquals', variable: 'ec2:CreateAction', values: ['CreateSecurityGroup', 'CreateVolume'] }]),
      );
      expect(bySid(cp, 'RetagOwnedResourcesWithoutTheClusterTag').condition).toEqual(
        expect.arrayContaining([{ test: 'Null', variable: 'aws:RequestTag/kubernetes.io/cluster/orquesta-demo', values: ['true'] }]),
      );
      for (const s of tagging) expect(s.resources!.every((r) => /:ec2:us-east-1:\*:(security-group|volume)\/\*$/.test(r))).toBe(true);
    });

    test('iam:CreateServiceLinkedRole only for Elastic Load Balancing; KMS only on the cluster key', () => {
      const slr = cp.filter((s) => s.actions!.some((a) => a.startsWith('iam:')));
      expect(slr).toHaveLength(1);
      expect(slr[0].condition).toEqual([
        { test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['elasticloadbalancing.amazonaws.com'] },
      ]);
      const kms = cp.filter((s) => s.actions!.some((a) => a.startsWith('kms:')));
      expect(kms.length).toBeGreaterThan(0);
      for (const s of kms) expect(s.resources!.map(refOf)).toEqual(['aws_kms_key.ClusterKey']);
    });

    test('the SSM agent (upgrade, restore) is bound to credentials used inside the cluster VPC', () => {
      expect(bySid(cp, 'RunCommandAgentFromThisVpc').condition).toEqual([
        { test: 'StringEquals', variable: 'aws:ec2InstanceSourceVPC', values: [expect.stringMatching(/^\$\{aws_vpc\./)] },
      ]);
    });
  });

  describe('customer-managed key', () => {
    const key = resourcesOfType(json, 'aws_kms_key')[0];
    const keyPolicy = documentOf(json, 'ClusterKey_PolicyDocument');

    test('rotated, with a policy that lets the account root administer but not use it', () => {
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
      expect(resourcesOfType(lab, 'aws_kms_key')[0].deletion_window_in_days).toBe(7);
      expect(resourcesOfType(json, 'aws_kms_key_policy')[0].key_id).toMatch(/aws_kms_key\.ClusterKey_/);
      const admin = bySid(keyPolicy, 'AccountRootAdministersOnly');
      expect(admin.principals![0].identifiers[0]).toMatch(
        /^arn:\$\{data\.aws_partition\..*\}:iam::\$\{element\(split\(":", aws_iam_role\.Roles_ControlPlane_.*\.arn\), 4\)\}:root$/,
      );
      expect(admin.actions!.some((a) => ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:*'].includes(a))).toBe(false);
    });

    test('only the control-plane and admin roles use it directly; the account only through EC2', () => {
      const users = bySid(keyPolicy, 'ClusterRolesUseTheKey');
      expect(users.actions).toEqual([...KMS_USE_ACTIONS]);
      expect(users.principals![0].identifiers.map(refOf).sort()).toEqual(['aws_iam_role.AdminRole', 'aws_iam_role.Roles_ControlPlane']);
      const viaEc2 = bySid(keyPolicy, 'AccountCreatesEncryptedVolumesThroughEc2Only');
      expect(viaEc2.condition).toEqual([{ test: 'StringEquals', variable: 'kms:ViaService', values: ['ec2.us-east-1.amazonaws.com'] }]);
    });

    test('encrypts the etcd volumes', () => {
      const volumes = resourcesOfType(json, 'aws_ebs_volume');
      expect(volumes).toHaveLength(6);
      for (const v of volumes) expect(refOf(v.kms_key_id)).toBe('aws_kms_key.ClusterKey');
    });
  });

  describe('state bucket policy', () => {
    const policy = documentOf(json, 'StateBucket_PolicyDocument');

    test('denies control-plane/ and etcd-backups/ to every principal but the control-plane and admin roles', () => {
      const deny = bySid(policy, 'ClusterSecretsOnlyForControlPlaneAndAdmin');
      expect(deny).toEqual(expect.objectContaining({ effect: 'Deny', actions: ['s3:*'], principals: [{ type: '*', identifiers: ['*'] }] }));
      expect(deny.resources!.map((r) => r.replace(/^\$\{[^}]*\}/, ''))).toEqual(['/control-plane/*', '/etcd-backups/*']);
      expect(deny.condition![0].test).toBe('ArnNotEquals');
      expect(deny.condition![0].variable).toBe('aws:PrincipalArn');
      expect(deny.condition![0].values.map(refOf).sort()).toEqual(['aws_iam_role.AdminRole', 'aws_iam_role.Roles_ControlPlane']);
    });

    test('the join exchange admits the worker role too; TLS only', () => {
      const join = bySid(policy, 'JoinExchangeOnlyForClusterRoles');
      expect(join.resources!.map((r) => r.replace(/^\$\{[^}]*\}/, ''))).toEqual(['/join-requests/*', '/nodes/join/*']);
      expect(join.condition![0].values.map(refOf)).toContain('aws_iam_role.Roles_Nodes');
      expect(bySid(policy, 'DenyInsecureTransport').condition).toEqual([
        { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
      ]);
    });

    test('a lab bucket still lets terraform destroy delete the protected objects', () => {
      const deny = bySid(documentOf(lab, 'StateBucket_PolicyDocument'), 'ClusterSecretsOnlyForControlPlaneAndAdmin');
      expect(deny.actions).toBeUndefined();
      expect(deny.not_actions).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion']);
    });

    test('nothing regenerable is kept: no certificate key, no long-lived join credentials', () => {
      expect(Object.values(KOPS_STATE_KEYS)).not.toEqual(expect.arrayContaining([expect.stringMatching(/certificate-key|join\.env$/)]));
    });
  });

  test('an admin role the account can grant, with read access to the protected prefixes only', () => {
    const role = resourcesOfType(json, 'aws_iam_role').find((r) => r.name === 'orquesta-demo-kops-admin')!;
    expect(role.max_session_duration).toBe(3600);
    const trust = documentOf(json, 'AdminRole_AssumeRolePolicy');
    expect(trust[0].principals![0].identifiers[0]).toMatch(/:root$/);
    const inline = documentOf(json, 'AdminRole_InlinePolicyDocument');
    expect(inline.flatMap((s) => s.actions).sort()).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
    ]);
    expect(json.output.admin_role_arn.value).toMatch(/aws_iam_role\.AdminRole/);
  });

  test('the user data verifies its role index against the tag, and each index lists its objects with their real hashes', () => {
    const objects = resourcesOfType(json, 'aws_s3_object');
    const byKey = Object.fromEntries(objects.map((o) => [o.key as string, o.content as string]));
    const indexed = (indexKey: string) => {
      const lines = byKey[indexKey]
        .trim()
        .split('\n')
        .map((l) => l.split('  '));
      for (const [sum, key] of lines) expect(createHash('sha256').update(byKey[key]).digest('hex')).toBe(sum);
      return lines.map(([, key]) => key).sort();
    };
    const indexes = ['bootstrap/control-plane.SHA256SUMS', 'bootstrap/node.SHA256SUMS'];
    expect(indexed(indexes[0])).toEqual(
      Object.keys(byKey)
        .filter((k) => !indexes.includes(k))
        .sort(),
    );
    // Workers verify only what they run, so an add-on or version change leaves their launch template alone.
    expect(indexed(indexes[1])).toEqual([KOPS_STATE_KEYS.nodeLibrary, KOPS_STATE_KEYS.nodeScript].sort());
    const groups = Object.entries(json.resource.aws_launch_template as Record<string, any>);
    expect(groups).toHaveLength(4);
    for (const [id, template] of groups) {
      const index = id.startsWith('ControlPlane') ? indexes[0] : indexes[1];
      const instance = template.tag_specifications.find((s: any) => s.resource_type === 'instance');
      expect(instance.tags[KOPS_BOOTSTRAP_TAGS.bootstrapSha256]).toBe(createHash('sha256').update(byKey[index]).digest('hex'));
      const script = Buffer.from(template.user_data, 'base64').toString('utf8');
      expect(script).toContain(`"s3://$bucket/${index}"`);
      expect(script).toContain('sha256sum -c --quiet - || {');
      expect(script).toContain(`Name=key,Values=${KOPS_BOOTSTRAP_TAGS.bootstrapSha256}`);
    }
  });

  test('an add-on change reaches the control-plane launch templates only', () => {
    const other = synthKops({ kops: { controlPlaneCount: 3, apiAccessCidrs: ['203.0.113.0/24'] } });
    const monitoringOff = new KopsStack(Testing.app(), {
      spec: exampleSpec({ workload: { monitoring: { type: 'none' } } }),
      options: { now: TEST_NOW },
    });
    const off = synthTerraform(monitoringOff).json;
    const tag = (j: any, prefix: string) =>
      Object.entries(j.resource.aws_launch_template as Record<string, any>)
        .filter(([id]) => id.startsWith(prefix))
        .map(([, t]) => t.tag_specifications.find((s: any) => s.resource_type === 'instance').tags[KOPS_BOOTSTRAP_TAGS.bootstrapSha256]);
    expect(tag(off, 'Nodes-')).toEqual(tag(other, 'Nodes-'));
    expect(tag(off, 'ControlPlane')).not.toEqual(tag(other, 'ControlPlane'));
  });

  test('worker groups carry the cluster-autoscaler discovery tags; the group bounds are the pool bounds', () => {
    const { resource } = json;
    const workers = Object.entries(resource.aws_autoscaling_group as Record<string, any>).filter(([id]) => id.startsWith('Nodes-'));
    expect(workers).toHaveLength(1);
    const [, asg] = workers[0];
    const tags = Object.fromEntries((asg.tag as Array<{ key: string; value: string }>).map((t) => [t.key, t.value]));
    expect(tags).toEqual(
      expect.objectContaining({
        'k8s.io/cluster-autoscaler/enabled': 'true',
        'k8s.io/cluster-autoscaler/orquesta-demo': 'owned',
        'kubernetes.io/cluster/orquesta-demo': 'owned',
        'k8s.io/cluster-autoscaler/node-template/label/orquesta.dev/pool': 'apps',
      }),
    );
    const pool = withCluster({}).cluster.nodePools[0];
    expect([asg.min_size, asg.max_size]).toEqual([pool.minNodes, pool.maxNodes]);
  });

  test('an internal NLB in the private subnets for the nodes, the internet-facing one in the public subnets', () => {
    const lbs = Object.fromEntries(
      Object.entries(json.resource.aws_lb as Record<string, any>).map(([id, lb]) => [id.replace(/_[0-9A-F]{8}$/, ''), lb]),
    );
    const subnets = json.resource.aws_subnet as Record<string, any>;
    const kind = (refs: string[]) => [
      ...new Set(refs.map((r) => subnets[/aws_subnet\.([^.]+)\./.exec(r)![1]].tags.Name.includes('private'))),
    ];
    expect(lbs.InternalApiLoadBalancer.internal).toBe(true);
    expect(kind(lbs.InternalApiLoadBalancer.subnets)).toEqual([true]);
    expect(lbs.ApiLoadBalancer.internal).toBe(false);
    expect(kind(lbs.ApiLoadBalancer.subnets)).toEqual([false]);
  });
});
