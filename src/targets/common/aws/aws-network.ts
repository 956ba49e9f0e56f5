import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import type { NatMode } from '../../../spec/cluster-spec';
import { ProblemList } from '../../../spec/validation-error';
import { AWS_VPC_CIDR } from '../network-cidrs';
import { AwsIamRole } from './aws-iam-role';
import { AWS_NAME_LIMITS, boundedName } from './aws-names';

/** Zone letters used for `${region}a`, `${region}b`, ...: the spec allows at most three zones. */
const ZONE_LETTERS = ['a', 'b', 'c'] as const;

/**
 * Subnet plan inside the VPC block (a /16 by default):
 * - private subnets are the first /20s (`newBits` 4): 4,091 usable addresses per zone, since the
 *   VPC CNI gives every EKS pod a VPC address (eksctl's per-zone private subnets are /19s of a
 *   /16 for the same reason: https://eksctl.io/usage/vpc-configuration/, 2026-11);
 * - public subnets only hold NAT gateways and load balancer nodes, so /24s (`newBits` 8) taken
 *   from the last /20 (index 240 and up) are plenty.
 */
const PRIVATE_SUBNET_NEW_BITS = 4;
const PUBLIC_SUBNET_NEW_BITS = 8;
const PUBLIC_SUBNET_FIRST_INDEX = 240;
/** The smallest VPC block the plan fits in: a /20 leaves /24 private and /28 public subnets (AWS's minimum subnet is a /28). */
const MAX_VPC_PREFIX = 20;
const MIN_VPC_PREFIX = 16;

/**
 * VPC flow logs kept 90 days in CloudWatch Logs: long enough for an incident review that starts
 * weeks after the fact, the same window as the EKS control-plane logs. CIS AWS Foundations asks for
 * flow logs on every VPC (control 3.9 / checkov CKV2_AWS_11), not a retention; 90 days is a
 * common floor. Labs pass a shorter value.
 */
export const AWS_FLOW_LOG_RETENTION_DAYS = 90;

/**
 * Retention values CloudWatch Logs accepts (days),
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html (2026-11).
 */
const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Flow-log records are aggregated over 10 minutes (the AWS default; 1 minute costs six times the
 * records): https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html (2026-11).
 */
const FLOW_LOG_AGGREGATION_SECONDS = 600;

export interface AwsNetworkProps {
  /** Cluster name: prefixes the `Name` tags and names the `kubernetes.io/cluster/<name>` subnet tag. */
  readonly clusterName: string;
  readonly region: string;
  /** Number of availability zones to spread over, 1-3. */
  readonly zones: number;
  /** One NAT gateway per zone ('per-zone', survives a zone loss) or one shared gateway ('single', cheaper). */
  readonly natGateways: NatMode;
  /**
   * IPv4 block of the VPC, a /16 to /20.
   * @default AWS_VPC_CIDR ('10.0.0.0/16'), the block the NetworkPolicies of the AWS targets assume
   */
  readonly cidrBlock?: string;
  /**
   * Availability-zone names, one per zone. Zone names are fixed strings (no `aws_availability_zones`
   * data source), so a plan needs no credentials. Override for a region whose zone letters do not
   * start at `a` for your account.
   * @default - `${region}a`, `${region}b`, `${region}c`, the first `zones` of them
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Prefix of the account-wide names this construct creates (the flow-log IAM role and log group),
   * so two stacks of one spec (eks and kops) in one account do not collide, e.g. `<cluster>-eks`.
   * @default - the cluster name
   */
  readonly namePrefix?: string;
  /**
   * Days CloudWatch Logs keeps the VPC flow logs; one of the values CloudWatch accepts.
   * @default AWS_FLOW_LOG_RETENTION_DAYS (90)
   */
  readonly flowLogRetentionDays?: number;
  /**
   * AWS partition for ARNs in the flow-log role's trust condition.
   * @default 'aws'
   */
  readonly partition?: string;
}

/**
 * The VPC of the AWS targets: per zone a public and a private subnet, an internet gateway, NAT
 * gateway(s) with Elastic IPs, one private route table per zone (so each zone can use its own NAT
 * gateway), and a free S3 gateway endpoint so image layers from ECR (served from S3) and state
 * bucket traffic do not pay NAT data processing.
 *
 * Subnets carry the tags the AWS Load Balancer Controller and the AWS cloud provider use to pick
 * subnets: `kubernetes.io/role/elb` on public, `kubernetes.io/role/internal-elb` on private, and
 * `kubernetes.io/cluster/<name>=shared` on both
 * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/subnet_discovery/, 2026-11).
 *
 * Security defaults: the VPC's default security group is managed and emptied
 * (`aws_default_security_group` without rules removes AWS's allow-all-from-itself and allow-all-out
 * rules, so anything launched without an explicit group gets no traffic: checkov CKV2_AWS_12), and
 * every flow (accepted and rejected) is logged to a CloudWatch log group with a retention, delivered
 * by an IAM role that may write to that log group only. The log group uses CloudWatch's own
 * encryption; a customer-managed KMS key is an opt-in a user adds (it costs a key per month).
 */
