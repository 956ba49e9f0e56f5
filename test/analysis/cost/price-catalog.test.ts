import { AWS_PRICES } from '../../../src/analysis/cost/catalog/aws-prices';
import { AZURE_PRICES } from '../../../src/analysis/cost/catalog/azure-prices';
import { GCP_PRICES } from '../../../src/analysis/cost/catalog/gcp-prices';
import { GLOBAL_PRICES } from '../../../src/analysis/cost/catalog/global-prices';
import { PRICE_CATALOG, allPriceFacts, catalogDate } from '../../../src/analysis/cost/catalog/price-catalog';
import { MissingPriceError, lookupPrice } from '../../../src/analysis/cost/catalog/price-fact';
import type { CloudName, CloudPrices, PriceCatalog, PriceFact } from '../../../src/analysis/cost/catalog/price-fact';
import { SLA_CATALOG } from '../../../src/analysis/cost/catalog/sla-catalog';

/** The SKU keys the cost model looks up: the contract these data files must honour in every region. */
const REQUIRED_SKUS: Record<CloudName, readonly string[]> = {
  aws: [
    'ec2:t3.medium',
    'ec2:m6i.large',
    'ec2:m6i.xlarge',
    'eks:cluster-standard',
    'eks:cluster-extended',
    'ebs:gp3-storage',
    'vpc:nat-gateway',
    'vpc:nat-gateway-data',
    'vpc:public-ipv4',
    'elb:nlb',
    'elb:nlb-lcu',
    'elb:alb',
    'elb:alb-lcu',
    'kms:key',
    's3:standard-storage',
    'cloudwatch:logs-ingest',
  ],
  gcp: [
    'gce:e2-medium',
    'gce:e2-standard-2',
    'gce:e2-standard-4',
    'gke:cluster-management-fee',
    'gke:free-tier-credit',
    'pd:balanced-storage',
    'pd:standard-storage',
    'nat:gateway-vm-hour',
    'nat:data',
    'lb:forwarding-rule',
    'ip:external-ipv4',
    'gcs:standard-storage',
  ],
  azure: [
    'vm:Standard_B2s',
    'vm:Standard_D2s_v5',
    'vm:Standard_D4s_v5',
    'aks:standard-tier',
    'aks:premium-tier',
    'disk:standard-ssd-e4',
    'disk:standard-ssd-e6',
    'disk:standard-ssd-e10',
    'disk:standard-ssd-e15',
    'disk:standard-ssd-e20',
    'disk:premium-ssd-p4',
    'disk:premium-ssd-p6',
    'disk:premium-ssd-p10',
    'disk:premium-ssd-p15',
    'disk:premium-ssd-p20',
    'lb:standard-rule',
    'lb:standard-data',
    'ip:public-ipv4-standard',
    'nat:gateway',
    'nat:data',
    'storage:blob-hot-lrs',
  ],
};

const REQUIRED_GLOBAL_SKUS = [
  'datadog:infrastructure-pro-host',
  'datadog:infrastructure-pro-host-on-demand',
  'datadog:infrastructure-enterprise-host',
];

const REQUIRED_REGIONS: Record<CloudName, readonly string[]> = {
  aws: ['us-east-1', 'eu-west-1'],
  gcp: ['us-central1', 'europe-west1'],
  azure: ['eastus', 'westeurope'],
};

