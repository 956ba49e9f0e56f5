/**
 * One egress allow a workload identity needs: TCP to a CIDR (minus `except`), with why. Rendered
 * into the workload's NetworkPolicy as its own rule, so a reader sees each identity allow separately.
 */
export interface IdentityEgressRule {
  readonly cidr: string;
  /** Ranges inside `cidr` that stay denied. @default - none */
  readonly except?: readonly string[];
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  /** What the pods reach there (`GKE metadata server`), for the code and the README. */
  readonly purpose: string;
}

/**
 * Address ranges that are never a public token endpoint: RFC 1918 private ranges (VPCs, VNets,
 * pod and service CIDRs), RFC 6598 shared space (some CNIs' pod ranges) and RFC 3927 link-local
 * (instance metadata). Excluding them keeps an HTTPS allow for a token service from also opening
 * HTTPS to every pod, node and internal service of the network.
 */
export const NON_PUBLIC_IPV4_CIDRS: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
];

/**
 * HTTPS to public IPv4 addresses only. For token endpoints that publish no stable address range a
 * NetworkPolicy could name (AWS STS, Microsoft Entra ID): plain NetworkPolicy has no host names, so
 * "public HTTPS" is the narrowest allow that keeps the identity usable. Tighter is an FQDN policy of
 * the CNI (Cilium, GKE FQDNNetworkPolicy) or a private endpoint for the token service.
 */
export function publicHttpsEgress(purpose: string): IdentityEgressRule {
  return { cidr: '0.0.0.0/0', except: NON_PUBLIC_IPV4_CIDRS, port: 443, protocol: 'TCP', purpose };
}
