import type { CloudPrices, PriceFact, RegionPrices } from './price-fact';
import { EU_WEST_1_USAGE, US_EAST_1_USAGE } from './aws-usage-prices';

/*
 * AWS list prices (USD, On-Demand, Linux) for the SKUs the cost model prices.
 *
 * How to read `source`, `readFrom` and `note`:
 * - `source` is the vendor's own pricing page for the number. When the figure was read from a
 *   secondary page quoting it rather than from the vendor page (or a stored mirror / verbatim
 *   transcription of it, named in `note`), `readFrom` names that page.
 * - A `note` that starts with NOT_VERIFIED marks a best-knowledge list price that no stored page confirmed;
 *   `source` then names the vendor page a reviewer should check.
 * - `asOf` is the date the page states, else the date it was read (READ_ON).
 */

const READ_ON = '2026-11-22';
const NOT_VERIFIED = 'Not verified against a stored page (best-knowledge list price; check before relying on it).';

const EC2_ON_DEMAND = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const EKS_PRICING = 'https://aws.amazon.com/eks/pricing/';
const EKS_PRICING_BLOG = 'https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/';
const EBS_PRICING = 'https://aws.amazon.com/ebs/pricing/';
const VPC_PRICING = 'https://aws.amazon.com/vpc/pricing/';
const ELB_PRICING = 'https://aws.amazon.com/elasticloadbalancing/pricing/';
const KMS_PRICING = 'https://aws.amazon.com/kms/pricing/';
const S3_PRICING = 'https://aws.amazon.com/s3/pricing/';
const CLOUDWATCH_PRICING = 'https://aws.amazon.com/cloudwatch/pricing/';

/** The ELB figures come from a verbatim transcription of the vendor page, dated 2026-09-20. */
const ELB_TRANSCRIPTION_DATE = '2026-09-20';
const ELB_TRANSCRIPTION_NOTE =
  'Read from a verbatim transcription of the AWS ELB pricing page dated 2026-09-20 ' +
  '(github.com/api-evangelist/amazon-elastic-load-balancing, plans/amazon-elastic-load-balancing-plans-pricing.yml); ' +
  'the page states these rates in its us-east-1 pricing examples.';

// Prices that are the same in every commercial region.

const EKS_STANDARD: PriceFact = {
  usd: 0.1,
  unit: 'hour',
  source: EKS_PRICING,
  asOf: '2024-04-01',
  note:
    `Per cluster-hour for a Kubernetes version in standard support. The AWS blog (${EKS_PRICING_BLOG}) states the ` +
    'rate and the April 2024 effective date; cloudburn.io/blog/amazon-eks-pricing (March 2026, from the vendor page) confirms it unchanged.',
};

const EKS_EXTENDED: PriceFact = {
  usd: 0.6,
  unit: 'hour',
  source: EKS_PRICING,
  asOf: '2024-04-01',
  note:
    'Total per cluster-hour (not an add-on) while the cluster runs a Kubernetes version in extended support, ' +
    `effective from the April 2024 billing cycle, as the AWS announcement states (${EKS_PRICING_BLOG}).`,
};

const PUBLIC_IPV4: PriceFact = {
  usd: 0.005,
  unit: 'IP-hour',
  source: VPC_PRICING,
  readFrom: 'https://www.doit.com/aws-public-ipv4-price-increase-the-complete-guide/',
  asOf: '2024-02-01',
  note:
    'Every public IPv4 address (EC2, NAT gateway, load balancer), attached or idle, since 2024-02-01; the ' +
    `same rate in all regions. Secondary source; the vendor page is ${VPC_PRICING}.`,
};

const KMS_KEY: PriceFact = {
  usd: 1,
  unit: 'month',
  source: KMS_PRICING,
  asOf: READ_ON,
  note:
    'Per customer managed key, prorated hourly; each automatic rotation adds $1/month; API requests beyond ' +
    '20,000/month are extra. Verified against a stored copy of the vendor page.',
};

