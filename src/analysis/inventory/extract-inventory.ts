import type { CloudName } from '../cost/catalog/price-fact';
import type { TargetId } from '../../targets/cluster-target';
import { extractAws } from './extract-aws';
import { extractAzure } from './extract-azure';
import { extractGcp } from './extract-gcp';
import type { CloudExtract, Inventory } from './inventory';
import { TfIndex, type TfJson } from './terraform-json';
import { workloadFromManifests, type ManifestObject } from './workload-from-manifests';

/** Which extractor reads a stack, by the provider it configures (a capability table, not an if-chain). */
const EXTRACTORS: ReadonlyArray<{ provider: string; cloud: CloudName; extract: (tf: TfIndex) => CloudExtract }> = [
  { provider: 'aws', cloud: 'aws', extract: extractAws },
  { provider: 'google', cloud: 'gcp', extract: extractGcp },
  { provider: 'azurerm', cloud: 'azure', extract: extractAzure },
];

/** The synthesized output of one target, as read from disk or from memory. */
export interface SynthesizedTarget {
  readonly target: TargetId;
  readonly stack: TfJson;
  readonly manifests: readonly ManifestObject[];
}

export function extractInventory(synth: SynthesizedTarget): Inventory {
  const tf = new TfIndex(synth.stack);
  const extractor = EXTRACTORS.find((e) => tf.provider(e.provider) !== undefined);
  if (!extractor) {
    throw new Error(`${synth.target}: the stack configures none of the providers ${EXTRACTORS.map((e) => e.provider).join(', ')}`);
  }
  const extracted = extractor.extract(tf);
  return { target: synth.target, cloud: extractor.cloud, ...extracted, workload: workloadFromManifests(synth.manifests) };
}
