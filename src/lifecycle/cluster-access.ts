import * as path from 'path';
import type { InfraOutputs, TargetId } from '../targets/cluster-target';
import { KOPS_STATE_KEYS } from '../targets/kops/kops-defaults';
import { runChecked, type CommandRunner, type CommandSpec } from './command-runner';

/**
 * How orquesta reaches each target's cluster, as one capability row per target (kops'
 * `map[CloudProvider]` style): shared code asks the row, never which target it is.
 *
 * Every command writes into a per-target kubeconfig (`.orquesta/kube/<target>.yaml`), so the
 * user's default kubeconfig and current context are never touched.
 */
export interface ClusterAccess {
  /** A read-only command that shows who the cloud CLI is logged in as; printed when credentials fail. */
  readonly loginCheck: string;
  /** Commands that write credentials for the cluster into `kubeconfig`, from the stack's outputs. */
  credentials(outputs: InfraOutputs, kubeconfig: string): CommandSpec[];
  /**
   * Environment the credential commands run with, when they need another identity than the
   * caller's (kops: a session of the stack's admin role, the only one the state bucket admits).
   * @default - the caller's own credentials
   */
  session?(outputs: InfraOutputs, runner: CommandRunner): Promise<Readonly<Record<string, string>>>;
  /** Present when the credentials appear some time after `terraform apply` returns: retry until then. */
  readonly credentialsRetry?: { readonly timeoutMs: number; readonly intervalMs: number };
  /**
   * Listings of the cloud resources Kubernetes created for the workload (load balancers and their
   * parts, disks); each returns the identifiers still there. Destroy polls them until all are empty.
   * `lookup` runs a read-only command and returns its trimmed stdout (for names only the cloud knows).
   */
  leftovers(outputs: InfraOutputs, footprint: WorkloadFootprint, lookup: Lookup): Promise<CloudListing[]>;
}

/** What the workload had in the cluster before destroy deleted it. */
export interface WorkloadFootprint {
  /** `namespace/name` of every LoadBalancer Service and Ingress. */
  readonly loadBalancers: readonly string[];
  /** Names of the PersistentVolumes bound to the workload's claims (the CSI drivers name or tag disks after them). */
  readonly volumes: readonly string[];
}

export interface CloudListing {
  /** What the listing looks for, for progress and timeout messages. */
  readonly what: string;
  readonly command: CommandSpec;
  /** Identifiers still present, from the command's stdout. */
  parse(stdout: string): string[];
}

export type Lookup = (command: CommandSpec) => Promise<string>;

/** Per-target kubeconfig, relative to the project root. */
export function kubeconfigPath(root: string, target: TargetId): string {
  return path.join(root, '.orquesta', 'kube', `${target}.yaml`);
}

/** An output the stack must have; the error names the ones it does have. */
export function requireOutput(outputs: InfraOutputs, name: string): string {
  const value = outputs[name];
  if (value === undefined || value === '') {
    throw new Error(
      `stack output '${name}' is missing (outputs: ${Object.keys(outputs).sort().join(', ') || 'none'}); was 'terraform apply' completed?`,
    );
  }
  return value;
}

/** The value after `flag` in a command line such as the stacks' `kubeconfig_command` output. */
export function flagValue(commandLine: string, flag: string): string | undefined {
  const words = commandLine.split(/\s+/);
  const i = words.indexOf(flag);
  return i >= 0 ? words[i + 1] : undefined;
}

const jsonStrings = (stdout: string): string[] => {
  const text = stdout.trim();
  if (text === '' || text === 'null') return [];
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};
const lines = (stdout: string): string[] =>
  stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/**
 * AWS resources by tag, through the Resource Groups Tagging API, which lists every tagged resource
 * type of a region in one call (https://docs.aws.amazon.com/cli/latest/reference/resourcegroupstaggingapi/get-resources.html).
 * Resource types are listed explicitly: the cluster tags also sit on subnets and on security groups
 * Terraform owns, which would never disappear before `terraform destroy`.
 */
