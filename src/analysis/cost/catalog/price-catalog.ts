import { AWS_PRICES } from './aws-prices';
import { AZURE_PRICES } from './azure-prices';
import { GCP_PRICES } from './gcp-prices';
import { GLOBAL_PRICES } from './global-prices';
import type { PriceCatalog, PriceFact, RegionPrices } from './price-fact';

/** The built-in price catalog: every figure carries its unit, source URL and date. */
export const PRICE_CATALOG: PriceCatalog = {
  aws: AWS_PRICES,
  gcp: GCP_PRICES,
  azure: AZURE_PRICES,
  global: GLOBAL_PRICES,
};

/** Every fact in a catalog, cloud by cloud and region by region, then the global ones. */
export function allPriceFacts(catalog: PriceCatalog): PriceFact[] {
  const regions: RegionPrices[] = [
    ...Object.values(catalog.aws),
    ...Object.values(catalog.gcp),
    ...Object.values(catalog.azure),
    catalog.global,
  ];
  return regions.flatMap((region) => Object.values(region));
}

/**
 * The catalog's date for the report's assumptions: the newest `asOf` of any fact (ISO dates sort as strings).
 * Individual facts can be older; each line item carries its own.
 */
export function catalogDate(catalog: PriceCatalog): string {
  const dates = allPriceFacts(catalog).map((fact) => fact.asOf);
  if (dates.length === 0) throw new Error('the price catalog is empty, so it has no date');
  return dates.reduce((newest, date) => (date > newest ? date : newest));
}
