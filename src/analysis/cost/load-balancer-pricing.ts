import type { TargetId } from '../../targets/cluster-target';

/** What the cloud creates, per target, for a Service of type LoadBalancer or an Ingress (priced by SKU). */
export interface LoadBalancerRealisation {
  /** SKU keys charged per hour for one such object. */
  readonly hourlySkus: readonly string[];
  /** SKU keys charged per hour once per zone the workload's nodes use (AWS LBs hold a public IPv4 in each). @default [] */
  readonly perZoneSkus?: readonly string[];
  readonly description: string;
}

type Kind = 'service-public' | 'service-internal' | 'ingress';

/**
 * Capability table (kops' map[CloudProvider] style), from the targets' adaptations:
 * EKS: AWS Load Balancer Controller makes an NLB per Service and an ALB per Ingress group;
 * kops: the cloud provider's service controller makes an NLB, ingress-nginx sits behind one NLB;
 * GKE: a forwarding rule per Service, a global forwarding rule per Ingress; Google does not charge for an external
 * IP attached to a forwarding rule (https://cloud.google.com/vpc/network-pricing#ipaddress, 2026-11);
 * AKS: Services add rules and a public IP to the cluster's existing Standard LB (the first 5 rules are one
 * hourly charge, already counted for the outbound LB); internal Services get a second, internal LB;
 * the app-routing add-on's NGINX is itself a LoadBalancer Service (one more public IP).
 */
export const LOAD_BALANCER_REALISATION: Readonly<Record<TargetId, Readonly<Record<Kind, LoadBalancerRealisation>>>> = {
  eks: {
    'service-public': {
      hourlySkus: ['elb:nlb'],
      perZoneSkus: ['vpc:public-ipv4'],
      description: 'NLB (internet-facing, a public IPv4 per zone)',
    },
    'service-internal': { hourlySkus: ['elb:nlb'], description: 'NLB (internal)' },
    ingress: { hourlySkus: ['elb:alb'], perZoneSkus: ['vpc:public-ipv4'], description: 'ALB (internet-facing, a public IPv4 per zone)' },
  },
  kops: {
    'service-public': {
      hourlySkus: ['elb:nlb'],
      perZoneSkus: ['vpc:public-ipv4'],
      description: 'NLB from the AWS cloud provider (a public IPv4 per zone)',
    },
    'service-internal': { hourlySkus: ['elb:nlb'], description: 'NLB (internal) from the AWS cloud provider' },
    ingress: {
      hourlySkus: ['elb:nlb'],
      perZoneSkus: ['vpc:public-ipv4'],
      description: 'NLB in front of ingress-nginx (a public IPv4 per zone)',
    },
  },
  gke: {
    'service-public': {
      hourlySkus: ['lb:forwarding-rule'],
      description: 'forwarding rule (passthrough NLB; its external IPv4 is not charged)',
    },
    'service-internal': { hourlySkus: ['lb:forwarding-rule'], description: 'internal forwarding rule (passthrough NLB)' },
    ingress: {
      hourlySkus: ['lb:forwarding-rule'],
      description: 'global forwarding rule (external Application LB; its external IPv4 is not charged)',
    },
  },
  aks: {
    'service-public': {
      hourlySkus: ['ip:public-ipv4-standard'],
      description: 'public IPv4 on the cluster Standard LB (rules within its first 5)',
    },
    'service-internal': { hourlySkus: ['lb:standard-rule'], description: 'internal Standard LB (first 5 rules)' },
    ingress: { hourlySkus: ['ip:public-ipv4-standard'], description: 'public IPv4 of the app-routing NGINX Service on the cluster LB' },
  },
};