function awsTagged(what: string, region: string, resourceTypes: readonly string[], key: string, values: readonly string[]): CloudListing {
  return {
    what,
    command: {
      command: 'aws',
      args: [
        'resourcegroupstaggingapi',
        'get-resources',
        '--region',
        region,
        '--resource-type-filters',
        ...resourceTypes,
        '--tag-filters',
        `Key=${key},Values=${values.join(',')}`,
        '--query',
        'ResourceTagMappingList[].ResourceARN',
        '--output',
        'json',
      ],
    },
    parse: jsonStrings,
  };
}

/**
 * EBS volumes of the workload's claims: the EBS CSI driver tags every volume it creates with
 * `CSIVolumeName=<PV name>` (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/tagging.md).
 */
function awsVolumes(region: string, footprint: WorkloadFootprint): CloudListing[] {
  return footprint.volumes.length === 0
    ? []
    : [awsTagged('EBS volumes of the workload', region, ['ec2:volume'], 'CSIVolumeName', footprint.volumes)];
}

/** Credentials of an AWS CLI identity; printed when fetching cluster credentials fails. */
const AWS_LOGIN_CHECK = 'aws sts get-caller-identity';

/**
 * The kops-style control plane publishes its admin kubeconfig to the state bucket only after the
 * first control-plane node has run `kubeadm init` (see the kops stack's `kubeconfig_command`
 * output): instance boot, package install and init take 5-10 minutes on a medium instance, so
 * 15 minutes leaves room for a slow image pull without hiding a node that never came up.
 */
const KOPS_ADMIN_KUBECONFIG_TIMEOUT_MS = 15 * 60_000;
/** One S3 GET every 20 s: cheap, and well inside S3's request rates. */
const KOPS_ADMIN_KUBECONFIG_INTERVAL_MS = 20_000;

const EKS_ACCESS: ClusterAccess = {
  loginCheck: AWS_LOGIN_CHECK,
  // https://docs.aws.amazon.com/cli/latest/reference/eks/update-kubeconfig.html
  credentials: (o, kubeconfig) => [
    {
      command: 'aws',
      args: [
        'eks',
        'update-kubeconfig',
        '--region',
        requireOutput(o, 'cluster_region'),
        '--name',
        requireOutput(o, 'cluster_name'),
        '--kubeconfig',
        kubeconfig,
      ],
    },
  ],
  // The AWS Load Balancer Controller tags the NLBs/ALBs, target groups and security groups it creates
  // with `elbv2.k8s.aws/cluster=<cluster>` (tagKeyClusterName in
  // https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/pkg/deploy/tracking/provider.go).
  leftovers: async (o, footprint) => {
    const region = requireOutput(o, 'cluster_region');
    return [
      awsTagged(
        'load balancers, target groups and security groups of the AWS Load Balancer Controller',
        region,
        ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup', 'ec2:security-group'],
        'elbv2.k8s.aws/cluster',
        [requireOutput(o, 'cluster_name')],
      ),
      ...awsVolumes(region, footprint),
    ];
  },
};

/**
 * A session of `roleArn` (https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html) as
 * the environment variables the AWS CLI and SDKs read.
 */
export async function assumeRoleEnv(runner: CommandRunner, roleArn: string, sessionName: string): Promise<Record<string, string>> {
  const result = await runChecked(runner, {
    command: 'aws',
    args: [
      'sts',
      'assume-role',
      '--role-arn',
      roleArn,
      '--role-session-name',
      sessionName.slice(0, 64),
      '--query',
      'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]',
      '--output',
      'text',
    ],
  });
  const [accessKeyId, secretAccessKey, sessionToken] = result.stdout.trim().split(/\s+/);
  if (!accessKeyId || !secretAccessKey || !sessionToken)
    throw new Error(`aws sts assume-role --role-arn ${roleArn} returned no credentials`);
  return { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken };
}

