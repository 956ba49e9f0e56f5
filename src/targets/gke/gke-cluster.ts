import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedCluster } from '../../spec/resolved-spec';
import { GKE_DATAPATH_PROVIDER, GKE_MASTER_IPV4_CIDR, gkeRecurringWindow } from './gke-defaults';
import type { GkeNetwork } from './gke-network';

export interface GkeClusterProps {
  readonly name: string;
  readonly project: string;
  readonly region: string;
  /**
   * 'regional': three control-plane replicas across the region's zones (SLA 99.95%);
   * 'zonal': one replica in the first zone (SLA 99.5%).
   * Source: https://cloud.google.com/kubernetes-engine/docs/concepts/regional-clusters (2026-11).
   */
  readonly locationType: 'regional' | 'zonal';
  /** Zones nodes run in, first one first (a zonal control plane lives there). At least one. */
  readonly zones: readonly string[];
  readonly releaseChannel: 'RAPID' | 'REGULAR' | 'STABLE';
  /**
   * When GKE may run automatic upgrades (control plane and nodes): a weekly recurring window in UTC.
   * GKE needs at least 48 h of availability in any 32 days; the spec validates >= 11 h weekly.
   */
  readonly maintenanceWindow: ResolvedCluster['maintenanceWindow'];
  /** Minimum control-plane version, `1.MM`; the release channel upgrades from there. */
  readonly kubernetesVersion: string;
  /** CIDRs allowed to reach the public control-plane endpoint. An empty list admits nobody. */
  readonly masterAuthorizedCidrs: readonly string[];
  readonly network: GkeNetwork;
  /** GCE labels on the cluster resource. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Terraform refuses to destroy the cluster while this is true.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** @default GKE_MASTER_IPV4_CIDR (172.16.0.0/28) */
  readonly masterIpv4Cidr?: string;
  /** What the cluster waits for (the enablement of the APIs it calls). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A GKE Standard cluster whose nodes live only in separately managed node pools (`GkeNodePool`):
 * the default pool is created with one node (the API requires a pool) and deleted at once, so node
 * settings are never tied to the cluster resource, where changing them would recreate the cluster.
 *
 * Security defaults: private nodes (no public IPs; egress through Cloud NAT), a public endpoint
 * reachable only from `masterAuthorizedCidrs` and not from arbitrary Google Cloud IPs, Workload
 * Identity, shielded nodes, and Dataplane V2, which enforces NetworkPolicy.
 *
 * Upgrades: the release channel moves the control plane and, through node auto-upgrade, every
 * node pool after it, only inside the recurring maintenance window.
 *
 * Escape hatch: `cluster.resource` (also `node.defaultChild`) is the `google_container_cluster`.
 */
export class GkeCluster extends Construct {
  public readonly resource: ContainerCluster;
  /** The region (regional cluster) or zone (zonal cluster) the control plane lives in. */
  public readonly location: string;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const firstZone = props.zones[0];
    if (firstZone === undefined) {
      throw new Error(`'zones' ([]) must list at least one zone of region '${props.region}'`);
    }
    this.location = props.locationType === 'regional' ? props.region : firstZone;
    // For a zonal cluster the provider adds the cluster's own zone to node_locations and rejects
    // a list that already contains it ("node_locations should not contain the original 'zone'"),
    // so only the additional zones are listed there.
    const nodeLocations = props.locationType === 'regional' ? [...props.zones] : props.zones.slice(1);

    this.resource = new ContainerCluster(this, 'Resource', {
      name: props.name,
      project: props.project,
      location: this.location,
      nodeLocations: nodeLocations.length > 0 ? nodeLocations : undefined,
      minMasterVersion: props.kubernetesVersion,
      releaseChannel: { channel: props.releaseChannel },
      maintenancePolicy: { recurringWindow: gkeRecurringWindow(props.maintenanceWindow) },
      deletionProtection: props.deletionProtection ?? true,
      resourceLabels: { ...props.labels },

      removeDefaultNodePool: true,
      initialNodeCount: 1,

      network: props.network.network.id,
      subnetwork: props.network.subnetwork.id,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.network.podRangeName,
        servicesSecondaryRangeName: props.network.serviceRangeName,
      },
      datapathProvider: GKE_DATAPATH_PROVIDER,
      privateClusterConfig: {
        enablePrivateNodes: true,
        // The endpoint stays public so `gcloud get-credentials` works from outside the VPC;
        // master authorized networks decide who may connect.
        enablePrivateEndpoint: false,
        masterIpv4CidrBlock: props.masterIpv4Cidr ?? GKE_MASTER_IPV4_CIDR,
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: props.masterAuthorizedCidrs.map((cidrBlock) => ({ cidrBlock, displayName: 'orquesta-authorized' })),
        gcpPublicCidrsAccessEnabled: false,
      },

      workloadIdentityConfig: { workloadPool: `${props.project}.svc.id.goog` },
      enableShieldedNodes: true,
      // Google Cloud Managed Service for Prometheus runs the collectors that read `PodMonitoring`
      // objects; it is on by default for new clusters and stated here because the workload's
      // monitoring depends on it (https://cloud.google.com/stackdriver/docs/managed-prometheus/setup-managed, 2026-11).
      monitoringConfig: { managedPrometheus: { enabled: true } },
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
