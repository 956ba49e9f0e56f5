import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { KOPS_API_PORT, KOPS_CNI_BGP_PORT, KOPS_CNI_IPIP_PROTOCOL, KOPS_ETCD_PORTS, KOPS_KUBELET_PORT } from './kops-defaults';

export interface KopsSecurityGroupsProps {
  readonly clusterName: string;
  readonly vpcId: string;
  /** CIDRs allowed to reach the API load balancer on 443 (`cluster.kops.apiAccessCidrs`). */
  readonly apiAccessCidrs: readonly string[];
}

/** Where a rule admits traffic from: address ranges or another security group. */
type Peer = { readonly cidr: string } | { readonly group: SecurityGroup };

/** A protocol and port range; `ports` omitted for protocols without ports (IP-in-IP). */
interface Traffic {
  readonly protocol: string;
  readonly ports?: { readonly from: number; readonly to: number };
}

const tcp = (from: number, to = from): Traffic => ({ protocol: 'tcp', ports: { from, to } });

/**
 * Least-privilege security groups for the three kinds of members, each rule its own resource so a
 * plan shows exactly what opens:
 * - API load balancer (internet-facing, for users): 443 from `apiAccessCidrs` only; forwards to the control plane;
 * - internal API load balancer (for kubelets and in-cluster clients, so a NAT gateway failure
 *   cannot cut nodes off the API): 443 from the nodes and the control plane only;
 * - control plane: the API port from both load balancers, the nodes and itself; etcd (2379-2380) and
 *   the kubelet only among control-plane nodes;
 * - nodes: the kubelet from the control plane;
 * - Calico between all nodes: IP-in-IP (protocol 4) and BGP (TCP 179).
 * Nothing admits SSH. Both node groups may send anywhere (packages, images, AWS APIs via NAT).
 * Node groups carry `kubernetes.io/cluster/<name>=owned`, the tag by which the AWS cloud controller
 * manager finds the group to open for Service load balancers.
 */
export class KopsSecurityGroups extends Construct {
  public readonly apiLoadBalancer: SecurityGroup;
  public readonly internalApiLoadBalancer: SecurityGroup;
  public readonly controlPlane: SecurityGroup;
  public readonly nodes: SecurityGroup;

  constructor(scope: Construct, id: string, props: KopsSecurityGroupsProps) {
    super(scope, id);
    const name = props.clusterName;
    const clusterTag = { [`kubernetes.io/cluster/${name}`]: 'owned' };

    this.apiLoadBalancer = new SecurityGroup(this, 'ApiLoadBalancer', {
      name: `${name}-kops-api-lb`,
      description: `Kubernetes API load balancer of ${name}`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-kops-api-lb` },
    });
    this.internalApiLoadBalancer = new SecurityGroup(this, 'InternalApiLoadBalancer', {
      name: `${name}-kops-api-internal-lb`,
      description: `Internal Kubernetes API load balancer of ${name}`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-kops-api-internal-lb` },
    });
    this.controlPlane = new SecurityGroup(this, 'ControlPlane', {
      name: `${name}-kops-control-plane`,
      description: `Control-plane nodes of ${name}`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-kops-control-plane`, ...clusterTag },
    });
    this.nodes = new SecurityGroup(this, 'Nodes', {
      name: `${name}-kops-nodes`,
      description: `Worker nodes of ${name}`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-kops-nodes`, ...clusterTag },
    });

    const api = tcp(KOPS_API_PORT);
    props.apiAccessCidrs.forEach((cidr, i) =>
      this.allow(`ApiFromAllowedCidr${i}`, this.apiLoadBalancer, api, { cidr }, 'Kubernetes API from an allowed network'),
    );
    const internal = this.internalApiLoadBalancer;
    this.allow('InternalApiFromNodes', internal, api, { group: this.nodes }, 'Kubernetes API from the nodes');
    this.allow('InternalApiFromControlPlane', internal, api, { group: this.controlPlane }, 'Kubernetes API from the control plane');
    for (const [label, group] of [
      ['ApiLoadBalancer', this.apiLoadBalancer],
      ['InternalApiLoadBalancer', internal],
    ] as const) {
      new VpcSecurityGroupEgressRule(this, `${label}ToControlPlane`, {
        securityGroupId: group.id,
        description: 'Kubernetes API and health checks to the control plane',
        ipProtocol: 'tcp',
        fromPort: KOPS_API_PORT,
        toPort: KOPS_API_PORT,
        referencedSecurityGroupId: this.controlPlane.id,
      });
    }

    const cp = this.controlPlane;
    this.allow('ControlPlaneApiFromLoadBalancer', cp, api, { group: this.apiLoadBalancer }, 'Kubernetes API from the load balancer');
    this.allow('ControlPlaneApiFromInternalLoadBalancer', cp, api, { group: internal }, 'Kubernetes API from the internal load balancer');
    this.allow('ControlPlaneApiFromNodes', cp, api, { group: this.nodes }, 'Kubernetes API from the nodes (kubernetes Service)');
    this.allow('ControlPlaneApiFromControlPlane', cp, api, { group: cp }, 'Kubernetes API between control-plane nodes');
    this.allow('ControlPlaneEtcd', cp, tcp(KOPS_ETCD_PORTS.from, KOPS_ETCD_PORTS.to), { group: cp }, 'etcd clients and peers');
    this.allow('ControlPlaneKubelet', cp, tcp(KOPS_KUBELET_PORT), { group: cp }, 'kubelet API from the API servers');
    this.allow('NodesKubelet', this.nodes, tcp(KOPS_KUBELET_PORT), { group: cp }, 'kubelet API from the API servers');

    const ipip: Traffic = { protocol: KOPS_CNI_IPIP_PROTOCOL };
    const bgp = tcp(KOPS_CNI_BGP_PORT);
    const groups = [
      ['ControlPlane', this.controlPlane],
      ['Nodes', this.nodes],
    ] as const;
    for (const [targetLabel, target] of groups) {
      for (const [sourceLabel, source] of groups) {
        this.allow(`${targetLabel}IpipFrom${sourceLabel}`, target, ipip, { group: source }, 'Calico IP-in-IP pod traffic');
        this.allow(`${targetLabel}BgpFrom${sourceLabel}`, target, bgp, { group: source }, 'Calico BGP route exchange');
      }
    }

    for (const [label, group] of groups) {
      new VpcSecurityGroupEgressRule(this, `${label}Egress`, {
        securityGroupId: group.id,
        description: 'Packages, images and AWS APIs (through NAT), and other nodes',
        ipProtocol: '-1',
        cidrIpv4: '0.0.0.0/0',
      });
    }
  }

  private allow(id: string, group: SecurityGroup, traffic: Traffic, from: Peer, description: string): VpcSecurityGroupIngressRule {
    return new VpcSecurityGroupIngressRule(this, id, {
      securityGroupId: group.id,
      description,
      ipProtocol: traffic.protocol,
      fromPort: traffic.ports?.from,
      toPort: traffic.ports?.to,
      ...('cidr' in from ? { cidrIpv4: from.cidr } : { referencedSecurityGroupId: from.group.id }),
    });
  }
}