const US_EAST_1: RegionPrices = {
  'ec2:t3.medium': {
    usd: 0.0416,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    readFrom: 'https://hacecuentas.com/en/costo-servidor-cloud-aws-ec2-mensual',
    asOf: '2026-04-17',
    note: `On-Demand Linux. Secondary source (reviewed 2026-04-17); the vendor page is ${EC2_ON_DEMAND}.`,
  },
  'ec2:m6i.large': {
    usd: 0.096,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    asOf: READ_ON,
    note: `On-Demand Linux. ${NOT_VERIFIED} Half of the m6i.xlarge rate below, as AWS prices sizes within a family linearly.`,
  },
  'ec2:m6i.xlarge': {
    usd: 0.192,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    readFrom: 'https://c3x.dev/blog/m5-vs-m6i-vs-m7i-cost-performance',
    asOf: READ_ON,
    note: `On-Demand Linux, us-east-1 ($140.16/month). Secondary source; the vendor page is ${EC2_ON_DEMAND}.`,
  },
  'eks:cluster-standard': EKS_STANDARD,
  'eks:cluster-extended': EKS_EXTENDED,
  'ebs:gp3-storage': {
    usd: 0.08,
    unit: 'GiB-month',
    source: EBS_PRICING,
    readFrom: 'https://www.saisci.com/aws/gp2-vs-gp3-cost-comparison-ebs-volumes/',
    asOf: '2021-02-04',
    note:
      '3,000 IOPS and 125 MB/s are included; more is $0.005 per provisioned IOPS-month and $0.04 per MB/s-month. ' +
      `Secondary source quoting the vendor page (${EBS_PRICING}); the rate has not changed since gp3 launched.`,
  },
  'vpc:nat-gateway': {
    usd: 0.045,
    unit: 'hour',
    source: VPC_PRICING,
    readFrom: 'https://basavytix.com/blog/aws-nat-gateway-pricing',
    asOf: READ_ON,
    note: `Per NAT gateway-hour, us-east-1. Its public IPv4 is billed separately. Secondary source; vendor page: ${VPC_PRICING}.`,
  },
  'vpc:nat-gateway-data': {
    usd: 0.045,
    unit: 'GB',
    source: VPC_PRICING,
    readFrom: 'https://basavytix.com/blog/aws-nat-gateway-pricing',
    asOf: READ_ON,
    note: 'Per GB processed in either direction, on top of data transfer out. Secondary source; ' + `vendor page: ${VPC_PRICING}.`,
  },
  'vpc:public-ipv4': PUBLIC_IPV4,
  'elb:nlb': {
    usd: 0.0225,
    unit: 'hour',
    source: ELB_PRICING,
    readFrom: 'https://awsnegotiations.com/elastic-load-balancer-cost.html',
    asOf: READ_ON,
    note: `Per Network Load Balancer-hour, US East (published May 2026). Secondary source; vendor page: ${ELB_PRICING}.`,
  },
  'elb:nlb-lcu': {
    usd: 0.006,
    unit: 'NLCU-hour',
    source: ELB_PRICING,
    asOf: ELB_TRANSCRIPTION_DATE,
    note: `${ELB_TRANSCRIPTION_NOTE} One NLCU (TCP): 800 new connections/s, 100,000 active connections, 1 GB/hour.`,
  },
  'elb:alb': {
    usd: 0.0225,
    unit: 'hour',
    source: ELB_PRICING,
    asOf: ELB_TRANSCRIPTION_DATE,
    note: `Per Application Load Balancer-hour. ${ELB_TRANSCRIPTION_NOTE}`,
  },
  'elb:alb-lcu': {
    usd: 0.008,
    unit: 'LCU-hour',
    source: ELB_PRICING,
    asOf: ELB_TRANSCRIPTION_DATE,
    note:
      `${ELB_TRANSCRIPTION_NOTE} One LCU: 25 new connections/s, 3,000 active connections/min, 1 GB/hour ` +
      'to EC2/IP targets, 1,000 rule evaluations/s; the highest dimension is billed.',
  },
  'kms:key': KMS_KEY,
  's3:standard-storage': {
    usd: 0.023,
    unit: 'GB-month',
    source: S3_PRICING,
    readFrom: 'https://devnotes.tech/understanding-aws-s3-pricing-a-complete-cost-breakdown-with-examples',
    asOf: READ_ON,
    note: `S3 Standard, first 50 TB/month tier, US East. Secondary source; vendor page: ${S3_PRICING}.`,
  },
  'cloudwatch:logs-ingest': {
    usd: 0.5,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    readFrom: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization',
    asOf: READ_ON,
    note:
      'Standard log class ingestion, us-east-1 (stated as of June 2026); storage ($0.03/GB-month) is extra. ' +
      `Secondary source; vendor page: ${CLOUDWATCH_PRICING}.`,
  },
};