const KOPS_ACCESS: ClusterAccess = {
  loginCheck: AWS_LOGIN_CHECK,
  // The state bucket's policy and key admit only the control-plane and admin roles to control-plane/.
  session: async (o, runner) =>
    o.admin_role_arn ? assumeRoleEnv(runner, o.admin_role_arn, `orquesta-${requireOutput(o, 'cluster_name')}`) : {},
  // The first control-plane node uploads kubeadm's admin.conf to the state bucket (KOPS_STATE_KEYS);
  // https://docs.aws.amazon.com/cli/latest/reference/s3/cp.html
  credentials: (o, kubeconfig) => [
    {
      command: 'aws',
      args: [
        's3',
        'cp',
        '--only-show-errors',
        '--region',
        requireOutput(o, 'cluster_region'),
        `s3://${requireOutput(o, 'state_bucket_name')}/${KOPS_STATE_KEYS.adminKubeconfig}`,
        kubeconfig,
      ],
    },
  ],
  credentialsRetry: { timeoutMs: KOPS_ADMIN_KUBECONFIG_TIMEOUT_MS, intervalMs: KOPS_ADMIN_KUBECONFIG_INTERVAL_MS },
  // The AWS cloud provider's service controller (run with --cluster-name=<cluster>) tags the load
  // balancers and target groups it creates `kubernetes.io/cluster/<cluster>=owned`
  // (https://cloud-provider-aws.sigs.k8s.io/service_controller/); subnets carry the same key with `shared`.
  leftovers: async (o, footprint) => {
    const region = requireOutput(o, 'cluster_region');
    return [
      awsTagged(
        'load balancers and target groups of the AWS cloud provider',
        region,
        ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'],
        `kubernetes.io/cluster/${requireOutput(o, 'cluster_name')}`,
        ['owned'],
      ),
      ...awsVolumes(region, footprint),
    ];
  },
};

const GKE_ACCESS: ClusterAccess = {
  loginCheck: 'gcloud auth list',
  // https://cloud.google.com/sdk/gcloud/reference/container/clusters/get-credentials ; gcloud writes
  // to the file KUBECONFIG names. A regional cluster's location is its region, a zonal one's a zone.
  credentials: (o, kubeconfig) => {
    const location = requireOutput(o, 'cluster_location');
    const locationFlag = location === requireOutput(o, 'cluster_region') ? '--region' : '--zone';
    return [
      {
        command: 'gcloud',
        args: [
          'container',
          'clusters',
          'get-credentials',
          requireOutput(o, 'cluster_name'),
          locationFlag,
          location,
          '--project',
          gkeProject(o),
        ],
        env: { KUBECONFIG: kubeconfig },
      },
    ];
  },
  // Load balancers for Services and Ingresses carry the object's `namespace/name` in the description
  // of their forwarding rules and firewall rules (`{"kubernetes.io/service-name":"ns/name"}` from the
  // GCE service controller, cloud-provider-gcp providers/gce/gce_loadbalancer_naming.go; the
  // `kubernetes.io/ingress-name` key from ingress-gce pkg/utils/description.go).
  // Firewall rules matter most: they reference the VPC and block its deletion.
  // PD CSI disks are named after their PersistentVolume (https://github.com/kubernetes-sigs/gcp-compute-persistent-disk-csi-driver).
  leftovers: async (o, footprint) => {
    const project = gkeProject(o);
    const byDescription = footprint.loadBalancers.map((lb) => `description~'"${lb}"'`).join(' OR ');
    const gcloudList = (what: string, resource: string, filter: string): CloudListing => ({
      what,
      // https://cloud.google.com/sdk/gcloud/reference/compute/forwarding-rules/list (and firewall-rules, disks)
      command: {
        command: 'gcloud',
        args: ['compute', resource, 'list', '--project', project, `--filter=${filter}`, '--format=value(name)'],
      },
      parse: lines,
    });
    return [
      ...(footprint.loadBalancers.length === 0
        ? []
        : [
            gcloudList('forwarding rules of the workload', 'forwarding-rules', byDescription),
            gcloudList('firewall rules of the workload', 'firewall-rules', byDescription),
          ]),
      ...(footprint.volumes.length === 0
        ? []
        : [gcloudList('persistent disks of the workload', 'disks', `name=(${footprint.volumes.join(' ')})`)]),
    ];
  },
};

