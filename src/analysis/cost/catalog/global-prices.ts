import type { RegionPrices } from './price-fact';

/*
 * Prices that depend on neither cloud nor region: Datadog list prices per monitored host.
 * `source` is Datadog's own pricing page; the figures were read from secondary pages quoting it
 * (`readFrom`). Datadog bills hosts by the high-water mark of the lower 99% of hourly counts.
 * On-demand (month-to-month) is the default, like every other price in the catalog; the annual
 * commitment is an option (`--datadog-billing annual`).
 */

const READ_ON = '2026-11-22';
const DATADOG_PRICING = 'https://www.datadoghq.com/pricing/';
const READ_FROM = 'Read from a secondary page quoting the vendor page';

/** Datadog prices, keyed like the cloud catalogs (`datadog:<product>`). */
export const GLOBAL_PRICES: RegionPrices = {
  'datadog:infrastructure-pro-host': {
    usd: 15,
    unit: 'host-month',
    source: DATADOG_PRICING,
    asOf: READ_ON,
    readFrom: 'https://www.getaiperks.com/sr/articles/datadog-pricing',
    note: `Infrastructure Monitoring Pro, billed annually (a 12-month commitment). ${READ_FROM} (2026).`,
  },
  'datadog:infrastructure-pro-host-on-demand': {
    usd: 18,
    unit: 'host-month',
    source: DATADOG_PRICING,
    asOf: READ_ON,
    readFrom: 'https://www.getaiperks.com/sr/articles/datadog-pricing',
    note: `Infrastructure Monitoring Pro, month-to-month / on-demand. ${READ_FROM} (2026).`,
  },
  'datadog:infrastructure-enterprise-host': {
    usd: 23,
    unit: 'host-month',
    source: DATADOG_PRICING,
    asOf: '2025-09-01',
    readFrom: 'https://toolstac.com/tool/datadog/cost-management-guide',
    note: `Infrastructure Monitoring Enterprise, billed annually (stated as current in September 2025). ${READ_FROM}.`,
  },
  'datadog:infrastructure-enterprise-host-on-demand': {
    usd: 27,
    unit: 'host-month',
    source: DATADOG_PRICING,
    asOf: '2025-09-01',
    readFrom: 'https://toolstac.com/tool/datadog/cost-management-guide',
    note: `Infrastructure Monitoring Enterprise, month-to-month (stated as current in September 2025). ${READ_FROM}.`,
  },
};