export class AwsNetwork extends Construct {
  public readonly vpc: Vpc;
  public readonly internetGateway: InternetGateway;
  /** One per zone, in zone order. */
  public readonly publicSubnets: readonly Subnet[];
  /** One per zone, in zone order; nodes and the EKS control plane's network interfaces live here. */
  public readonly privateSubnets: readonly Subnet[];
  /** One per zone ('per-zone') or one in the first zone ('single'). */
  public readonly natGateways: readonly NatGateway[];
  /** The Elastic IPs of the NAT gateways: the addresses the nodes' internet traffic comes from. */
  public readonly natEips: readonly Eip[];
  /** One per zone, in zone order. */
  public readonly privateRouteTables: readonly RouteTable[];
  public readonly availabilityZones: readonly string[];
  public readonly cidrBlock: string;
  /** The VPC's default security group, with every rule removed. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  public readonly flowLog: FlowLog;
  public readonly flowLogGroup: CloudwatchLogGroup;
  public readonly flowLogRole: AwsIamRole;

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    this.cidrBlock = props.cidrBlock ?? AWS_VPC_CIDR;
    this.availabilityZones = props.availabilityZones ?? awsZoneNames(props.region, props.zones);
    const flowLogRetentionDays = props.flowLogRetentionDays ?? AWS_FLOW_LOG_RETENTION_DAYS;
    validateProps(props, this.cidrBlock, this.availabilityZones, flowLogRetentionDays).throwIfAny(this.node.path);

    const name = props.clusterName;
    const clusterTag = { [`kubernetes.io/cluster/${name}`]: 'shared' };

    this.vpc = new Vpc(this, 'Resource', {
      cidrBlock: this.cidrBlock,
      // Both are required by EKS and by private DNS names of nodes (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html, 2026-11).
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${name}-vpc` },
    });

    this.internetGateway = new InternetGateway(this, 'InternetGateway', {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-igw` },
    });

    this.publicSubnets = this.availabilityZones.map(
      (zone, i) =>
        new Subnet(this, `PublicSubnet${i}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: cidrSubnet(this.cidrBlock, PUBLIC_SUBNET_NEW_BITS, PUBLIC_SUBNET_FIRST_INDEX + i),
          // Nothing launched here needs a public address of its own: NAT gateways and load balancers bring theirs.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-public-${zone}`, 'kubernetes.io/role/elb': '1', ...clusterTag },
        }),
    );

    this.privateSubnets = this.availabilityZones.map(
      (zone, i) =>
        new Subnet(this, `PrivateSubnet${i}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: cidrSubnet(this.cidrBlock, PRIVATE_SUBNET_NEW_BITS, i),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${zone}`, 'kubernetes.io/role/internal-elb': '1', ...clusterTag },
        }),
    );

    const publicRouteTable = new RouteTable(this, 'PublicRouteTable', {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-public` },
    });
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.publicSubnets.forEach(
      (subnet, i) =>
        new RouteTableAssociation(this, `PublicRouteTableAssociation${i}`, {
          subnetId: subnet.id,
          routeTableId: publicRouteTable.id,
        }),
    );

    const natCount = props.natGateways === 'per-zone' ? this.availabilityZones.length : 1;
    const nats = this.availabilityZones.slice(0, natCount).map((zone, i) => {
      const eip = new Eip(this, `NatEip${i}`, {
        domain: 'vpc',
        tags: { Name: `${name}-nat-${zone}` },
        dependsOn: [this.internetGateway],
      });
      const gateway = new NatGateway(this, `NatGateway${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: { Name: `${name}-nat-${zone}` },
        dependsOn: [this.internetGateway],
      });
      return { eip, gateway };
    });
    this.natEips = nats.map((n) => n.eip);
    this.natGateways = nats.map((n) => n.gateway);

    this.privateRouteTables = this.availabilityZones.map((zone, i) => {
      const table = new RouteTable(this, `PrivateRouteTable${i}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${name}-private-${zone}` },
      });
      new Route(this, `PrivateDefaultRoute${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        // With one shared gateway every zone routes through the first zone's: losing that zone cuts egress for all.
        natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
      });
      new RouteTableAssociation(this, `PrivateRouteTableAssociation${i}`, {
        subnetId: this.privateSubnets[i].id,
        routeTableId: table.id,
      });
      return table;
    });

    // Gateway endpoints are free (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html, 2026-11).
    new VpcEndpoint(this, 'S3Endpoint', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: this.privateRouteTables.map((t) => t.id),
      tags: { Name: `${name}-s3` },
    });

    // No ingress and no egress blocks: Terraform adopts the default group and removes its rules.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-default-deny-all` },
    });

    const prefix = props.namePrefix ?? name;
    const partition = props.partition ?? 'aws';
    this.flowLogGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: `/aws/vpc/flow-logs/${prefix}`,
      retentionInDays: flowLogRetentionDays,
    });
    // The delivery role AWS documents (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html, 2026-11),
    // narrowed to this log group, with the confused-deputy condition on the flow-log ARN.
    this.flowLogRole = new AwsIamRole(this, 'FlowLogRole', {
      name: boundedName(`${prefix}-vpc-flow-logs`, AWS_NAME_LIMITS.iamRole),
      description: `Delivers the VPC flow logs of ${name} to CloudWatch Logs`,
      trust: {
        type: 'service',
        service: 'vpc-flow-logs.amazonaws.com',
        sourceArnLike: `arn:${partition}:ec2:${props.region}:*:vpc-flow-log/*`,
      },
      inlineStatements: [
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
        },
        { effect: 'Allow', actions: ['logs:DescribeLogGroups'], resources: ['*'] },
      ],
    });
    this.flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: this.flowLogRole.arn,
      maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
      tags: { Name: `${name}-flow-logs` },
      dependsOn: [...this.flowLogRole.grants],
    });
  }
}

/** `us-east-1` and 2 -> `['us-east-1a', 'us-east-1b']`. */
export function awsZoneNames(region: string, zones: number): string[] {
  return ZONE_LETTERS.slice(0, zones).map((letter) => `${region}${letter}`);
}

/**
 * Terraform's `cidrsubnet` for IPv4, computed at synthesis so subnet ranges are literal in the
 * output and visible to tests and reviewers: `cidrSubnet('10.0.0.0/16', 4, 2)` is `'10.0.32.0/20'`.
 */
export function cidrSubnet(base: string, newBits: number, netNum: number): string {
  const { address, prefix } = parseCidr(base);
  const newPrefix = prefix + newBits;
  if (newPrefix > 32) throw new Error(`cidrSubnet: '${base}' has no room for ${newBits} more bits`);
  if (!Number.isInteger(netNum) || netNum < 0 || netNum >= 2 ** newBits) {
    throw new Error(`cidrSubnet: network number ${netNum} does not fit in ${newBits} bits`);
  }
  const hostBits = 32 - prefix;
  const network = address - (address % 2 ** hostBits);
  return `${formatIpv4(network + netNum * 2 ** (32 - newPrefix))}/${newPrefix}`;
}

function parseCidr(cidr: string): { address: number; prefix: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || prefix > 32) throw new Error(`'${cidr}' is not an IPv4 CIDR block`);
  return { address: octets.reduce((acc, o) => acc * 256 + o, 0), prefix };
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

function validateProps(props: AwsNetworkProps, cidrBlock: string, zones: readonly string[], flowLogRetentionDays: number): ProblemList {
  const problems = new ProblemList();
  if (!CLOUDWATCH_RETENTION_DAYS.includes(flowLogRetentionDays)) {
    problems.add(
      'flowLogRetentionDays',
      flowLogRetentionDays,
      `must be one of the retention values CloudWatch Logs accepts: ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    );
  }
  if (!Number.isInteger(props.zones) || props.zones < 1 || props.zones > ZONE_LETTERS.length) {
    problems.add('zones', props.zones, `must be an integer in 1..${ZONE_LETTERS.length}`);
  }
  if (props.availabilityZones !== undefined && props.availabilityZones.length !== props.zones) {
    problems.add('availabilityZones', props.availabilityZones, `must name exactly 'zones' (${props.zones}) zones`);
  }
  if (new Set(zones).size !== zones.length) problems.add('availabilityZones', zones, 'must not repeat a zone');
  let prefix = NaN;
  try {
    prefix = parseCidr(cidrBlock).prefix;
  } catch {
    // reported below with the allowed range
  }
  if (!(prefix >= MIN_VPC_PREFIX && prefix <= MAX_VPC_PREFIX)) {
    problems.add('cidrBlock', cidrBlock, `must be an IPv4 CIDR block from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
  }
  return problems;
}
