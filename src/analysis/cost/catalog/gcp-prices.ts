import type { CloudPrices, PriceFact, RegionPrices } from './price-fact';

/*
 * Google Cloud list prices (USD, on-demand) for the SKUs the cost model prices.
 *
 * `source` is the vendor's own pricing page for the number; when the figure was read from a secondary
 * page quoting it rather than from the vendor page or a stored mirror of it, `readFrom` names that page. A `note` containing
 * NOT_VERIFIED marks a best-knowledge list price that no stored page confirmed; `source` then names
 * the vendor page a reviewer should check. `asOf` is the date the page states, else the date it was read.
 */

const READ_ON = '2026-11-22';
const NOT_VERIFIED = 'Not verified against a stored page (best-knowledge list price; check before relying on it).';

const VM_PRICING = 'https://cloud.google.com/compute/vm-instance-pricing';
const GKE_PRICING = 'https://cloud.google.com/kubernetes-engine/pricing';
const DISK_PRICING = 'https://cloud.google.com/compute/disks-image-pricing';
const NAT_PRICING = 'https://cloud.google.com/nat/pricing';
const LB_PRICING = 'https://cloud.google.com/load-balancing/pricing';
const STORAGE_PRICING = 'https://cloud.google.com/storage/pricing';

// Prices that are the same in every region.

const GKE_CLUSTER_FEE: PriceFact = {
  usd: 0.1,
  unit: 'hour',
  source: GKE_PRICING,
  asOf: READ_ON,
  note:
    'Flat per cluster-hour (Standard edition), any mode, size or topology, charged in 1-second increments. ' +
    'Verified against stored copies of the vendor page.',
};

const GKE_FREE_TIER_CREDIT: PriceFact = {
  usd: 74.4,
  unit: 'month',
  source: GKE_PRICING,
  asOf: READ_ON,
  note:
    'Monthly credit per billing account (a positive amount to subtract), equal to one cluster fee for 744 hours. ' +
    'It applies only to the fee of one zonal Standard or Autopilot cluster, never to regional clusters or to ' +
    'compute; unused credit does not roll over. Verified against a stored copy of the vendor page.',
};

const NAT_VM_HOUR: PriceFact = {
  usd: 0.0014,
  unit: 'VM-hour',
  source: NAT_PRICING,
  asOf: READ_ON,
  note:
    'Public NAT gateway: $0.0014 per hour per VM instance using the gateway, capped at 32 VMs, i.e. at most ' +
    '$0.044 per gateway-hour. External IPs used by the gateway are billed separately ($0.005/hour). ' +
    'Verified against stored copies of the vendor page.',
};

const NAT_DATA: PriceFact = {
  usd: 0.045,
  unit: 'GiB',
  source: NAT_PRICING,
  asOf: READ_ON,
  note:
    'Per GiB processed, inbound and outbound; the page states the same price in all regions. Data transfer out ' +
    'is billed on top. Verified against stored copies of the vendor page.',
};

const EXTERNAL_IPV4: PriceFact = {
  usd: 0.005,
  unit: 'IP-hour',
  source: NAT_PRICING,
  asOf: READ_ON,
  note:
    'Static or ephemeral external IPv4 in use by a VM or a Cloud NAT gateway. Verified for IPs used by a Cloud NAT ' +
    'gateway on the stored NAT page; the same rate applies to IPs on standard VMs. IPs attached to forwarding rules ' +
    '(load balancers) are not charged (https://cloud.google.com/vpc/network-pricing#ipaddress). Reserved but unused ' +
    'static IPs cost more.',
};

const GCS_STANDARD: PriceFact = {
  usd: 0.02,
  unit: 'GB-month',
  source: STORAGE_PRICING,
  asOf: READ_ON,
  note:
    'Standard storage in a single region; the stored vendor page lists $0.020 for both Iowa (us-central1) and ' + 'Belgium (europe-west1).',
};

