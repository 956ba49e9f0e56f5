/** One published price: the number, its unit, where it was read and the date it reflects. */
export interface PriceFact {
  readonly usd: number;
  /** e.g. 'hour', 'GiB-month', 'GB', 'month', 'disk-month', 'LCU-hour', 'host-month'. */
  readonly unit: string;
  /** URL of the vendor's own price page for the number. */
  readonly source: string;
  /** The secondary page the number was actually read from, when not the vendor page or a stored copy of it. */
  readonly readFrom?: string;
  /** ISO date (YYYY-MM-DD) the price reflects. */
  readonly asOf: string;
  /** Anything a reader needs to interpret the number (tiering, included quotas). */
  readonly note?: string;
}

export type CloudName = 'aws' | 'gcp' | 'azure';

/** A maker of facts that share unit, source, date and note and differ only in the number (per-type spot rates, fees). */
export function pricesOf(fact: Omit<PriceFact, 'usd'>): (usd: number) => PriceFact {
  return (usd) => ({ usd, ...fact });
}

/** Prices of one region, keyed by SKU key (`ec2:m6i.large`, `eks:cluster-standard`, ...). */
export type RegionPrices = Readonly<Record<string, PriceFact>>;

/** All regions of one cloud. */
export type CloudPrices = Readonly<Record<string, RegionPrices>>;

export interface PriceCatalog {
  readonly aws: CloudPrices;
  readonly gcp: CloudPrices;
  readonly azure: CloudPrices;
  /** Prices that do not depend on cloud or region (e.g. Datadog per host). */
  readonly global: RegionPrices;
}

export class MissingPriceError extends Error {
  constructor(
    public readonly cloud: string,
    public readonly region: string,
    public readonly sku: string,
    known: readonly string[],
  ) {
    super(
      `no price for '${sku}' in ${cloud} region '${region}' in the price catalog` +
        (known.length
          ? `; the catalog has this region's prices for: ${known.join(', ')}`
          : `; the catalog has no prices for region '${region}'`),
    );
    this.name = 'MissingPriceError';
  }
}

/** Looks up a price; a missing one is an error naming what is missing, never a silent zero. */
export function lookupPrice(catalog: PriceCatalog, cloud: CloudName | 'global', region: string, sku: string): PriceFact {
  if (cloud === 'global') {
    const fact = catalog.global[sku];
    if (!fact) throw new MissingPriceError('global', '-', sku, Object.keys(catalog.global));
    return fact;
  }
  const regionPrices = catalog[cloud][region];
  if (!regionPrices) {
    throw new MissingPriceError(cloud, region, sku, []);
  }
  const fact = regionPrices[sku];
  if (!fact) throw new MissingPriceError(cloud, region, sku, Object.keys(regionPrices));
  return fact;
}
