import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Testing } from 'cdktf';
import type { ClusterSpec } from '../../../src/spec/cluster-spec';
import { commonTags } from '../../../src/targets/common/common-tags';
import { AWS_INSTANCE_CATALOG } from '../../../src/targets/eks/instance-types';
import { KOPS_BOOTSTRAP_TAGS, KOPS_ETCD_VOLUME, KOPS_STATE_KEYS } from '../../../src/targets/kops/kops-defaults';
import { KopsStack } from '../../../src/targets/kops/kops-stack';
import { fromUserData } from '../../../src/targets/kops/user-data/shell';
import { TEST_NOW, expectAwsTagCoverage, resourcesOfType, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

function synthKops(cluster: Partial<ClusterSpec> = {}) {
  const spec = withCluster(cluster);
  const stack = new KopsStack(Testing.app(), { spec, options: { now: TEST_NOW } });
  return { spec, stack, ...synthTerraform(stack) };
}

type Json = ReturnType<typeof synthKops>['json'];
const byId = (json: Json, type: string) => Object.entries(json.resource[type] ?? {}) as Array<[string, Record<string, any>]>;
/** The logical id a `${type.id.attr}` reference points to. */
const refId = (reference: string) => /^\$\{[a-z0-9_]+\.([A-Za-z0-9_-]+)\./.exec(reference)?.[1];

/** Control-plane ASGs with the zone of their one subnet, in member order. */
function controlPlaneGroups(json: Json) {
  const subnets = Object.fromEntries(byId(json, 'aws_subnet'));
  return byId(json, 'aws_autoscaling_group')
    .filter(([id]) => id.startsWith('ControlPlane_'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, asg]) => ({
      id,
      asg,
      zones: (asg.vpc_zone_identifier as string[]).map((s) => subnets[refId(s)!].availability_zone as string),
    }));
}

describe('KopsStack', () => {
  const base = synthKops();

  test.each([
    [1, 'single', 1],
    [3, 'ha', 3],
  ] as const)('controlPlaneCount %i: that many ASGs of exactly one instance and two etcd volumes each', (count, controlPlane, expected) => {
    const { json } = synthKops({ controlPlane, kops: { controlPlaneCount: count } });
    const groups = controlPlaneGroups(json);
    expect(groups).toHaveLength(expected);
    for (const { asg } of groups) {
      expect([asg.min_size, asg.desired_capacity, asg.max_size]).toEqual([1, 1, 1]);
      expect(asg.target_group_arns).toEqual([
        expect.stringContaining('aws_lb_target_group.ApiLoadBalancer_TargetGroup'),
        expect.stringContaining('aws_lb_target_group.InternalApiLoadBalancer_TargetGroup'),
      ]);
      expect(asg.health_check_type).toBe('EC2');
    }
    const volumes = resourcesOfType(json, 'aws_ebs_volume');
    expect(volumes).toHaveLength(2 * expected);
    expect(volumes.map((v) => `${v.tags['orquesta.dev/etcd']}-${v.tags['orquesta.dev/etcd-member']}`).sort()).toEqual(
      Array.from({ length: expected }, (_, i) => [`events-${i}`, `main-${i}`])
        .flat()
        .sort(),
    );
  });

  test('three members are spread one per zone, each pinned to its zone, with its etcd volumes in that zone', () => {
    const groups = controlPlaneGroups(base.json);
    expect(groups.map((g) => g.zones)).toEqual([['us-east-1a'], ['us-east-1b'], ['us-east-1c']]);
    for (const volume of resourcesOfType(base.json, 'aws_ebs_volume')) {
      const member = Number(volume.tags['orquesta.dev/etcd-member']);
      expect(volume.availability_zone).toBe(groups[member].zones[0]);
    }
  });

  test.each([1, 2, 3])('%i zone(s): worker groups span every zone, members round-robin over them', (zones) => {
    const { json } = synthKops({ zones });
    expect(resourcesOfType(json, 'aws_subnet')).toHaveLength(2 * zones);
    const workers = byId(json, 'aws_autoscaling_group').filter(([id]) => id.startsWith('Nodes-'));
    expect(workers).toHaveLength(1);
    expect(workers[0][1].vpc_zone_identifier).toHaveLength(zones);
    expect(controlPlaneGroups(json).map((g) => g.zones[0])).toEqual(
      [0, 1, 2].map((i) => ['us-east-1a', 'us-east-1b', 'us-east-1c'][i % zones]),
    );
  });

  test('worker group sizes and instance types come from each pool', () => {
    const { json } = synthKops({
      nodePools: [
        { name: 'apps', sizeClass: 'small', minNodes: 2, desiredNodes: 3, maxNodes: 5 },
        { name: 'batch', sizeClass: 'large', minNodes: 0, desiredNodes: 1, maxNodes: 4 },
      ],
    });
    const templates = Object.fromEntries(byId(json, 'aws_launch_template'));
    const workers = byId(json, 'aws_autoscaling_group').filter(([id]) => id.startsWith('Nodes-'));
    const shapes = workers.map(([, asg]) => [
      String(asg.name ?? asg.name_prefix).replace(/-$/, ''),
      asg.min_size,
      asg.desired_capacity,
      asg.max_size,
      templates[refId(asg.launch_template.id)!].instance_type,
    ]);
    expect(shapes.sort()).toEqual([
      ['orquesta-demo-kops-nodes-apps', 2, 3, 5, AWS_INSTANCE_CATALOG.bySizeClass.small],
      ['orquesta-demo-kops-nodes-batch', 0, 1, 4, AWS_INSTANCE_CATALOG.bySizeClass.large],
    ]);
  });

  test('launch templates: IMDSv2 required with hop limit 1, encrypted gp3 root, AMI resolved from SSM at launch', () => {
    const templates = resourcesOfType(base.json, 'aws_launch_template');
    expect(templates).toHaveLength(4);
    for (const template of templates) {
      expect(template.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
      expect(template.block_device_mappings).toEqual([
        expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3' }) }),
      ]);
      expect(template.image_id).toBe(`resolve:ssm:${base.spec.cluster.kops.amiSsmParameter}`);
      expect(fromUserData(template.user_data)).toMatch(/^#!\/bin\/bash\n/);
    }
    expect(base.json.data.aws_ssm_parameter).toBeUndefined();
    expect(base.json.data.aws_ami).toBeUndefined();
  });

  test('etcd volumes are encrypted gp3 of kops size', () => {
    for (const volume of resourcesOfType(base.json, 'aws_ebs_volume')) {
      expect(volume).toEqual(expect.objectContaining({ encrypted: true, type: 'gp3', size: KOPS_ETCD_VOLUME.sizeGiB }));
    }
  });

  test('instances learn the bucket, the internal and public API endpoints and the worker role id from their tags, and carry the cloud-provider cluster tag', () => {
    for (const template of resourcesOfType(base.json, 'aws_launch_template')) {
      const instance = template.tag_specifications.find((s: any) => s.resource_type === 'instance');
      expect(instance.tags).toEqual(
        expect.objectContaining({
          [KOPS_BOOTSTRAP_TAGS.stateBucket]: expect.stringContaining('aws_s3_bucket.StateBucket'),
          [KOPS_BOOTSTRAP_TAGS.apiEndpoint]: expect.stringMatching(/^\$\{aws_lb\.InternalApiLoadBalancer_/),
          [KOPS_BOOTSTRAP_TAGS.publicApiEndpoint]: expect.stringMatching(/^\$\{aws_lb\.ApiLoadBalancer_/),
          [KOPS_BOOTSTRAP_TAGS.nodesRoleId]: expect.stringMatching(/^\$\{aws_iam_role\.Roles_Nodes_.*\.unique_id\}$/),
          [KOPS_BOOTSTRAP_TAGS.bootstrapSha256]: expect.stringMatching(/^[0-9a-f]{64}$/),
          'kubernetes.io/cluster/orquesta-demo': 'owned',
        }),
      );
    }
  });

  test('an internet-facing NLB listens on TCP 443 behind a security group, and forwards to the API servers on 443', () => {
    expect(base.text).toHaveResourceWithProperties(Lb, {
      load_balancer_type: 'network',
      internal: false,
      security_groups: [expect.stringContaining('SecurityGroups_ApiLoadBalancer')],
      enable_cross_zone_load_balancing: true,
    });
    expect(base.text).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'TCP' });
    expect(base.text).toHaveResourceWithProperties(LbTargetGroup, {
      port: 443,
      protocol: 'TCP',
      preserve_client_ip: 'false',
      health_check: expect.objectContaining({ protocol: 'HTTPS', path: '/readyz' }),
    });
  });

  describe('security groups', () => {
    const ingress = (json: Json) => resourcesOfType(json, 'aws_vpc_security_group_ingress_rule');
    const groupOf = (rule: Record<string, any>) => refId(rule.security_group_id);

    test('nothing admits SSH, and nothing but the API load balancer admits an address range', () => {
      expect(ingress(base.json).length).toBeGreaterThan(10);
      for (const rule of ingress(base.json)) {
        const ports = rule.from_port === undefined ? [] : [rule.from_port, rule.to_port];
        expect(ports.length === 0 || !(ports[0] <= 22 && 22 <= ports[1])).toBe(true);
        if (rule.cidr_ipv4 !== undefined) expect(groupOf(rule)).toMatch(/^SecurityGroups_ApiLoadBalancer/);
        expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
      }
    });

    test.each([[['203.0.113.0/24']], [['198.51.100.0/24', '192.0.2.0/28']]])(
      'the public API load balancer admits 443 from apiAccessCidrs %j only (nodes do not come through NAT)',
      (apiAccessCidrs) => {
        const { json } = synthKops({ kops: { apiAccessCidrs } });
        const rules = ingress(json).filter((r) => groupOf(r)?.startsWith('SecurityGroups_ApiLoadBalancer'));
        expect(rules.every((r) => r.from_port === 443 && r.to_port === 443 && r.ip_protocol === 'tcp')).toBe(true);
        expect(rules.map((r) => r.cidr_ipv4)).toEqual(apiAccessCidrs);
      },
    );

    test('the internal API load balancer admits 443 from the nodes and the control plane only', () => {
      const rules = ingress(base.json).filter((r) => groupOf(r)?.startsWith('SecurityGroups_InternalApiLoadBalancer'));
      expect(rules.map((r) => refId(r.referenced_security_group_id)!.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
        'SecurityGroups_ControlPlane',
        'SecurityGroups_Nodes',
      ]);
      expect(rules.every((r) => r.from_port === 443 && r.cidr_ipv4 === undefined)).toBe(true);
    });

    test('etcd only between control-plane nodes; kubelet only from the control plane', () => {
      const etcd = ingress(base.json).filter((r) => r.from_port === 2379);
      expect(etcd).toHaveLength(1);
      expect(etcd[0].to_port).toBe(2380);
      expect(groupOf(etcd[0])).toMatch(/^SecurityGroups_ControlPlane/);
      expect(refId(etcd[0].referenced_security_group_id)).toMatch(/^SecurityGroups_ControlPlane/);
      for (const rule of ingress(base.json).filter((r) => r.from_port === 10250)) {
        expect(refId(rule.referenced_security_group_id)).toMatch(/^SecurityGroups_ControlPlane/);
      }
    });

    test('Calico traffic (IP-in-IP and BGP) flows between all nodes', () => {
      const cni = ingress(base.json).filter((r) => r.ip_protocol === '4' || r.from_port === 179);
      expect(cni).toHaveLength(8);
    });
  });

  describe('state bucket', () => {
    test('versioned, encrypted with the cluster key, closed to the public, owner-enforced, TLS only', () => {
      const bucketRef = expect.stringContaining('aws_s3_bucket.StateBucket');
      expect(resourcesOfType(base.json, 'aws_s3_bucket_versioning')[0]).toEqual(
        expect.objectContaining({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } }),
      );
      expect(resourcesOfType(base.json, 'aws_s3_bucket_server_side_encryption_configuration')[0].rule).toEqual([
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.ClusterKey_/),
          },
          bucket_key_enabled: true,
        },
      ]);
      expect(base.text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(resourcesOfType(base.json, 'aws_s3_bucket_ownership_controls')[0].rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
      const policy = Object.entries(base.json.data.aws_iam_policy_document as Record<string, any>).find(([id]) =>
        id.startsWith('StateBucket_PolicyDocument'),
      )![1];
      expect(policy.statement[0]).toEqual(
        expect.objectContaining({ effect: 'Deny', condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }),
      );
    });

    test.each([
      [undefined, false],
      [{ owner: 'ana' }, true],
    ])('lab %j: force_destroy %s', (lab, forceDestroy) => {
      const { json } = synthKops(lab ? { lab } : {});
      expect(resourcesOfType(json, 'aws_s3_bucket')[0]).toEqual(
        expect.objectContaining({ bucket_prefix: 'orquesta-demo-state-', force_destroy: forceDestroy }),
      );
    });

    test('holds the bootstrap scripts, the add-on manifests and their sha256 index, SSE-S3 so workers can read them', () => {
      const objects = resourcesOfType(base.json, 'aws_s3_object');
      expect(objects.map((o) => o.key).sort()).toEqual(
        [
          KOPS_STATE_KEYS.nodeLibrary,
          KOPS_STATE_KEYS.controlPlaneScript,
          KOPS_STATE_KEYS.nodeScript,
          KOPS_STATE_KEYS.cloudControllerManifest,
          'bootstrap/control-plane.SHA256SUMS',
          'bootstrap/node.SHA256SUMS',
          'bootstrap/addons/aws-ebs-csi-driver.yaml',
          'bootstrap/addons/cluster-autoscaler.yaml',
          'bootstrap/addons/metrics-server.yaml',
          'bootstrap/addons/prometheus.yaml',
        ].sort(),
      );
      expect(objects.every((o) => o.server_side_encryption === 'AES256')).toBe(true);
      for (const [, asg] of byId(base.json, 'aws_autoscaling_group')) {
        expect(asg.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_object\./)]));
      }
    });
  });

  describe('instance roles', () => {
    const inline = (json: Json, role: 'ControlPlane' | 'Nodes') =>
      Object.entries(json.data.aws_iam_policy_document as Record<string, any>).find(([id]) =>
        id.startsWith(`Roles_${role}_InlinePolicyDocument`),
      )![1].statement as Array<Record<string, any>>;

    test('workers may read their tags and bootstrap/, request and read only their own join token, and pull from ECR', () => {
      const statements = inline(base.json, 'Nodes');
      const s3 = statements
        .filter((s) => (s.actions as string[]).some((a) => a.startsWith('s3:')))
        .map((s) => [s.actions.join(','), (s.resources as string[]).map((r) => r.replace(/^\$\{[^}]*\}\//, ''))]);
      expect(s3).toEqual([
        ['s3:GetObject', ['bootstrap/*', 'nodes/kubernetes-version']],
        ['s3:PutObject', ['join-requests/&{aws:userid}']],
        ['s3:GetObject,s3:DeleteObject', ['nodes/join/&{aws:userid}/*']],
      ]);
      const others = statements.flatMap((s) => s.actions as string[]).filter((a) => !a.startsWith('s3:'));
      expect(others.every((a) => a === 'ec2:DescribeTags' || a.startsWith('ecr:'))).toBe(true);
    });

    test('the control plane may attach volumes only of this cluster', () => {
      const attach = inline(base.json, 'ControlPlane').find((s) => s.sid === 'AttachEtcdVolumesOfThisCluster')!;
      expect(attach.actions).toEqual(['ec2:AttachVolume']);
      expect(attach.condition).toEqual([{ test: 'StringEquals', variable: 'aws:ResourceTag/orquesta-cluster', values: ['orquesta-demo'] }]);
      const all = inline(base.json, 'ControlPlane').flatMap((s) => s.actions as string[]);
      for (const forbidden of [
        'ec2:CreateRoute',
        'ec2:DeleteRoute',
        'iam:PassRole',
        'iam:CreateRole',
        's3:DeleteBucket',
        'kms:ScheduleKeyDeletion',
      ]) {
        expect(all).not.toContain(forbidden);
      }
      const deletes = inline(base.json, 'ControlPlane').filter((s) => s.actions.includes('s3:DeleteObject'));
      expect(deletes.flatMap((s) => s.resources as string[]).map((r) => r.replace(/^.*\}\//, ''))).toEqual([
        'join-requests/*',
        'nodes/join/*',
        'control-plane/issued-tokens/*',
      ]);
    });
  });

  test('every taggable resource carries the common tags; a lab adds owner and expiry', () => {
    expectAwsTagCoverage(base.json, commonTags(base.spec, 'kops', TEST_NOW));
    const lab = synthKops({ lab: { owner: 'ana', ttlHours: 2 } });
    const tags = commonTags(lab.spec, 'kops', TEST_NOW);
    expect(tags['orquesta-expires-at']).toBe('2026-11-22t12-00z');
    expectAwsTagCoverage(lab.json, tags);
  });

  test('outputs are named <resource>_<attribute> and described', () => {
    const outputs = base.json.output;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'cluster_name',
        'cluster_endpoint',
        'cluster_region',
        'kubeconfig_command',
        'state_bucket_name',
        'api_load_balancer_dns_name',
      ]),
    );
    for (const [name, output] of Object.entries(outputs)) {
      expect(name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(output.description?.length).toBeGreaterThan(10);
    }
    // A session of the admin role for the one download: the bucket policy admits no one else.
    expect(outputs.kubeconfig_command.value).toMatch(
      /^env \$\(aws sts assume-role --role-arn \$\{aws_iam_role\.AdminRole_[A-Za-z0-9]+\.arn\} --role-session-name orquesta-kubeconfig .*\) aws s3 cp s3:\/\/\$\{aws_s3_bucket\.StateBucket_[A-Za-z0-9]+\.bucket\}\/control-plane\/admin\.conf \.\/orquesta-demo\.kubeconfig$/,
    );
    const command = String(outputs.kubeconfig_command.value).replace(/\$\{[^}]*\}/g, 'X');
    // Run against a stub `aws`: the download sees the role session's credentials.
    const bin = mkdtempSync(join(tmpdir(), 'orquesta-aws-'));
    writeFileSync(
      join(bin, 'aws'),
      '#!/bin/bash\nif [ "$1" = sts ]; then printf "AKIAEXAMPLE\\tSECRET\\tTOKEN\\n"; else echo "$AWS_ACCESS_KEY_ID $AWS_SESSION_TOKEN $*"; fi\n',
      { mode: 0o755 },
    );
    const ran = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(ran.stdout).toBe('AKIAEXAMPLE TOKEN s3 cp s3://X/control-plane/admin.conf ./orquesta-demo.kubeconfig\n');
    expect(outputs.cluster_endpoint.value).toMatch(/^https:\/\/\$\{aws_lb\.ApiLoadBalancer_[A-Za-z0-9]+\.dns_name\}$/);
  });

  test('no data source needs AWS credentials at plan time', () => {
    expect(Object.keys(base.json.data).sort()).toEqual(['aws_iam_policy_document', 'aws_partition']);
  });
});
