import type { RegionPrices } from './price-fact';

/*
 * Prices that depend on neither cloud nor region: Datadog list prices per monitored host.
 * `source` is the page the number was read from; both are secondary pages, the vendor page is
 * DATADOG_PRICING. Datadog bills hosts by the high-water mark of the lower 99% of hourly counts.
 */

const READ_ON = '2026-11-22';
const DATADOG_PRICING = 'https://www.datadoghq.com/pricing/';

/** Datadog prices, keyed like the cloud catalogs (`datadog:<product>`). */
export const GLOBAL_PRICES: RegionPrices = {
  'datadog:infrastructure-pro-host': {
    usd: 15,
    unit: 'host-month',
    source: 'https://www.getaiperks.com/sr/articles/datadog-pricing',
    asOf: READ_ON,
    note: `Infrastructure Monitoring Pro, billed annually. Secondary source (2026); vendor page: ${DATADOG_PRICING}.`,
  },
  'datadog:infrastructure-pro-host-on-demand': {
    usd: 18,
    unit: 'host-month',
    source: 'https://www.getaiperks.com/sr/articles/datadog-pricing',
    asOf: READ_ON,
    note: `Infrastructure Monitoring Pro, month-to-month / on-demand. Secondary source (2026); vendor page: ${DATADOG_PRICING}.`,
  },
  'datadog:infrastructure-enterprise-host': {
    usd: 23,
    unit: 'host-month',
    source: 'https://toolstac.com/tool/datadog/cost-management-guide',
    asOf: '2025-09-01',
    note: `Infrastructure Monitoring Enterprise, billed annually (stated as current in September 2025). Secondary source; vendor page: ${DATADOG_PRICING}.`,
  },
  'datadog:infrastructure-enterprise-host-on-demand': {
    usd: 27,
    unit: 'host-month',
    source: 'https://toolstac.com/tool/datadog/cost-management-guide',
    asOf: '2025-09-01',
    note: `Infrastructure Monitoring Enterprise, month-to-month (stated as current in September 2025). Secondary source; vendor page: ${DATADOG_PRICING}.`,
  },
};
