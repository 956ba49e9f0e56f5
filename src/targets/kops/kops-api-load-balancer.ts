import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';
import { AWS_NAME_LIMITS, boundedName } from '../common/aws/aws-names';
import { KOPS_API_PORT } from './kops-defaults';

/**
 * Health check of the API servers: HTTPS `/readyz`, which Kubernetes serves to anonymous callers
 * (the `system:public-info-viewer` role), every 10 s, 2 checks to change state (NLB's minimum),
 * so a failed API server leaves rotation in about 20 s.
 * https://kubernetes.io/docs/reference/using-api/health-checks/ ,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html (2026-11)
 */
const API_HEALTH_CHECK = { path: '/readyz', intervalSeconds: 10, threshold: 2 } as const;
/**
 * Seconds a deregistered API server keeps its open connections. NLB's default is 300
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#deregistration-delay, 2026-11);
 * orquesta's choice of 30 covers in-flight API requests, and watch clients reconnect on their own.
 */
const API_DEREGISTRATION_DELAY_SECONDS = 30;

export interface KopsApiLoadBalancerProps {
  readonly clusterName: string;
  readonly vpcId: string;
  /** Public subnets for the internet-facing load balancer, private ones for the internal; one per zone. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /**
   * An internal load balancer in the private subnets (kops' `api.internal.<cluster>`), which the
   * nodes use, instead of the internet-facing one for users.
   * @default false
   */
  readonly internal?: boolean;
}

/**
 * A Network Load Balancer in front of the API servers, TCP 443 to 443 (kops' `api.loadBalancer`):
 * internet-facing for users, or internal for the nodes. Control-plane auto-scaling groups register
 * their instances through `targetGroup.arn`. Access is restricted by the load balancer's security group.
 *
 * Client IP preservation is off: with it on, a control-plane node connecting to the load balancer
 * can be routed back to itself, and NLB drops such hairpin connections; off, targets see the load
 * balancer's address, which the control-plane security group admits by group.
 */
export class KopsApiLoadBalancer extends Construct {
  public readonly resource: Lb;
  public readonly targetGroup: LbTargetGroup;
  public readonly listener: LbListener;

  constructor(scope: Construct, id: string, props: KopsApiLoadBalancerProps) {
    super(scope, id);
    const name = `${props.clusterName}-kops-api${props.internal ? '-int' : ''}`;
    this.resource = new Lb(this, 'Resource', {
      name: boundedName(name, AWS_NAME_LIMITS.loadBalancer),
      loadBalancerType: 'network',
      internal: props.internal ?? false,
      subnets: [...props.subnetIds],
      securityGroups: [props.securityGroupId],
      // Every zone's load balancer node reaches the API servers of every zone: with one API server
      // per zone, a zone without a healthy one would otherwise drop its share of connections.
      enableCrossZoneLoadBalancing: true,
    });
    this.targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      name: boundedName(name, AWS_NAME_LIMITS.targetGroup),
      port: KOPS_API_PORT,
      protocol: 'TCP',
      targetType: 'instance',
      vpcId: props.vpcId,
      preserveClientIp: 'false',
      deregistrationDelay: String(API_DEREGISTRATION_DELAY_SECONDS),
      healthCheck: {
        protocol: 'HTTPS',
        path: API_HEALTH_CHECK.path,
        port: 'traffic-port',
        interval: API_HEALTH_CHECK.intervalSeconds,
        healthyThreshold: API_HEALTH_CHECK.threshold,
        unhealthyThreshold: API_HEALTH_CHECK.threshold,
      },
    });
    this.listener = new LbListener(this, 'Listener', {
      loadBalancerArn: this.resource.arn,
      port: KOPS_API_PORT,
      protocol: 'TCP',
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
  }

  public get dnsName(): string {
    return this.resource.dnsName;
  }
}
