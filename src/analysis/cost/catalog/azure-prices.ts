import { pricesOf, type CloudPrices, type PriceFact, type RegionPrices } from './price-fact';

/*
 * Azure list prices (USD, pay-as-you-go, Linux) for the SKUs the cost model prices.
 *
 * `source` is the vendor's own pricing page for the number; when the figure was read from a secondary
 * page quoting it rather than from the vendor page or a stored mirror of it, `readFrom` names that page. A `note` containing
 * NOT_VERIFIED marks a best-knowledge list price that no stored page confirmed; `source` then names
 * the vendor page a reviewer should check. `asOf` is the date the page states, else the date it was read.
 *
 * Managed disks are billed per disk per month by size tier (a 100 GiB Premium SSD is billed as a P10),
 * so the disk keys carry unit 'disk-month' and name the tier size in the note.
 */

const READ_ON = '2026-11-22';
const NOT_VERIFIED = 'Not verified against a stored page (best-knowledge list price; check before relying on it).';

const VM_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/';
const AKS_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/kubernetes-service/';
const DISK_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/managed-disks/';
const LB_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/load-balancer/';
const IP_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/ip-addresses/';
const NAT_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/azure-nat-gateway/';
const BLOB_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/storage/blobs/';

const RETAIL_API_CORROBORATION = 'Matches Azure Retail Prices API records quoted in public test fixtures, which are not stored pages.';

// Prices that are the same in every region.

const AKS_STANDARD: PriceFact = {
  usd: 0.1,
  unit: 'hour',
  source: AKS_PRICING,
  readFrom: 'https://techcommunity.microsoft.com/t5/apps-on-azure-blog/aks-introduces-uptime-sla/ba-p/1350832',
  asOf: '2020-05-13',
  note:
    'Per cluster-hour. Microsoft announced the Uptime SLA add-on at $0.10/hour per cluster (2020-05-13); it became ' +
    `the Standard tier at the same rate, as techmarmot.com's 2026 AKS pricing analysis confirms. Vendor page: ${AKS_PRICING}.`,
};

const AKS_PREMIUM: PriceFact = {
  usd: 0.6,
  unit: 'hour',
  source: AKS_PRICING,
  asOf: READ_ON,
  note: `Per cluster-hour; Standard tier plus Long-Term Support (two years per Kubernetes version). ${NOT_VERIFIED}`,
};