/** The GKE stack names its project only inside `kubeconfig_command`; a `project_id` output wins if present. */
function gkeProject(o: InfraOutputs): string {
  const project = o.project_id ?? flagValue(requireOutput(o, 'kubeconfig_command'), '--project');
  if (!project) throw new Error("the GKE stack outputs name no project ('project_id', or --project in 'kubeconfig_command')");
  return project;
}

const AKS_ACCESS: ClusterAccess = {
  loginCheck: 'az account show',
  // https://learn.microsoft.com/cli/azure/aks#az-aks-get-credentials ; the cluster has local accounts
  // disabled, so the kubeconfig is converted to sign in with the Azure CLI's login
  // (https://azure.github.io/kubelogin/concepts/login-modes/azurecli.html).
  credentials: (o, kubeconfig) => [
    {
      command: 'az',
      args: [
        'aks',
        'get-credentials',
        '--resource-group',
        requireOutput(o, 'resource_group_name'),
        '--name',
        requireOutput(o, 'cluster_name'),
        '--file',
        kubeconfig,
        '--overwrite-existing',
      ],
    },
    { command: 'kubelogin', args: ['convert-kubeconfig', '-l', 'azurecli'], env: { KUBECONFIG: kubeconfig } },
  ],
  // Everything the Azure cloud provider creates for Services lives in the cluster's node resource
  // group: load-balancing rules on the `kubernetes`/`kubernetes-internal` load balancers (AKS's own
  // outbound traffic uses outbound rules, not load-balancing rules) and public IPs tagged
  // `k8s-azure-service` (https://cloud-provider-azure.sigs.k8s.io/topics/tagging-resources/).
  // Azure Disk CSI disks are named after their PersistentVolume (https://github.com/kubernetes-sigs/azuredisk-csi-driver).
  leftovers: async (o, footprint, lookup) => {
    // https://learn.microsoft.com/cli/azure/aks#az-aks-show
    const nodeGroup = await lookup({
      command: 'az',
      args: [
        'aks',
        'show',
        '--resource-group',
        requireOutput(o, 'resource_group_name'),
        '--name',
        requireOutput(o, 'cluster_name'),
        '--query',
        'nodeResourceGroup',
        '--output',
        'tsv',
      ],
    });
    const azList = (what: string, args: readonly string[]): CloudListing => ({
      what,
      command: { command: 'az', args: [...args, '--resource-group', nodeGroup, '--output', 'tsv'] },
      parse: lines,
    });
    const volumeNames = footprint.volumes.map((v) => `'${v}'`).join(', ');
    return [
      // https://learn.microsoft.com/cli/azure/network/lb#az-network-lb-list
      azList('load-balancing rules of Kubernetes Services', ['network', 'lb', 'list', '--query', '[].loadBalancingRules[].name']),
      // https://learn.microsoft.com/cli/azure/network/public-ip#az-network-public-ip-list
      azList('public IPs of Kubernetes Services', ['network', 'public-ip', 'list', '--query', '[?tags."k8s-azure-service"].name']),
      // https://learn.microsoft.com/cli/azure/disk#az-disk-list
      ...(footprint.volumes.length === 0
        ? []
        : [azList('managed disks of the workload', ['disk', 'list', '--query', `[?contains([${volumeNames}], name)].name`])]),
    ];
  },
};

/** The capability table: one row per target. */
export const CLUSTER_ACCESS: Readonly<Record<TargetId, ClusterAccess>> = {
  eks: EKS_ACCESS,
  gke: GKE_ACCESS,
  aks: AKS_ACCESS,
  kops: KOPS_ACCESS,
};
