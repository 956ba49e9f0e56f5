/**
 * One published availability commitment: the monthly uptime percentage, where it is published and the date
 * the page reflects. `percent` is null where the provider makes no financially backed commitment.
 */
export interface SlaFact {
  readonly percent: number | null;
  readonly source: string;
  /** ISO date (YYYY-MM-DD) the published text reflects ("last updated" where stated, else the date it was read). */
  readonly asOf: string;
  readonly note?: string;
}

export type SlaKey =
  | 'eks'
  | 'gkeRegional'
  | 'gkeZonal'
  | 'aksStandardWithZones'
  | 'aksStandardNoZones'
  | 'aksPremiumWithZones'
  | 'aksPremiumNoZones'
  | 'aksFree'
  | 'ec2Instance'
  | 'ec2Region';

const READ_ON = '2026-11-22';

const EKS_SLA = 'https://aws.amazon.com/eks/sla/';
const GKE_PRICING = 'https://cloud.google.com/kubernetes-engine/pricing';
const AKS_TIERS = 'https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers';
const COMPUTE_SLA = 'https://aws.amazon.com/compute/sla/';

/** AKS Standard and Premium share one Uptime SLA (the Premium tier adds long-term support, not availability). */
const AKS_UPTIME_NOTE =
  'Kubernetes API server endpoint, Uptime SLA enabled by default in the Standard and Premium tiers. Read from the ' +
  'MicrosoftDocs/azure-aks-docs source of the page (ms.date 2024-06-07).';

const COMPUTE_SLA_NOTE =
  'Read from the stored copy of the Compute SLA text last updated 2022-05-05 (aws.amazon.com/compute/sla/historical/), ' +
  'which defines a Region-Level and an Instance-Level SLA; the current page keeps both figures.';

/**
 * Published control-plane SLAs of the managed services, plus the EC2 figures that a self-managed (kops)
 * control plane's modelled availability rests on.
 */
export const SLA_CATALOG: Readonly<Record<SlaKey, SlaFact>> = {
  eks: {
    percent: 99.95,
    source: EKS_SLA,
    asOf: '2022-05-04',
    note: 'Monthly uptime of the Kubernetes endpoint of an EKS cluster (SLA last updated 2022-05-04). Verified against a stored copy.',
  },
  gkeRegional: {
    percent: 99.95,
    source: GKE_PRICING,
    asOf: READ_ON,
    note: 'Financially backed control-plane availability of regional Standard clusters, as stated on the stored pricing page.',
  },
  gkeZonal: {
    percent: 99.5,
    source: GKE_PRICING,
    asOf: READ_ON,
    note:
      'Financially backed control-plane availability of zonal Standard clusters, as stated on the stored pricing page. ' +
      'A zonal control plane is a single replica: control-plane upgrades make the API unavailable.',
  },
  aksStandardWithZones: {
    percent: 99.95,
    source: AKS_TIERS,
    asOf: '2024-06-07',
    note: `With availability zones. ${AKS_UPTIME_NOTE}`,
  },
  aksStandardNoZones: {
    percent: 99.9,
    source: AKS_TIERS,
    asOf: '2024-06-07',
    note: `Without availability zones. ${AKS_UPTIME_NOTE}`,
  },
  aksPremiumWithZones: {
    percent: 99.95,
    source: AKS_TIERS,
    asOf: '2024-06-07',
    note: `With availability zones. ${AKS_UPTIME_NOTE}`,
  },
  aksPremiumNoZones: {
    percent: 99.9,
    source: AKS_TIERS,
    asOf: '2024-06-07',
    note: `Without availability zones. ${AKS_UPTIME_NOTE}`,
  },
  aksFree: {
    percent: null,
    source: AKS_TIERS,
    asOf: '2024-06-07',
    note:
      'Free tier: no financially backed SLA (Uptime SLA is a Standard/Premium feature). Microsoft states a service level ' +
      'objective of 99.5% for free clusters (docs.azure.cn/en-us/aks/uptime-sla), which is not a commitment.',
  },
  ec2Instance: {
    percent: 99.5,
    source: COMPUTE_SLA,
    asOf: '2022-05-05',
    note: `Instance-Level SLA: each individual EC2 instance. ${COMPUTE_SLA_NOTE}`,
  },
  ec2Region: {
    percent: 99.99,
    source: COMPUTE_SLA,
    asOf: '2022-05-05',
    note: 'Region-Level SLA: EC2 with all running instances deployed concurrently across two or more AZs of a region. ' + COMPUTE_SLA_NOTE,
  },
};

const ELB_SLA = 'https://aws.amazon.com/elasticloadbalancing/sla/';

/**
 * ELB's two commitments (SLA last updated 2022-07-25, read 2026-11): what a kops API load balancer
 * contributes in series to the control plane's modelled availability.
 */
export const LOAD_BALANCER_SLAS: Readonly<Record<'elbMultiAz' | 'elbSingleAz', SlaFact>> = {
  elbMultiAz: {
    percent: 99.99,
    source: ELB_SLA,
    asOf: '2022-07-25',
    note: 'Multi-AZ Load Balancer SLA: a load balancer deployed concurrently across two or more AZs.',
  },
  elbSingleAz: {
    percent: 99.9,
    source: ELB_SLA,
    asOf: '2022-07-25',
    note: 'Single Load Balancer SLA: a load balancer deployed in only one AZ.',
  },
};
