import { pricesOf, type PriceFact, type RegionPrices } from './price-fact';

/*
 * AWS prices for what this round's stacks add: spot capacity, the EKS Auto Mode fee, vended logs
 * (flow logs), CloudWatch Logs storage and Amazon Managed Service for Prometheus. Same conventions as
 * aws-prices.ts: `source` is the vendor's page, NOT_VERIFIED marks a figure no stored page confirmed.
 */

const READ_ON = '2026-11-22';
const NOT_VERIFIED = 'Not verified against a stored page (best-knowledge list price; check before relying on it).';
const EKS_PRICING = 'https://aws.amazon.com/eks/pricing/';
const CLOUDWATCH_PRICING = 'https://aws.amazon.com/cloudwatch/pricing/';

const SPOT_PRICING = 'https://aws.amazon.com/ec2/spot/pricing/';
const AMP_PRICING = 'https://aws.amazon.com/prometheus/pricing/';

/** Spot prices move with supply and demand (at most gradually, per AWS); one dated snapshot per region. */
const SPOT_SNAPSHOT = "Snapshot of the EC2 Spot price history (Linux/UNIX), rounded average over the region's zones.";

const spot = pricesOf({
  unit: 'hour',
  source: SPOT_PRICING,
  asOf: READ_ON,
  note:
    `${SPOT_SNAPSHOT} ${NOT_VERIFIED} Spot capacity can be reclaimed with a two-minute notice, ` +
    'and a reclaim can take many nodes of one type and zone at once.',
});

/**
 * EKS Auto Mode management fee per managed instance-hour, on top of the EC2 price. The EKS pricing page
 * lists it per instance type; for these general-purpose types it is 12% of the On-Demand rate.
 */
const autoModeFee = pricesOf({
  unit: 'instance-hour',
  source: EKS_PRICING,
  asOf: READ_ON,
  note: `EKS Auto Mode management fee, billed per second for each instance Auto Mode launches, in addition to EC2. ${NOT_VERIFIED}`,
});

const AMP_SAMPLES: PriceFact = {
  usd: 0.9,
  unit: '10M samples',
  source: AMP_PRICING,
  asOf: READ_ON,
  note: `Metric samples ingested, first 2 billion per month (cheaper tiers above); storage ($0.03/GB-month) and queries are extra. ${NOT_VERIFIED}`,
};

const AMP_COLLECTOR_HOUR: PriceFact = {
  usd: 0.04,
  unit: 'collector-hour',
  source: AMP_PRICING,
  asOf: READ_ON,
  note:
    'AWS managed collector (scraper): per hour it runs; the samples it collects are billed separately. Stored copies of the ' +
    `vendor page confirm these two billing dimensions, not the rates (rendered by script). ${NOT_VERIFIED}`,
};

const AMP_COLLECTOR_SAMPLES: PriceFact = {
  usd: 0.1,
  unit: '10M samples',
  source: AMP_PRICING,
  asOf: READ_ON,
  note: `AWS managed collector: per sample collected (on top of the ingestion charge). ${NOT_VERIFIED}`,
};

/** Usage-priced services the stacks add (logs, managed Prometheus), spot and Auto Mode rates, per region. */
export const US_EAST_1_USAGE: RegionPrices = {
  'ec2-spot:t3.medium': spot(0.0134),
  'ec2-spot:m6i.large': spot(0.0389),
  'ec2-spot:m6i.xlarge': spot(0.0779),
  'eks:auto-mode:t3.medium': autoModeFee(0.00499),
  'eks:auto-mode:m6i.large': autoModeFee(0.01152),
  'eks:auto-mode:m6i.xlarge': autoModeFee(0.02304),
  'cloudwatch:logs-vended-ingest': {
    usd: 0.5,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `Vended logs (VPC flow logs) delivered to CloudWatch Logs, first 10 TB per month (cheaper above). ${NOT_VERIFIED}`,
  },
  'cloudwatch:logs-storage': {
    usd: 0.03,
    unit: 'GB-month',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `CloudWatch Logs archived storage (compressed data; priced here at the ingested size, an upper bound). ${NOT_VERIFIED}`,
  },
  's3:vended-logs-delivery': {
    usd: 0.25,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `Vended logs delivered to S3, first 10 TB per month; S3 storage is billed on top. ${NOT_VERIFIED}`,
  },
  'amp:samples': AMP_SAMPLES,
  'amp:collector-hour': AMP_COLLECTOR_HOUR,
  'amp:collector-samples': AMP_COLLECTOR_SAMPLES,
};

export const EU_WEST_1_USAGE: RegionPrices = {
  'ec2-spot:t3.medium': spot(0.0147),
  'ec2-spot:m6i.large': spot(0.0421),
  'ec2-spot:m6i.xlarge': spot(0.0843),
  'eks:auto-mode:t3.medium': autoModeFee(0.00547),
  'eks:auto-mode:m6i.large': autoModeFee(0.01284),
  'eks:auto-mode:m6i.xlarge': autoModeFee(0.02568),
  'cloudwatch:logs-vended-ingest': {
    usd: 0.57,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `Vended logs delivered to CloudWatch Logs, first 10 TB per month. ${NOT_VERIFIED}`,
  },
  'cloudwatch:logs-storage': {
    usd: 0.03,
    unit: 'GB-month',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `CloudWatch Logs archived storage, priced at the ingested size (an upper bound). ${NOT_VERIFIED}`,
  },
  's3:vended-logs-delivery': {
    usd: 0.25,
    unit: 'GB',
    source: CLOUDWATCH_PRICING,
    asOf: READ_ON,
    note: `Vended logs delivered to S3, first 10 TB per month. ${NOT_VERIFIED}`,
  },
  'amp:samples': AMP_SAMPLES,
  'amp:collector-hour': AMP_COLLECTOR_HOUR,
  'amp:collector-samples': AMP_COLLECTOR_SAMPLES,
};
