import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformStack, Testing } from 'cdktf';
import {
  AWS_FLOW_LOG_RETENTION_DAYS,
  AwsNetwork,
  type AwsNetworkProps,
  awsZoneNames,
  cidrSubnet,
} from '../../../src/targets/common/aws/aws-network';
import { resourcesOfType, synthTerraform } from '../../util';

Testing.setupJest();

function synthNetwork(overrides: Partial<AwsNetworkProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'network');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new AwsNetwork(stack, 'Network', {
    clusterName: 'demo',
    region: 'eu-west-1',
    zones: 3,
    natGateways: 'per-zone',
    ...overrides,
  });
  return { network, ...synthTerraform(stack) };
}

/** The default network, synthesized once for the tests that only read it. */
let defaultNetwork: ReturnType<typeof synthNetwork> | undefined;
const theDefaultNetwork = () => (defaultNetwork ??= synthNetwork());

/** `[first, last]` address of an IPv4 CIDR as integers. */
function range(cidr: string): [number, number] {
  const [address, prefix] = cidr.split('/');
  const start = address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  return [start, start + 2 ** (32 - Number(prefix)) - 1];
}

describe('cidrSubnet', () => {
  test.each([
    ['10.0.0.0/16', 4, 0, '10.0.0.0/20'],
    ['10.0.0.0/16', 4, 2, '10.0.32.0/20'],
    ['10.0.0.0/16', 8, 240, '10.0.240.0/24'],
    ['172.16.0.0/12', 4, 15, '172.31.0.0/16'],
    ['10.1.2.3/16', 8, 1, '10.1.1.0/24'],
  ])('cidrSubnet(%s, %i, %i) is %s', (base, newBits, netNum, expected) => {
    expect(cidrSubnet(base, newBits, netNum)).toBe(expected);
  });

  test('refuses a network number that does not fit', () => {
    expect(() => cidrSubnet('10.0.0.0/16', 4, 16)).toThrow('network number 16 does not fit in 4 bits');
    expect(() => cidrSubnet('10.0.0.0/30', 4, 0)).toThrow("'10.0.0.0/30' has no room for 4 more bits");
  });
});