const EASTUS: RegionPrices = {
  'vm:Standard_B2s': {
    usd: 0.0416,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go (2 vCPU, 4 GiB, burstable). ${NOT_VERIFIED} ${RETAIL_API_CORROBORATION}`,
  },
  'vm:Standard_D2s_v5': {
    usd: 0.096,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go (2 vCPU, 8 GiB). ${NOT_VERIFIED} ${RETAIL_API_CORROBORATION}`,
  },
  'vm:Standard_D4s_v5': {
    usd: 0.192,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go (4 vCPU, 16 GiB). ${NOT_VERIFIED}`,
  },
  'aks:standard-tier': AKS_STANDARD,
  'aks:premium-tier': AKS_PREMIUM,
  'disk:standard-ssd-e4': {
    usd: 2.4,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E4, 32 GiB, LRS; transactions extra. ${NOT_VERIFIED} Consistent with E30 (1 TiB) at $76.80 on lucidity.cloud.`,
  },
  'disk:standard-ssd-e6': {
    usd: 4.8,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E6, 64 GiB, LRS; transactions extra. ${NOT_VERIFIED}`,
  },
  'disk:standard-ssd-e10': {
    usd: 9.6,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E10, 128 GiB, LRS; transactions extra. ${NOT_VERIFIED} ${RETAIL_API_CORROBORATION}`,
  },
  'disk:standard-ssd-e15': {
    usd: 19.2,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E15, 256 GiB, LRS; transactions extra. ${NOT_VERIFIED}`,
  },
  'disk:standard-ssd-e20': {
    usd: 38.4,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E20, 512 GiB, LRS; transactions extra. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p4': {
    usd: 5.28,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P4, 32 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p6': {
    usd: 10.21,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P6, 64 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p10': {
    usd: 19.71,
    unit: 'disk-month',
    source: DISK_PRICING,
    readFrom: 'https://searchcloudcomputing.techtarget.com/answer/How-does-Azure-Premium-Storage-billing-work',
    asOf: READ_ON,
    note: `Premium SSD P10, 128 GiB, LRS. Secondary source; vendor page: ${DISK_PRICING}. ${RETAIL_API_CORROBORATION}`,
  },
  'disk:premium-ssd-p15': {
    usd: 38.01,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P15, 256 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p20': {
    usd: 73.22,
    unit: 'disk-month',
    source: DISK_PRICING,
    readFrom: 'https://searchcloudcomputing.techtarget.com/answer/How-does-Azure-Premium-Storage-billing-work',
    asOf: READ_ON,
    note: `Premium SSD P20, 512 GiB, LRS. Secondary source; vendor page: ${DISK_PRICING}.`,
  },
  'lb:standard-rule': {
    usd: 0.025,
    unit: 'hour',
    source: LB_PRICING,
    readFrom: 'https://c3x.dev/resources/azure/azurerm_lb',
    asOf: READ_ON,
    note:
      'Standard Load Balancer: $0.025/hour covers the first 5 rules (load-balancing, outbound, inbound NAT); ' +
      `each further rule is $0.01/hour. Secondary source; vendor page: ${LB_PRICING}.`,
  },
  'lb:standard-data': {
    usd: 0.005,
    unit: 'GB',
    source: LB_PRICING,
    readFrom: 'https://c3x.dev/resources/azure/azurerm_lb',
    asOf: READ_ON,
    note: `Per GB processed by a Standard Load Balancer. Secondary source; vendor page: ${LB_PRICING}.`,
  },
  'ip:public-ipv4-standard': {
    usd: 0.005,
    unit: 'IP-hour',
    source: IP_PRICING,
    readFrom: 'https://c3x.dev/resources/azure/azurerm_public_ip',
    asOf: READ_ON,
    note: `Standard SKU public IPv4, billed whether attached or not. Secondary source; vendor page: ${IP_PRICING}.`,
  },
  'nat:gateway': {
    usd: 0.045,
    unit: 'hour',
    source: NAT_PRICING,
    readFrom: 'https://c3x.dev/resources/azure/azurerm_nat_gateway/',
    asOf: READ_ON,
    note: `Per NAT gateway-hour; its public IPs are billed separately. Secondary source; vendor page: ${NAT_PRICING}.`,
  },
  'nat:data': {
    usd: 0.045,
    unit: 'GB',
    source: NAT_PRICING,
    readFrom: 'https://c3x.dev/resources/azure/azurerm_nat_gateway/',
    asOf: READ_ON,
    note: `Per GB processed by the NAT gateway. Secondary source; vendor page: ${NAT_PRICING}.`,
  },
  'storage:blob-hot-lrs': {
    usd: 0.0184,
    unit: 'GB-month',
    source: BLOB_PRICING,
    asOf: READ_ON,
    note: `Block blob, Hot tier, LRS, first 50 TB/month. ${NOT_VERIFIED} ${RETAIL_API_CORROBORATION}`,
  },
};

const WESTEUROPE_FIXTURE =
  'Matches Azure Retail Prices API records for westeurope (recorded 2026-09) quoted in a public test fixture, ' +
  'which is not a stored page.';
const SAME_AS_EASTUS = 'Assumed priced as in eastus.';

const WESTEUROPE: RegionPrices = {
  'vm:Standard_B2s': {
    usd: 0.048,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go. ${NOT_VERIFIED}`,
  },
  'vm:Standard_D2s_v5': {
    usd: 0.115,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'vm:Standard_D4s_v5': {
    usd: 0.23,
    unit: 'hour',
    source: VM_PRICING,
    asOf: READ_ON,
    note: `Linux pay-as-you-go. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'aks:standard-tier': AKS_STANDARD,
  'aks:premium-tier': AKS_PREMIUM,
  'disk:standard-ssd-e4': {
    usd: 2.4,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E4, 32 GiB, LRS. ${NOT_VERIFIED} Derived from the westeurope E30 fixture price ($76.80, same as eastus).`,
  },
  'disk:standard-ssd-e6': {
    usd: 4.8,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E6, 64 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:standard-ssd-e10': {
    usd: 9.6,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E10, 128 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:standard-ssd-e15': {
    usd: 19.2,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E15, 256 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:standard-ssd-e20': {
    usd: 38.4,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Standard SSD E20, 512 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p4': {
    usd: 5.81,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P4, 32 GiB, LRS. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'disk:premium-ssd-p6': {
    usd: 11.23,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P6, 64 GiB, LRS. ${NOT_VERIFIED}`,
  },
  'disk:premium-ssd-p10': {
    usd: 21.68,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P10, 128 GiB, LRS. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'disk:premium-ssd-p15': {
    usd: 41.81,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P15, 256 GiB, LRS. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'disk:premium-ssd-p20': {
    usd: 80.54,
    unit: 'disk-month',
    source: DISK_PRICING,
    asOf: READ_ON,
    note: `Premium SSD P20, 512 GiB, LRS. ${NOT_VERIFIED} ${WESTEUROPE_FIXTURE}`,
  },
  'lb:standard-rule': {
    usd: 0.025,
    unit: 'hour',
    source: LB_PRICING,
    asOf: READ_ON,
    note: `Standard Load Balancer, first 5 rules ($0.01/hour per further rule). ${NOT_VERIFIED} ${SAME_AS_EASTUS}`,
  },
  'lb:standard-data': {
    usd: 0.005,
    unit: 'GB',
    source: LB_PRICING,
    asOf: READ_ON,
    note: `${NOT_VERIFIED} ${SAME_AS_EASTUS}`,
  },
  'ip:public-ipv4-standard': {
    usd: 0.005,
    unit: 'IP-hour',
    source: IP_PRICING,
    asOf: READ_ON,
    note: `${NOT_VERIFIED} ${SAME_AS_EASTUS}`,
  },
  'nat:gateway': {
    usd: 0.045,
    unit: 'hour',
    source: NAT_PRICING,
    asOf: READ_ON,
    note: `${NOT_VERIFIED} ${SAME_AS_EASTUS}`,
  },
  'nat:data': {
    usd: 0.045,
    unit: 'GB',
    source: NAT_PRICING,
    asOf: READ_ON,
    note: `${NOT_VERIFIED} ${SAME_AS_EASTUS}`,
  },
  'storage:blob-hot-lrs': {
    usd: 0.0196,
    unit: 'GB-month',
    source: BLOB_PRICING,
    asOf: READ_ON,
    note: `Block blob, Hot tier, LRS, first 50 TB/month. ${NOT_VERIFIED}`,
  },
};

/** Azure prices by region name. */
/** Azure Monitor managed service for Prometheus: metrics ingestion per 10 million samples. */
const AZMON_PROMETHEUS_SAMPLES: PriceFact = {
  usd: 0.16,
  unit: '10M samples',
  source: 'https://azure.microsoft.com/pricing/details/monitor/',
  asOf: READ_ON,
  note: `Metrics ingestion (Prometheus) per 10 million samples; queries billed separately. ${NOT_VERIFIED}`,
};

const MONITOR_PRICING = 'https://azure.microsoft.com/en-us/pricing/details/monitor/';
const RETAIL_PRICES_API = 'https://prices.azure.com/api/retail/prices';

/** Spot VM prices vary by region and over time; one dated reading of the Retail Prices API's "Spot" meters. */
const spot = pricesOf({
  unit: 'hour',
  source: RETAIL_PRICES_API,
  asOf: READ_ON,
  note:
    `Linux Spot meter (pay-as-you-go). ${NOT_VERIFIED} Azure can evict Spot VMs at any time with a 30-second notice ` +
    '(capacity or price), and an eviction can take many nodes of one pool at once.',
});

const logAnalytics = pricesOf({
  unit: 'GB',
  source: MONITOR_PRICING,
  asOf: READ_ON,
  note:
    'Log Analytics, Analytics Logs pay-as-you-go ingestion; 31 days of retention included; the free monthly 5 GB ' +
    `allowance is not applied. ${NOT_VERIFIED} monitoringcost.com/azure-monitor-cost (2026) gives ~$2.30/GB as the general rate.`,
});

export const AZURE_PRICES: CloudPrices = {
  eastus: {
    ...EASTUS,
    'azmon:prometheus-samples': AZMON_PROMETHEUS_SAMPLES,
    'vm-spot:Standard_B2s': spot(0.0083),
    'vm-spot:Standard_D2s_v5': spot(0.0115),
    'vm-spot:Standard_D4s_v5': spot(0.023),
    'loganalytics:ingest': logAnalytics(2.3),
  },
  westeurope: {
    ...WESTEUROPE,
    'azmon:prometheus-samples': AZMON_PROMETHEUS_SAMPLES,
    'vm-spot:Standard_B2s': spot(0.0096),
    'vm-spot:Standard_D2s_v5': spot(0.0138),
    'vm-spot:Standard_D4s_v5': spot(0.0276),
    'loganalytics:ingest': logAnalytics(2.99),
  },
};
