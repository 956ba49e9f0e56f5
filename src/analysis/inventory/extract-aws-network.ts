import type { EgressPath, StackNetwork } from './inventory';
import { TfIndex, block, list, str, type TfEntry } from './terraform-json';

/**
 * The network paths of an AWS stack, read from its routes and endpoints (never from the spec):
 * - egress: which NAT gateway each zone's private subnets route `0.0.0.0/0` through;
 * - the kubelets' path to the API: EKS' private endpoint ENIs, an internal `aws_lb` in front of
 *   the API servers (kops), or the internet-facing endpoint through the egress path;
 * - registries reachable without egress: ECR through the `ecr.api` + `ecr.dkr` interface endpoints
 *   with the S3 gateway endpoint (image layers live in S3).
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html (2026-11)
 */
export function awsNetwork(tf: TfIndex, region: string, apiPath: StackNetwork['apiPathForNodes']): StackNetwork {
  return { egress: awsEgress(tf), apiPathForNodes: apiPath, privateRegistryHosts: ecrThroughEndpoints(tf, region) };
}

/** EKS nodes reach the API inside the VPC when the cluster's private endpoint access is on. */
export function eksApiPath(cluster: TfEntry): StackNetwork['apiPathForNodes'] {
  return block(cluster.body.vpc_config)?.endpoint_private_access === true ? 'in-network' : 'via-egress';
}

/** kops nodes reach the API inside the VPC only through an internal load balancer in front of the API servers. */
export function kopsApiPath(tf: TfIndex): StackNetwork['apiPathForNodes'] {
  return tf.ofType('aws_lb').some((lb) => lb.body.internal === true) ? 'in-network' : 'via-egress';
}

export function subnetZone(tf: TfIndex, ref: unknown): string {
  const subnet = tf.referenced(ref);
  if (!subnet) throw new Error(`cannot resolve subnet reference ${JSON.stringify(ref)}`);
  return str(subnet.body.availability_zone, `${subnet.address}.availability_zone`);
}

function awsEgress(tf: TfIndex): EgressPath {
  const natZoneByZone: Record<string, string> = {};
  const natAddresses = new Set<string>();
  const associations = tf.ofType('aws_route_table_association');
  for (const route of tf.ofType('aws_route')) {
    if (route.body.destination_cidr_block !== '0.0.0.0/0') continue;
    const nat = tf.referenced(route.body.nat_gateway_id);
    const table = tf.referenced(route.body.route_table_id);
    if (!nat || !table) continue;
    natAddresses.add(nat.address);
    const natZone = subnetZone(tf, nat.body.subnet_id);
    for (const association of associations) {
      if (tf.referenced(association.body.route_table_id)?.address !== table.address) continue;
      natZoneByZone[subnetZone(tf, association.body.subnet_id)] = natZone;
    }
  }
  const zones = [...new Set(Object.values(natZoneByZone))].sort();
  if (zones.length === 0) return { kind: 'none', zones: [] };
  const perZone = Object.entries(natZoneByZone).every(([zone, natZone]) => zone === natZone);
  return {
    kind: perZone ? 'per-zone-nat' : zones.length === 1 ? 'single-nat' : 'per-zone-nat',
    zones,
    natZoneByZone,
    address: [...natAddresses].sort().join(', '),
  };
}

function ecrThroughEndpoints(tf: TfIndex, region: string): string[] {
  const endpoints = tf.ofType('aws_vpc_endpoint');
  const has = (service: string, type: string) =>
    endpoints.some((e) => e.body.service_name === `com.amazonaws.${region}.${service}` && (e.body.vpc_endpoint_type ?? 'Gateway') === type);
  return has('ecr.api', 'Interface') && has('ecr.dkr', 'Interface') && has('s3', 'Gateway') ? [`.dkr.ecr.${region}.amazonaws.com`] : [];
}

/** Zones of a list of subnet references, in order of first appearance. */
export function zonesOf(tf: TfIndex, subnetRefs: unknown): string[] {
  return [...new Set(list(subnetRefs).map((ref) => subnetZone(tf, ref)))];
}
