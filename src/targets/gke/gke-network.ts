import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  GKE_FLOW_LOG_AGGREGATION_INTERVAL,
  GKE_FLOW_LOG_METADATA,
  GKE_FLOW_LOG_SAMPLING,
  GKE_NAT_LOG_FILTER,
  GKE_NAT_MIN_PORTS_PER_VM,
  GKE_NODE_SUBNET_CIDR,
  GKE_POD_RANGE_CIDR,
  GKE_POD_RANGE_NAME,
  GKE_SERVICE_RANGE_CIDR,
  GKE_SERVICE_RANGE_NAME,
} from './gke-defaults';

export interface GkeNetworkProps {
  /** Prefix of every resource name (the cluster name). */
  readonly name: string;
  readonly region: string;
  /** @default GKE_NODE_SUBNET_CIDR (10.10.0.0/20) */
  readonly nodeCidr?: string;
  /** @default GKE_POD_RANGE_CIDR (10.16.0.0/14) */
  readonly podCidr?: string;
  /** @default GKE_SERVICE_RANGE_CIDR (10.20.0.0/20) */
  readonly serviceCidr?: string;
  /** What every network resource waits for (the Compute Engine API's enablement). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A custom-mode VPC with one regional subnetwork for the nodes, secondary ranges for pods and
 * Services (VPC-native cluster), Private Google Access (private nodes reach Google APIs without
 * NAT), VPC flow logs on the subnetwork (sampled, see `GKE_FLOW_LOG_SAMPLING`), and a Cloud Router
 * with Cloud NAT for everything else the private nodes fetch.
 *
 * One Cloud NAT serves all zones: it is a distributed, software-defined regional service with no
 * gateway VM to lose with a zone (https://cloud.google.com/nat/docs/overview, 2026-11), so the
 * spec's `natGateways` ('per-zone' vs 'single') has nothing to choose on GCP.
 */
export class GkeNetwork extends Construct {
  public readonly network: ComputeNetwork;
  public readonly subnetwork: ComputeSubnetwork;
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;
  /** Secondary range of the subnetwork that pod IPs come from. */
  public readonly podRangeName: string = GKE_POD_RANGE_NAME;
  /** Secondary range of the subnetwork that Service cluster IPs come from. */
  public readonly serviceRangeName: string = GKE_SERVICE_RANGE_NAME;

  constructor(scope: Construct, id: string, props: GkeNetworkProps) {
    super(scope, id);
    this.network = new ComputeNetwork(this, 'Resource', {
      name: `${props.name}-vpc`,
      // The subnetwork, router and NAT reference the network, so they wait for the API too.
      dependsOn: [...(props.dependsOn ?? [])],
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
    });

    this.subnetwork = new ComputeSubnetwork(this, 'Subnetwork', {
      name: `${props.name}-nodes`,
      network: this.network.id,
      region: props.region,
      ipCidrRange: props.nodeCidr ?? GKE_NODE_SUBNET_CIDR,
      privateIpGoogleAccess: true,
      logConfig: {
        aggregationInterval: GKE_FLOW_LOG_AGGREGATION_INTERVAL,
        flowSampling: GKE_FLOW_LOG_SAMPLING,
        metadata: GKE_FLOW_LOG_METADATA,
      },
      secondaryIpRange: [
        { rangeName: this.podRangeName, ipCidrRange: props.podCidr ?? GKE_POD_RANGE_CIDR },
        { rangeName: this.serviceRangeName, ipCidrRange: props.serviceCidr ?? GKE_SERVICE_RANGE_CIDR },
      ],
    });

    this.router = new ComputeRouter(this, 'Router', {
      name: `${props.name}-router`,
      network: this.network.id,
      region: props.region,
    });

    this.nat = new ComputeRouterNat(this, 'Nat', {
      name: `${props.name}-nat`,
      router: this.router.name,
      region: props.region,
      natIpAllocateOption: 'AUTO_ONLY',
      // Only this subnetwork (nodes and pods) is translated, not every range in the VPC.
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: this.subnetwork.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      minPortsPerVm: GKE_NAT_MIN_PORTS_PER_VM,
      logConfig: { enable: true, filter: GKE_NAT_LOG_FILTER },
    });
  }
}