const TODAY = new Date().toISOString().slice(0, 10);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealIsoDate(date: string): boolean {
  return ISO_DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

/** Every fact with a label saying where it sits, for table-driven checks with readable failures. */
function labelledFacts(catalog: PriceCatalog): Array<[string, PriceFact]> {
  const clouds: Array<[string, CloudPrices]> = [
    ['aws', catalog.aws],
    ['gcp', catalog.gcp],
    ['azure', catalog.azure],
  ];
  const regional = clouds.flatMap(([cloud, regions]) =>
    Object.entries(regions).flatMap(([region, prices]) =>
      Object.entries(prices).map(([sku, fact]): [string, PriceFact] => [`${cloud}/${region}/${sku}`, fact]),
    ),
  );
  const global = Object.entries(catalog.global).map(([sku, fact]): [string, PriceFact] => [`global/${sku}`, fact]);
  return [...regional, ...global];
}

describe('price catalog facts', () => {
  test.each(labelledFacts(PRICE_CATALOG))('%s has a positive price, a unit, an https source and a past ISO date', (_label, fact) => {
    expect(Number.isFinite(fact.usd)).toBe(true);
    // A zero price is allowed only when a note says why; none is needed today.
    if (fact.usd === 0) expect(fact.note ?? '').not.toBe('');
    else expect(fact.usd).toBeGreaterThan(0);
    expect(fact.unit.trim()).not.toBe('');
    expect(() => new URL(fact.source)).not.toThrow();
    expect(fact.source.startsWith('https://')).toBe(true);
    expect(isRealIsoDate(fact.asOf)).toBe(true);
    expect(fact.asOf <= TODAY).toBe(true);
  });

  /** The vendors' own sites: every `source` is one of them; a secondary page is only ever `readFrom`. */
  const VENDOR_HOSTS = ['aws.amazon.com', 'cloud.google.com', 'azure.microsoft.com', 'prices.azure.com', 'www.datadoghq.com'];

  test.each(labelledFacts(PRICE_CATALOG))("%s cites the vendor's own page as its source", (_label, fact) => {
    expect(VENDOR_HOSTS).toContain(new URL(fact.source).host);
    if (fact.readFrom !== undefined) {
      expect(fact.readFrom.startsWith('https://')).toBe(true);
      expect(VENDOR_HOSTS).not.toContain(new URL(fact.readFrom).host);
    }
  });

  const cloudRegionSkus = (Object.keys(REQUIRED_SKUS) as CloudName[]).flatMap((cloud) =>
    REQUIRED_REGIONS[cloud].flatMap((region) => REQUIRED_SKUS[cloud].map((sku) => [cloud, region, sku] as const)),
  );

  test.each(cloudRegionSkus)('%s region %s prices %s', (cloud, region, sku) => {
    expect(lookupPrice(PRICE_CATALOG, cloud, region, sku)).toBeDefined();
  });

  test.each(REQUIRED_GLOBAL_SKUS)('global prices %s', (sku) => {
    expect(lookupPrice(PRICE_CATALOG, 'global', '-', sku)).toBeDefined();
  });

  test('the catalog assembles the per-cloud data files', () => {
    expect(PRICE_CATALOG).toEqual({
      aws: AWS_PRICES,
      gcp: GCP_PRICES,
      azure: AZURE_PRICES,
      global: GLOBAL_PRICES,
    });
  });

  test('the control-plane fees are the published list prices', () => {
    for (const region of REQUIRED_REGIONS.aws) {
      expect(lookupPrice(PRICE_CATALOG, 'aws', region, 'eks:cluster-standard').usd).toBe(0.1);
      expect(lookupPrice(PRICE_CATALOG, 'aws', region, 'eks:cluster-extended').usd).toBe(0.6);
    }
    for (const region of REQUIRED_REGIONS.gcp) {
      expect(lookupPrice(PRICE_CATALOG, 'gcp', region, 'gke:cluster-management-fee').usd).toBe(0.1);
      const credit = lookupPrice(PRICE_CATALOG, 'gcp', region, 'gke:free-tier-credit');
      expect(credit).toMatchObject({ usd: 74.4, unit: 'month' });
      expect(credit.note).toMatch(/zonal/);
      expect(credit.note).toMatch(/Autopilot/);
    }
    for (const region of REQUIRED_REGIONS.azure) {
      expect(lookupPrice(PRICE_CATALOG, 'azure', region, 'aks:standard-tier').usd).toBe(0.1);
      expect(lookupPrice(PRICE_CATALOG, 'azure', region, 'aks:premium-tier').usd).toBe(0.6);
    }
  });

  test('Azure disk prices are per disk-month and grow with the tier size', () => {
    const tiers = [
      ['standard-ssd', ['e4', 'e6', 'e10', 'e15', 'e20']],
      ['premium-ssd', ['p4', 'p6', 'p10', 'p15', 'p20']],
    ] as const;
    for (const region of REQUIRED_REGIONS.azure) {
      for (const [kind, sizes] of tiers) {
        const prices = sizes.map((size) => lookupPrice(PRICE_CATALOG, 'azure', region, `disk:${kind}-${size}`));
        expect(prices.every((fact) => fact.unit === 'disk-month' && /GiB/.test(fact.note ?? ''))).toBe(true);
        const usd = prices.map((fact) => fact.usd);
        expect([...usd].sort((a, b) => a - b)).toEqual(usd);
      }
    }
  });

  test('the catalog date is the newest asOf of any fact', () => {
    const newest = allPriceFacts(PRICE_CATALOG)
      .map((fact) => fact.asOf)
      .sort()
      .pop();
    expect(catalogDate(PRICE_CATALOG)).toBe(newest);
    expect(catalogDate(PRICE_CATALOG)).toBe('2026-11-22');
  });
});

describe('lookupPrice', () => {
  test('an unknown SKU is an error naming the SKU, the region and what the region has', () => {
    expect(() => lookupPrice(PRICE_CATALOG, 'aws', 'us-east-1', 'ec2:m9z.huge')).toThrow(MissingPriceError);
    expect(() => lookupPrice(PRICE_CATALOG, 'aws', 'us-east-1', 'ec2:m9z.huge')).toThrow(
      /no price for 'ec2:m9z\.huge' in aws region 'us-east-1'.*ec2:m6i\.large/,
    );
  });

  test('an unknown region is an error naming the SKU and the region', () => {
    expect(() => lookupPrice(PRICE_CATALOG, 'gcp', 'mars-north1', 'gce:e2-medium')).toThrow(
      "no price for 'gce:e2-medium' in gcp region 'mars-north1' in the price catalog; the catalog has no prices for region 'mars-north1'",
    );
  });

  test('the error carries the cloud, region and SKU as fields', () => {
    let error: unknown;
    try {
      lookupPrice(PRICE_CATALOG, 'azure', 'westeurope', 'vm:Standard_Z99');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingPriceError);
    expect(error).toMatchObject({
      cloud: 'azure',
      region: 'westeurope',
      sku: 'vm:Standard_Z99',
      name: 'MissingPriceError',
    });
  });

  test('an unknown global SKU is an error naming it', () => {
    expect(() => lookupPrice(PRICE_CATALOG, 'global', '-', 'datadog:apm-host')).toThrow(/no price for 'datadog:apm-host'/);
  });
});

describe('SLA catalog', () => {
  test.each(Object.entries(SLA_CATALOG))('%s has a percentage or null, an https source and a past ISO date', (_key, sla) => {
    if (sla.percent !== null) {
      expect(sla.percent).toBeGreaterThan(90);
      expect(sla.percent).toBeLessThan(100);
    } else {
      expect(sla.note ?? '').toMatch(/no financially backed SLA/);
    }
    expect(sla.source.startsWith('https://')).toBe(true);
    expect(isRealIsoDate(sla.asOf)).toBe(true);
    expect(sla.asOf <= TODAY).toBe(true);
  });

  test('the published figures', () => {
    const percents = Object.fromEntries(Object.entries(SLA_CATALOG).map(([key, sla]) => [key, sla.percent]));
    expect(percents).toEqual({
      eks: 99.95,
      gkeRegional: 99.95,
      gkeZonal: 99.5,
      aksStandardWithZones: 99.95,
      aksStandardNoZones: 99.9,
      aksPremiumWithZones: 99.95,
      aksPremiumNoZones: 99.9,
      aksFree: null,
      ec2Instance: 99.5,
      ec2Region: 99.99,
    });
  });
});
