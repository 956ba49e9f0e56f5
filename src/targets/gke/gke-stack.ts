import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../spec/resolved-spec';
import type { StackOptions } from '../cluster-target';
import { commonTags } from '../common/common-tags';
import { OrquestaStack } from '../common/orquesta-stack';
import { GkeCluster } from './gke-cluster';
import { gcpZones } from './gke-defaults';
import { GkeNetwork } from './gke-network';
import { GkeNodePool } from './gke-node-pool';
import { GkeNodeServiceAccount } from './gke-node-service-account';
import { GkeProjectServices } from './gke-project-services';
import { GkeWorkloadIdentity } from './gke-workload-identity';

/** Construct id of the cluster in the stack: part of its Terraform address, a public contract. */
export const GKE_CLUSTER_ID = 'Cluster';

/**
 * The Terraform address of the stack's `google_container_cluster`, computed the way cdktf allocates
 * logical ids (a hash of the construct path), so callers without a synthesized stack can name it.
 */
export function gkeClusterAddress(): string {
  return `${ContainerCluster.tfResourceType}.${makeUniqueId([GKE_CLUSTER_ID, 'Resource'])}`;
}

export interface GkeStackProps {
  readonly spec: ResolvedAppSpec;
  readonly options: StackOptions;
}

/**
 * The GKE target's infrastructure: the project APIs it calls (`GkeProjectServices`), network
 * (`GkeNetwork`), node identity (`GkeNodeServiceAccount`), cluster (`GkeCluster`), one
 * `GkeNodePool` per spec pool, and the workload's Google service account (`GkeWorkloadIdentity`).
 *
 * Labels: the provider's `default_labels` put the common labels on every resource with a
 * top-level `labels` field; the cluster's `resource_labels` and each pool's node VM labels are
 * separate fields and are set explicitly.
 *
 * `options.offlinePlan` changes nothing here: the google provider has no skip-credentials
 * settings, and its binary is not in the offline mirror the plan check uses.
 */
export class GkeStack extends OrquestaStack {
  public readonly projectServices: GkeProjectServices;
  public readonly network: GkeNetwork;
  public readonly nodeServiceAccount: GkeNodeServiceAccount;
  public readonly cluster: GkeCluster;
  public readonly nodePools: readonly GkeNodePool[];
  public readonly workloadIdentity: GkeWorkloadIdentity;

  constructor(scope: Construct, props: GkeStackProps) {
    super(scope, { target: 'gke', backend: props.options.backend });
    const { cluster: c, workload } = props.spec;
    const project = c.gke.project;
    const region = c.regions.gcp;
    const labels = commonTags(props.spec, 'gke', props.options.now);
    const zones = gcpZones(region, c.zones);

    const provider = new GoogleProvider(this, 'google', { project, region });
    // Not `defaultLabels`: cdktf 0.21 snake-cases every key inside a provider block except under
    // `tags` (cdktf/lib/util.js keysToSnakeCase), which would turn the label `orquesta-cluster`
    // into `orquesta_cluster`. Raw overrides are merged after that conversion and keep keys as written.
    provider.addOverride('default_labels', labels);

    this.projectServices = new GkeProjectServices(this, 'ProjectServices', { project });
    const apis = this.projectServices;
    this.network = new GkeNetwork(this, 'Network', { name: c.name, region, dependsOn: apis.forApis('compute') });
    this.nodeServiceAccount = new GkeNodeServiceAccount(this, 'NodeServiceAccount', {
      clusterName: c.name,
      project,
      dependsOn: apis.forApis('iam', 'resourceManager'),
    });
    this.cluster = new GkeCluster(this, GKE_CLUSTER_ID, {
      name: c.name,
      project,
      region,
      locationType: c.gke.locationType,
      zones,
      releaseChannel: c.gke.releaseChannel,
      maintenanceWindow: c.maintenanceWindow,
      kubernetesVersion: c.kubernetesVersion,
      masterAuthorizedCidrs: c.gke.masterAuthorizedCidrs,
      network: this.network,
      labels,
      // Labs are meant to be destroyed when they expire; anything else needs a deliberate change.
      deletionProtection: c.lab === undefined,
      dependsOn: apis.forApis('container', 'compute', 'logging', 'monitoring'),
    });
    this.nodePools = c.nodePools.map(
      (pool) =>
        new GkeNodePool(this, `NodePool-${pool.name}`, {
          cluster: this.cluster,
          pool,
          zones,
          serviceAccountEmail: this.nodeServiceAccount.email,
          labels,
        }),
    );
    this.workloadIdentity = new GkeWorkloadIdentity(this, 'WorkloadIdentity', {
      cluster: this.cluster,
      project,
      workloadName: workload.name,
      namespace: workload.namespace,
      dependsOn: apis.forApis('iam', 'iamCredentials'),
    });

    const locationFlag = c.gke.locationType === 'regional' ? '--region' : '--zone';
    new TerraformOutput(this, 'cluster_name', {
      value: this.cluster.resource.name,
      description: 'Name of the GKE cluster.',
    });
    // The google provider does not mark `endpoint` sensitive (only client keys and certificates).
    new TerraformOutput(this, 'cluster_endpoint', {
      value: this.cluster.resource.endpoint,
      description: 'Public IP address of the control-plane endpoint, reachable from the master authorized networks only.',
    });
    new TerraformOutput(this, 'cluster_location', {
      value: this.cluster.location,
      description: 'Where the control plane runs: the region for a regional cluster, a zone for a zonal one.',
    });
    new TerraformOutput(this, 'cluster_region', {
      value: region,
      description: 'GCP region of the cluster and its network.',
    });
    new TerraformOutput(this, 'kubeconfig_command', {
      value: `gcloud container clusters get-credentials ${c.name} ${locationFlag} ${this.cluster.location} --project ${project}`,
      description: 'Writes a kubeconfig entry for the cluster (needs gcloud and the gke-gcloud-auth-plugin).',
    });
    new TerraformOutput(this, 'workload_identity_email', {
      value: this.workloadIdentity.email,
      description: `Google service account the Kubernetes ServiceAccount ${workload.namespace}/${workload.name} acts as through Workload Identity.`,
    });
  }
}