const US_CENTRAL1: RegionPrices = {
  'gce:e2-medium': {
    usd: 0.033503,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand; shared-core, billed as 1 vCPU + 4 GB. ${NOT_VERIFIED}`,
  },
  'gce:e2-standard-2': {
    usd: 0.067006,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand (2 x $0.021811 vCPU-hour + 8 x $0.002923 GB-hour). ${NOT_VERIFIED}`,
  },
  'gce:e2-standard-4': {
    usd: 0.134012,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand (4 vCPU, 16 GB). ${NOT_VERIFIED}`,
  },
  'gke:cluster-management-fee': GKE_CLUSTER_FEE,
  'gke:free-tier-credit': GKE_FREE_TIER_CREDIT,
  'pd:balanced-storage': {
    usd: 0.1,
    unit: 'GiB-month',
    source: DISK_PRICING,
    readFrom: 'https://c3x.dev/blog/gcp-persistent-disk-types-cost/',
    asOf: READ_ON,
    note: `pd-balanced provisioned capacity. Secondary source (gives ~$0.10); vendor page: ${DISK_PRICING}.`,
  },
  'pd:standard-storage': {
    usd: 0.04,
    unit: 'GiB-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note:
      'pd-standard provisioned capacity. The stored vendor page states that, at US pricing, a 200 GB standard ' +
      'PD costs $8.00 for a month.',
  },
  'nat:gateway-vm-hour': NAT_VM_HOUR,
  'nat:data': NAT_DATA,
  'lb:forwarding-rule': {
    usd: 0.025,
    unit: 'hour',
    source: LB_PRICING,
    asOf: READ_ON,
    note:
      'Per forwarding rule-hour for the first 5 rules; each additional rule is $0.01/hour; data processed is ' +
      'extra. Verified against stored copies of the vendor page (global rule table).',
  },
  'ip:external-ipv4': EXTERNAL_IPV4,
  'gcs:standard-storage': GCS_STANDARD,
};

const E2_EUROPE_WEST1_NOTE =
  'Corroborated by a price table in github.com/mylonasc/iac-gke-k8s (e2-machine-cost.md), which is not a ' + 'stored vendor page.';

const EUROPE_WEST1: RegionPrices = {
  'gce:e2-medium': {
    usd: 0.0369,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand; shared-core. ${NOT_VERIFIED} ${E2_EUROPE_WEST1_NOTE}`,
  },
  'gce:e2-standard-2': {
    usd: 0.0737,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand (2 vCPU, 8 GB). ${NOT_VERIFIED} ${E2_EUROPE_WEST1_NOTE}`,
  },
  'gce:e2-standard-4': {
    usd: 0.1474,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `On-demand (4 vCPU, 16 GB). ${NOT_VERIFIED} ${E2_EUROPE_WEST1_NOTE}`,
  },
  'gke:cluster-management-fee': GKE_CLUSTER_FEE,
  'gke:free-tier-credit': GKE_FREE_TIER_CREDIT,
  'pd:balanced-storage': {
    usd: 0.1,
    unit: 'GiB-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `pd-balanced provisioned capacity; Belgium is priced like us-central1. ${NOT_VERIFIED}`,
  },
  'pd:standard-storage': {
    usd: 0.04,
    unit: 'GiB-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `pd-standard provisioned capacity; Belgium is priced like us-central1. ${NOT_VERIFIED}`,
  },
  'nat:gateway-vm-hour': NAT_VM_HOUR,
  'nat:data': NAT_DATA,
  'lb:forwarding-rule': {
    usd: 0.025,
    unit: 'hour',
    source: LB_PRICING,
    asOf: READ_ON,
    note:
      'Per forwarding rule-hour for the first 5 rules ($0.01/hour each after). The stored vendor page verifies ' +
      `the global-rule rate only; for the europe-west1 regional rate: ${NOT_VERIFIED}`,
  },
  'ip:external-ipv4': EXTERNAL_IPV4,
  'gcs:standard-storage': GCS_STANDARD,
};

/**
 * Google Cloud Managed Service for Prometheus ingestion (global price, first 50 billion samples a month).
 * The stored 2023 copy of the pricing page lists $0.15/million; Google cut it to $0.06/million, as a
 * 2026 secondary source states (https://faun.dev/sensei/academy/go/observability-with-prometheus-and-grafana-bef52c-b/strategies-to-scale-prometheus-managed-prometheu-2/google-cloud-managed-service-for-prometheus-bbfd36).
 */
const GMP_SAMPLES: PriceFact = {
  usd: 0.06,
  unit: 'million samples',
  source: 'https://cloud.google.com/stackdriver/pricing',
  asOf: READ_ON,
  note: 'Managed Service for Prometheus, first 0-50 billion samples ingested per month; read from a secondary source (the stored vendor page is a 2023 copy at $0.15).',
};

const SPOT_PRICING = 'https://cloud.google.com/spot-vms/pricing';

const LOGGING_INGEST: PriceFact = {
  usd: 0.5,
  unit: 'GiB',
  source: 'https://cloud.google.com/stackdriver/pricing',
  asOf: READ_ON,
  note:
    'Cloud Logging ingestion (includes 30 days of storage in the _Default bucket); the first 50 GiB per project per ' +
    `month are free (not applied: other logs use them). ${NOT_VERIFIED}`,
};

/** Spot VM list prices: Google may change them up to once every 30 days, so each is a dated reading. */
function spot(usd: number, shape: string): PriceFact {
  return {
    usd,
    unit: 'hour',
    source: SPOT_PRICING,
    asOf: READ_ON,
    note:
      `Spot VM (${shape}). ${NOT_VERIFIED} Compute Engine can preempt Spot VMs at any time with a 30-second ` +
      'notice, and a preemption can take many VMs of one zone at once.',
  };
}

/** Google Cloud prices by region name. */
export const GCP_PRICES: CloudPrices = {
  'us-central1': {
    ...US_CENTRAL1,
    'gmp:samples': GMP_SAMPLES,
    'logging:ingest': LOGGING_INGEST,
    'gce-spot:e2-medium': spot(0.010051, 'shared-core, 1 vCPU + 4 GB billed'),
    'gce-spot:e2-standard-2': spot(0.020102, '2 vCPU, 8 GB'),
    'gce-spot:e2-standard-4': spot(0.040204, '4 vCPU, 16 GB'),
  },
  'europe-west1': {
    ...EUROPE_WEST1,
    'gmp:samples': GMP_SAMPLES,
    'logging:ingest': LOGGING_INGEST,
    'gce-spot:e2-medium': spot(0.011071, 'shared-core, 1 vCPU + 4 GB billed'),
    'gce-spot:e2-standard-2': spot(0.022142, '2 vCPU, 8 GB'),
    'gce-spot:e2-standard-4': spot(0.044284, '4 vCPU, 16 GB'),
  },
};