describe('AwsNetwork', () => {
  test.each([1, 2, 3])('%i zone(s): one public and one private subnet per zone, named from the region', (zones) => {
    const { json } = synthNetwork({ zones });
    const subnets = resourcesOfType(json, 'aws_subnet');
    expect(subnets).toHaveLength(2 * zones);
    const expectedZones = awsZoneNames('eu-west-1', zones);
    expect(expectedZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].slice(0, zones));
    const publicZones = subnets.filter((s) => s.tags['kubernetes.io/role/elb'] === '1').map((s) => s.availability_zone);
    const privateZones = subnets.filter((s) => s.tags['kubernetes.io/role/internal-elb'] === '1').map((s) => s.availability_zone);
    expect(publicZones.sort()).toEqual(expectedZones);
    expect(privateZones.sort()).toEqual(expectedZones);
    // No data source looks zones up: a plan needs no credentials.
    expect(json.data?.aws_availability_zones).toBeUndefined();
  });

  test('subnets do not overlap and lie inside the VPC block', () => {
    const { json } = theDefaultNetwork();
    const [vpcStart, vpcEnd] = range(resourcesOfType(json, 'aws_vpc')[0].cidr_block);
    const ranges = resourcesOfType(json, 'aws_subnet').map((s) => range(s.cidr_block));
    for (const [start, end] of ranges) {
      expect(start).toBeGreaterThanOrEqual(vpcStart);
      expect(end).toBeLessThanOrEqual(vpcEnd);
    }
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    sorted.slice(1).forEach(([start], i) => expect(start).toBeGreaterThan(sorted[i][1]));
  });

  test('subnets carry the load-balancer discovery tags and the shared cluster tag', () => {
    const { text } = theDefaultNetwork();
    expect(text).toHaveResourceWithProperties(Subnet, {
      tags: expect.objectContaining({ 'kubernetes.io/role/elb': '1', 'kubernetes.io/cluster/demo': 'shared' }),
    });
    expect(text).toHaveResourceWithProperties(Subnet, {
      tags: expect.objectContaining({ 'kubernetes.io/role/internal-elb': '1', 'kubernetes.io/cluster/demo': 'shared' }),
      map_public_ip_on_launch: false,
    });
  });

  test.each([
    ['per-zone', 3, 3],
    ['single', 3, 1],
    ['per-zone', 2, 2],
    ['single', 1, 1],
  ] as const)('natGateways %s with %i zones: %i NAT gateway(s) with an Elastic IP each', (natGateways, zones, expected) => {
    const { json, text } = synthNetwork({ natGateways, zones });
    expect(resourcesOfType(json, 'aws_nat_gateway')).toHaveLength(expected);
    expect(resourcesOfType(json, 'aws_eip')).toHaveLength(expected);
    expect(text).toHaveResourceWithProperties(NatGateway, { subnet_id: expect.stringContaining('PublicSubnet0') });
  });

  test('per-zone NAT: each private route table routes through its own zone gateway; single: all through the first', () => {
    const natIds = (json: ReturnType<typeof synthNetwork>['json']) =>
      Object.entries(json.resource.aws_route)
        .filter(([id]) => id.includes('PrivateDefaultRoute'))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, route]) => route.nat_gateway_id as string);
    const perZone = natIds(synthNetwork({ natGateways: 'per-zone' }).json);
    expect(perZone).toEqual([0, 1, 2].map((i) => expect.stringContaining(`NatGateway${i}`)));
    const single = natIds(synthNetwork({ natGateways: 'single' }).json);
    expect(single).toEqual([0, 1, 2].map(() => expect.stringContaining('NatGateway0')));
  });

  test('the S3 gateway endpoint serves every private route table', () => {
    const { json } = theDefaultNetwork();
    const [endpoint] = resourcesOfType(json, 'aws_vpc_endpoint');
    expect(endpoint.service_name).toBe('com.amazonaws.eu-west-1.s3');
    expect(endpoint.vpc_endpoint_type).toBe('Gateway');
    expect(endpoint.route_table_ids).toHaveLength(3);
  });

  test('explicit zone names are used as given', () => {
    const { json } = synthNetwork({ zones: 2, availabilityZones: ['eu-west-1b', 'eu-west-1c'] });
    const zones = new Set(resourcesOfType(json, 'aws_subnet').map((s) => s.availability_zone));
    expect([...zones].sort()).toEqual(['eu-west-1b', 'eu-west-1c']);
  });

  test('invalid props are reported together, with the construct path', () => {
    expect(() => synthNetwork({ zones: 4, cidrBlock: '10.0.0.0/24' })).toThrow(
      /2 problems in the spec \(at network\/Network\):\n {2}- zones \(4\) must be an integer in 1\.\.3\n {2}- cidrBlock \("10\.0\.0\.0\/24"\) must be an IPv4 CIDR block from \/16 to \/20/,
    );
    expect(() => synthNetwork({ zones: 2, availabilityZones: ['eu-west-1a'] })).toThrow(
      'availabilityZones (["eu-west-1a"]) must name exactly \'zones\' (2) zones',
    );
  });

  test('the default security group is managed with no rules at all (deny everything)', () => {
    const { json } = theDefaultNetwork();
    const [group] = resourcesOfType(json, 'aws_default_security_group');
    expect(group.vpc_id).toMatch(/^\$\{aws_vpc\.Network_[A-Za-z0-9]+\.id\}$/);
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  test('flow logs: every flow of the VPC to a CloudWatch log group with a retention, delivered by a role scoped to it', () => {
    const { json } = theDefaultNetwork();
    const [flowLog] = resourcesOfType(json, 'aws_flow_log');
    expect(flowLog).toEqual(
      expect.objectContaining({
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.Network_FlowLogGroup_[A-Za-z0-9]+\.arn\}$/),
        iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.Network_FlowLogRole_/),
        vpc_id: expect.stringMatching(/^\$\{aws_vpc\.Network_/),
        max_aggregation_interval: 600,
      }),
    );
    expect(resourcesOfType(json, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({ name: '/aws/vpc/flow-logs/demo', retention_in_days: AWS_FLOW_LOG_RETENTION_DAYS }),
    ]);
    const docs = json.data.aws_iam_policy_document as Record<string, any>;
    const trust = Object.entries(docs).find(([id]) => id.startsWith('Network_FlowLogRole_AssumeRolePolicy'))![1].statement[0];
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }]);
    expect(trust.condition).toEqual([{ test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:ec2:eu-west-1:*:vpc-flow-log/*'] }]);
    const inline = Object.entries(docs).find(([id]) => id.startsWith('Network_FlowLogRole_InlinePolicyDocument'))![1].statement;
    const writes = inline.find((st: any) => st.actions.includes('logs:PutLogEvents'));
    expect(writes.resources).toEqual([expect.stringContaining('FlowLogGroup'), expect.stringMatching(/FlowLogGroup.*:\*$/)]);
    expect(inline.filter((st: any) => st.resources.includes('*')).flatMap((st: any) => st.actions)).toEqual(['logs:DescribeLogGroups']);
    // The flow log waits for its role's permissions.
    expect(flowLog.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.Network_FlowLogRole_InlinePolicy/)]);
  });

  test('namePrefix keeps two stacks of one cluster name apart; the retention is configurable', () => {
    const { json } = synthNetwork({ namePrefix: 'demo-eks', flowLogRetentionDays: 30 });
    expect(resourcesOfType(json, 'aws_cloudwatch_log_group')[0]).toEqual(
      expect.objectContaining({ name: '/aws/vpc/flow-logs/demo-eks', retention_in_days: 30 }),
    );
    expect(resourcesOfType(json, 'aws_iam_role').map((r) => r.name)).toEqual(['demo-eks-vpc-flow-logs']);
  });

  test('a retention CloudWatch does not accept is refused with the allowed values', () => {
    expect(() => synthNetwork({ flowLogRetentionDays: 45 })).toThrow(
      /flowLogRetentionDays \(45\) must be one of the retention values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90/,
    );
  });
});