const EU_WEST_1: RegionPrices = {
  'ec2:t3.medium': {
    usd: 0.0456,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    asOf: READ_ON,
    note: `On-Demand Linux. ${NOT_VERIFIED}`,
  },
  'ec2:m6i.large': {
    usd: 0.107,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    asOf: READ_ON,
    note: `On-Demand Linux. ${NOT_VERIFIED}`,
  },
  'ec2:m6i.xlarge': {
    usd: 0.214,
    unit: 'hour',
    source: EC2_ON_DEMAND,
    asOf: READ_ON,
    note: `On-Demand Linux. ${NOT_VERIFIED}`,
  },
  'eks:cluster-standard': EKS_STANDARD,
  'eks:cluster-extended': EKS_EXTENDED,
  'ebs:gp3-storage': {
    usd: 0.088,
    unit: 'GiB-month',
    source: EBS_PRICING,
    asOf: READ_ON,
    note: `3,000 IOPS and 125 MB/s are included. ${NOT_VERIFIED}`,
  },
  'vpc:nat-gateway': {
    usd: 0.048,
    unit: 'hour',
    source: VPC_PRICING,
    asOf: READ_ON,
    note:
      `Per NAT gateway-hour. ${NOT_VERIFIED} cloudpipelines.pages.dev (2026) gives ~$0.048-$0.052 for Ireland, ` +
      'Frankfurt and London without per-region figures.',
  },
  'vpc:nat-gateway-data': {
    usd: 0.048,
    unit: 'GB',
    source: VPC_PRICING,
    asOf: READ_ON,
    note: `Per GB processed in either direction, on top of data transfer out. ${NOT_VERIFIED}`,
  },
  'vpc:public-ipv4': PUBLIC_IPV4,
  'elb:nlb': {
    usd: 0.0252,
    unit: 'hour',
    source: ELB_PRICING,
    asOf: READ_ON,
    note: `Per NLB-hour. ${NOT_VERIFIED}`,
  },
  'elb:nlb-lcu': {
    usd: 0.006,
    unit: 'NLCU-hour',
    source: ELB_PRICING,
    asOf: READ_ON,
    note: NOT_VERIFIED,
  },
  'elb:alb': {
    usd: 0.0252,
    unit: 'hour',
    source: ELB_PRICING,
    asOf: READ_ON,
    note: `Per ALB-hour. ${NOT_VERIFIED}`,
  },
  'elb:alb-lcu': {
    usd: 0.008,
    unit: 'LCU-hour',
    source: ELB_PRICING,
    asOf: READ_ON,
    note: NOT_VERIFIED,
  },
  'kms:key': KMS_KEY,
  's3:standard-storage': {
    usd: 0.023,
    unit: 'GB-month',
    source: S3_PRICING,
    asOf: READ_ON,
    note: `S3 Standard, first 50 TB/month tier. ${NOT_VERIFIED}`,
  },
  'cloudwatch:logs-ingest': {
    usd: 0.57,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `Standard log class ingestion. ${NOT_VERIFIED}`,
  },
};

/** AWS prices by region code. eu-central-1 is not included: no stored page confirmed its figures. */
export const AWS_PRICES: CloudPrices = {
  'us-east-1': { ...US_EAST_1, ...US_EAST_1_USAGE },
  'eu-west-1': { ...EU_WEST_1, ...EU_WEST_1_USAGE },
};
