import type { CloudName, PriceCatalog, PriceFact } from './catalog/price-fact';
import { lookupPrice } from './catalog/price-fact';

/** How a disk of a given kind and size is priced: per GiB-month, or per disk by size tier (Azure). */
export interface DiskPrice {
  readonly fact: PriceFact;
  /** Quantity in the fact's unit for ONE disk (GiB for per-GiB prices, 1 for per-disk tiers). */
  readonly quantityPerDisk: number;
  readonly label: string;
}

/** Azure managed disk tiers by size (https://azure.microsoft.com/pricing/details/managed-disks/, 2026-11). */
const AZURE_TIERS: ReadonlyArray<[number, string]> = [
  [32, '4'],
  [64, '6'],
  [128, '10'],
  [256, '15'],
  [512, '20'],
];

/** Storage classes the targets use, mapped to the disk kind behind them. */
export const STORAGE_CLASS_DISKS: Readonly<Record<string, string>> = {
  gp3: 'gp3',
  'standard-rwo': 'pd-balanced',
  // AKS' managed-csi class provisions StandardSSD_LRS (https://learn.microsoft.com/azure/aks/azure-disk-csi, 2026-11).
  'managed-csi': 'azure-standard-ssd',
  'managed-csi-premium': 'azure-premium-ssd',
};

export function diskPrice(catalog: PriceCatalog, cloud: CloudName, region: string, kind: string, sizeGiB: number): DiskPrice {
  switch (kind) {
    case 'gp3':
      return { fact: lookupPrice(catalog, cloud, region, 'ebs:gp3-storage'), quantityPerDisk: sizeGiB, label: `gp3 ${sizeGiB} GiB` };
    case 'pd-balanced':
      return {
        fact: lookupPrice(catalog, cloud, region, 'pd:balanced-storage'),
        quantityPerDisk: sizeGiB,
        label: `pd-balanced ${sizeGiB} GiB`,
      };
    case 'pd-standard':
      return {
        fact: lookupPrice(catalog, cloud, region, 'pd:standard-storage'),
        quantityPerDisk: sizeGiB,
        label: `pd-standard ${sizeGiB} GiB`,
      };
    case 'azure-premium-ssd':
    case 'azure-standard-ssd': {
      const tier = AZURE_TIERS.find(([size]) => size >= sizeGiB);
      if (!tier) throw new Error(`no Azure managed disk tier in the catalog for ${sizeGiB} GiB (largest: ${AZURE_TIERS.at(-1)![0]} GiB)`);
      const [prefix, letter] = kind === 'azure-premium-ssd' ? ['premium-ssd-p', 'P'] : ['standard-ssd-e', 'E'];
      return {
        fact: lookupPrice(catalog, cloud, region, `disk:${prefix}${tier[1]}`),
        quantityPerDisk: 1,
        label: `${letter}${tier[1]} (${tier[0]} GiB) for ${sizeGiB} GiB`,
      };
    }
    default:
      throw new Error(`no pricing rule for disk kind '${kind}' on ${cloud}`);
  }
}
