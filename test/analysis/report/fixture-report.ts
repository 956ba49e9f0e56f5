import type { TargetId } from '../../../src/targets/cluster-target';
import type {
  ComparisonReport,
  ControlPlaneReport,
  CostCategory,
  LineItem,
  ScenarioId,
  ScenarioOutcome,
  TargetReport,
} from '../../../src/analysis/report/comparison-report';

/*
 * A realistic report for the built-in web-api example (3 replicas on 3 nodes across 3 zones, Datadog
 * per-host monitoring), with list prices of late 2026. Totals are derived from the line items the way
 * the cost model derives them, so the fixture is internally consistent.
 */

type Item = [
  address: string,
  description: string,
  category: CostCategory,
  perNode: boolean,
  quantity: number,
  unitPriceUsd: number,
  unit: string,
  source: string,
];

function item([address, description, category, perNode, quantity, unitPriceUsd, unit, source]: Item): LineItem {
  return { address, description, category, perNode, quantity, unitPriceUsd, unit, monthlyUsd: round(quantity * unitPriceUsd), source };
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function scenario(
  id: ScenarioId,
  apiAvailable: boolean,
  servingFraction: number,
  restorable: boolean,
  explanation: string,
  drainAllowed = true,
): ScenarioOutcome {
  return { id, apiAvailable, servingFraction, restorable, drainAllowed, explanation };
}

/** Builds a target report from its line items; `nodes` gives the desired/min/max node counts for the range. */
export function targetReport(props: {
  displayName: string;
  region: string;
  items: readonly Item[];
  nodes: { desired: number; min: number; max: number };
  controlPlane: ControlPlaneReport;
  scenarios: readonly ScenarioOutcome[];
  zoneLossHeadroomPercent: number;
}): TargetReport {
  const lineItems = props.items.map(item);
  const fixed = round(lineItems.filter((l) => !l.perNode).reduce((sum, l) => sum + l.monthlyUsd, 0));
  const perNode = round(lineItems.filter((l) => l.perNode).reduce((sum, l) => sum + l.monthlyUsd, 0));
  const perOneNode = perNode / props.nodes.desired;
  return {
    displayName: props.displayName,
    region: props.region,
    monthlyTotalUsd: round(fixed + perNode),
    fixedMonthlyUsd: fixed,
    perNodeMonthlyUsd: perNode,
    monthlyRangeUsd: { min: round(fixed + perOneNode * props.nodes.min), max: round(fixed + perOneNode * props.nodes.max) },
    lineItems,
    controlPlane: props.controlPlane,
    scenarios: props.scenarios,
    zoneLossHeadroomPercent: props.zoneLossHeadroomPercent,
  };
}

const AS_OF = '(as of 2026-11-22)';
const EKS_PRICING = `https://aws.amazon.com/eks/pricing/ ${AS_OF}`;
const EC2 = `https://aws.amazon.com/ec2/pricing/on-demand/ ${AS_OF}`;
const EBS = `https://aws.amazon.com/ebs/pricing/ ${AS_OF}`;
const VPC = `https://aws.amazon.com/vpc/pricing/ ${AS_OF}`;
const ELB = 'https://aws.amazon.com/elasticloadbalancing/pricing/ (as of 2026-09-20)';
const S3 = `https://aws.amazon.com/s3/pricing/ ${AS_OF}`;
const DATADOG = `https://www.datadoghq.com/pricing/ ${AS_OF}`;
const GKE_PRICING = `https://cloud.google.com/kubernetes-engine/pricing ${AS_OF}`;
const GCE = `https://cloud.google.com/compute/vm-instance-pricing ${AS_OF}`;
const GCE_DISK = `https://cloud.google.com/compute/disks-image-pricing ${AS_OF}`;
const GCP_NAT = `https://cloud.google.com/nat/pricing ${AS_OF}`;
const GCP_LB = `https://cloud.google.com/vpc/network-pricing ${AS_OF}`;
const GCS = `https://cloud.google.com/storage/pricing ${AS_OF}`;
const AKS_PRICING = `https://azure.microsoft.com/en-us/pricing/details/kubernetes-service/ ${AS_OF}`;
const AZ_VM = `https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/ ${AS_OF}`;
const AZ_DISK = `https://azure.microsoft.com/en-us/pricing/details/managed-disks/ ${AS_OF}`;
const AZ_LB = `https://azure.microsoft.com/en-us/pricing/details/load-balancer/ ${AS_OF}`;
const AZ_IP = `https://azure.microsoft.com/en-us/pricing/details/ip-addresses/ ${AS_OF}`;
const AZ_NAT = `https://azure.microsoft.com/en-us/pricing/details/azure-nat-gateway/ ${AS_OF}`;
const AZ_BLOB = `https://azure.microsoft.com/en-us/pricing/details/storage/blobs/ ${AS_OF}`;

const THREE_NODES = { desired: 3, min: 2, max: 6 };

const managedScenarios = (provider: string, zoneRestorable: boolean): ScenarioOutcome[] => [
  scenario(
    'node-loss',
    true,
    2 / 3,
    true,
    'One of 3 nodes lost: 2 of 3 replicas keep serving; the 2 surviving nodes have room for the third.',
  ),
  scenario(
    'zone-loss',
    true,
    2 / 3,
    zoneRestorable,
    zoneRestorable
      ? 'One of 3 zones lost with its node: 2 of 3 replicas keep serving and the remaining nodes fit all 3.'
      : 'One of 3 zones lost with its node: 2 of 3 replicas keep serving, but the 2 remaining nodes lack 250m CPU for the third replica.',
    zoneRestorable,
  ),
  scenario(
    'control-plane-upgrade',
    true,
    1,
    true,
    `${provider} upgrades its replicated control plane one instance at a time; the API stays up.`,
  ),
  scenario(
    'control-plane-instance-loss',
    true,
    1,
    true,
    `${provider} runs several API server instances across zones; losing one is invisible.`,
  ),
];

export const EKS_REPORT: TargetReport = targetReport({
  displayName: 'Amazon EKS',
  region: 'us-east-1',
  nodes: THREE_NODES,
  items: [
    [
      'aws_eks_cluster.cluster',
      'EKS control plane, standard support (Kubernetes 1.33)',
      'control-plane',
      false,
      730,
      0.1,
      'hour',
      EKS_PRICING,
    ],
    ['aws_eks_node_group.default', 'm6i.large worker nodes (3 × 730 h)', 'compute', true, 2190, 0.096, 'instance-hour', EC2],
    ['aws_eks_node_group.default', 'gp3 root volumes, 20 GiB each', 'storage', true, 60, 0.08, 'GB-month', EBS],
    ['aws_nat_gateway.nat', 'NAT gateway (hourly charge; data processing not included)', 'network', false, 730, 0.045, 'hour', VPC],
    ['aws_eip.nat', 'Public IPv4 address of the NAT gateway', 'network', false, 730, 0.005, 'hour', VPC],
    ['Service/web-api', 'Network Load Balancer for Service type=LoadBalancer', 'network', false, 730, 0.0225, 'hour', ELB],
    ['PersistentVolumeClaim/web-api-cache', 'gp3 volume for the PVC, 10 GiB', 'storage', false, 10, 0.08, 'GB-month', EBS],
    ['aws_s3_bucket.state', 'Terraform state bucket (≈1 MB)', 'other', false, 0.001, 0.023, 'GB-month', S3],
    ['datadog_monitor.hosts', 'Datadog Infrastructure Pro, per host', 'monitoring', true, 3, 15, 'host-month', DATADOG],
  ],
  controlPlane: {
    sla: 99.95,
    slaSource: 'https://aws.amazon.com/eks/sla/ (last updated 2022-05-04)',
    modelledAvailability: null,
    model: 'Managed by AWS: the financially backed SLA of the Kubernetes endpoint applies; no instance-level model.',
    tolerates: { instances: 1, zones: 1 },
  },
  scenarios: managedScenarios('EKS', true),
  zoneLossHeadroomPercent: 34.5,
});

export const GKE_REPORT: TargetReport = targetReport({
  displayName: 'Google GKE',
  region: 'us-central1',
  nodes: THREE_NODES,
  items: [
    [
      'google_container_cluster.cluster',
      'GKE cluster management fee (regional Standard cluster)',
      'control-plane',
      false,
      730,
      0.1,
      'hour',
      GKE_PRICING,
    ],
    ['google_container_node_pool.default', 'e2-standard-2 worker nodes (3 × 730 h)', 'compute', true, 2190, 0.067006, 'instance-hour', GCE],
    ['google_container_node_pool.default', 'pd-balanced boot disks, 100 GB each', 'storage', true, 300, 0.1, 'GB-month', GCE_DISK],
    ['google_compute_router_nat.nat', 'Cloud NAT gateway, per VM-hour', 'network', true, 2190, 0.0014, 'VM-hour', GCP_NAT],
    ['Service/web-api', 'Forwarding rule of the Service type=LoadBalancer', 'network', false, 730, 0.025, 'hour', GCP_LB],
    ['PersistentVolumeClaim/web-api-cache', 'pd-balanced volume for the PVC, 10 GB', 'storage', false, 10, 0.1, 'GB-month', GCE_DISK],
    ['google_storage_bucket.state', 'Terraform state bucket (≈1 MB)', 'other', false, 0.001, 0.02, 'GB-month', GCS],
    ['datadog_monitor.hosts', 'Datadog Infrastructure Pro, per host', 'monitoring', true, 3, 15, 'host-month', DATADOG],
  ],
  controlPlane: {
    sla: 99.95,
    slaSource: 'https://cloud.google.com/kubernetes-engine/sla (as of 2026-11-22)',
    modelledAvailability: null,
    model: 'Regional control plane, replicated across 3 zones by Google: the regional SLA applies.',
    tolerates: { instances: 1, zones: 1 },
  },
  scenarios: managedScenarios('GKE', true),
  zoneLossHeadroomPercent: 22,
});

export const AKS_REPORT: TargetReport = targetReport({
  displayName: 'Azure AKS',
  region: 'eastus',
  nodes: THREE_NODES,
  items: [
    ['azurerm_kubernetes_cluster.cluster', 'AKS Standard tier (Uptime SLA)', 'control-plane', false, 730, 0.1, 'hour', AKS_PRICING],
    [
      'azurerm_kubernetes_cluster_node_pool.default',
      'Standard_D2s_v5 worker nodes (3 × 730 h)',
      'compute',
      true,
      2190,
      0.096,
      'instance-hour',
      AZ_VM,
    ],
    ['azurerm_kubernetes_cluster_node_pool.default', 'P6 managed OS disks, 64 GiB each', 'storage', true, 3, 9.29, 'disk-month', AZ_DISK],
    ['Service/web-api', 'Standard Load Balancer rule for Service type=LoadBalancer', 'network', false, 730, 0.025, 'hour', AZ_LB],
    ['azurerm_public_ip.nat', 'Standard static public IPv4 of the NAT gateway', 'network', false, 730, 0.005, 'hour', AZ_IP],
    ['azurerm_nat_gateway.nat', 'NAT gateway (hourly charge; data processing not included)', 'network', false, 730, 0.045, 'hour', AZ_NAT],
    ['PersistentVolumeClaim/web-api-cache', 'Premium SSD P1 for the PVC, 4 GiB', 'storage', false, 1, 0.6, 'disk-month', AZ_DISK],
    ['azurerm_storage_account.state', 'Terraform state blob (≈1 MB)', 'other', false, 0.001, 0.0208, 'GB-month', AZ_BLOB],
    ['datadog_monitor.hosts', 'Datadog Infrastructure Pro, per host', 'monitoring', true, 3, 15, 'host-month', DATADOG],
  ],
  controlPlane: {
    sla: 99.95,
    slaSource: 'https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers (ms.date 2024-06-07)',
    modelledAvailability: null,
    model: 'Standard tier with availability zones: the Uptime SLA for clusters that use zones applies.',
    tolerates: { instances: 1, zones: 1 },
  },
  scenarios: managedScenarios('AKS', false),
  zoneLossHeadroomPercent: -12.5,
});

export const KOPS_REPORT: TargetReport = targetReport({
  displayName: 'kops-style on EC2',
  region: 'us-east-1',
  nodes: THREE_NODES,
  items: [
    [
      'aws_autoscaling_group.control-plane',
      'm6i.large control-plane instances, one per zone (3 × 730 h)',
      'control-plane',
      false,
      2190,
      0.096,
      'instance-hour',
      EC2,
    ],
    ['aws_ebs_volume.etcd-main', 'gp3 etcd-main volumes, 20 GiB × 3', 'control-plane', false, 60, 0.08, 'GB-month', EBS],
    ['aws_ebs_volume.etcd-events', 'gp3 etcd-events volumes, 20 GiB × 3', 'control-plane', false, 60, 0.08, 'GB-month', EBS],
    ['aws_lb.api', 'Network Load Balancer in front of the Kubernetes API', 'network', false, 730, 0.0225, 'hour', ELB],
    ['aws_autoscaling_group.nodes', 'm6i.large worker nodes (3 × 730 h)', 'compute', true, 2190, 0.096, 'instance-hour', EC2],
    ['aws_autoscaling_group.nodes', 'gp3 root volumes, 20 GiB each', 'storage', true, 60, 0.08, 'GB-month', EBS],
    ['aws_nat_gateway.nat', 'NAT gateway (hourly charge; data processing not included)', 'network', false, 730, 0.045, 'hour', VPC],
    ['Service/web-api', 'Network Load Balancer for Service type=LoadBalancer', 'network', false, 730, 0.0225, 'hour', ELB],
    ['aws_s3_bucket.kops-state', 'kops state store bucket (≈1 MB)', 'other', false, 0.001, 0.023, 'GB-month', S3],
    ['datadog_monitor.hosts', 'Datadog Infrastructure Pro, per worker host', 'monitoring', true, 3, 15, 'host-month', DATADOG],
  ],
  controlPlane: {
    sla: null,
    slaSource: 'none: a self-managed control plane has no provider SLA',
    modelledAvailability: 99.98,
    availabilityFactors: [
      {
        component: 'etcd quorum (2 of 3 members: 1 in us-east-1a, 1 in us-east-1b, 1 in us-east-1c)',
        percent: 99.99,
        source: '3 members at 99.5% each, capped at the region-level 99.99% (https://aws.amazon.com/compute/sla/, 2022-05-05)',
      },
      { component: 'API load balancer (3 zones)', percent: 99.99, source: 'https://aws.amazon.com/elasticloadbalancing/sla/ (2022-07-25)' },
    ],
    model:
      '3 control-plane instances in 3 zones; etcd needs 2 of 3. Each instance 99.5% (EC2 instance-level SLA), zones independent: ' +
      'P(at least 2 of 3 up) = 99.9925%, capped at the 99.99% EC2 region-level SLA; the API NLB in series at 99.99%.',
    tolerates: { instances: 1, zones: 1 },
  },
  scenarios: [
    scenario(
      'node-loss',
      true,
      2 / 3,
      true,
      'One of 3 worker nodes lost: 2 of 3 replicas keep serving; the 2 surviving nodes have room for the third.',
    ),
    scenario(
      'zone-loss',
      true,
      2 / 3,
      true,
      'One zone lost: 2 of 3 etcd members keep quorum; 2 of 3 replicas keep serving and the remaining nodes fit all 3.',
    ),
    scenario(
      'control-plane-upgrade',
      true,
      1,
      true,
      'kops rolling-update replaces one control-plane instance at a time; etcd keeps quorum throughout.',
    ),
    scenario('control-plane-instance-loss', true, 1, true, 'Losing 1 of 3 control-plane instances leaves etcd with quorum (2 of 3).'),
  ],
  zoneLossHeadroomPercent: 34.5,
});

export const FIXTURE_REPORT: ComparisonReport = {
  generatedAt: '2026-11-22T10:00:00.000Z',
  assumptions: {
    hoursPerMonth: 730,
    regions: { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' },
    priceCatalogDate: '2026-11-22',
    currency: 'USD',
    notes: [
      'NAT and load balancer data processing is not included (it depends on traffic).',
      'On-Demand list prices, Linux; no committed-use, reserved or spot discounts.',
    ],
  },
  targets: { eks: EKS_REPORT, gke: GKE_REPORT, aks: AKS_REPORT, kops: KOPS_REPORT },
};

/** The fixture with one target replaced (or patched). */
export function withTarget(id: TargetId, patch: Partial<TargetReport>, report: ComparisonReport = FIXTURE_REPORT): ComparisonReport {
  return { ...report, targets: { ...report.targets, [id]: { ...report.targets[id], ...patch } } };
}
