import type { CloudName } from '../cost/catalog/price-fact';
import type { TargetId } from '../../targets/cluster-target';
import { extractAws } from './extract-aws';
import { extractAzure } from './extract-azure';
import { extractGcp } from './extract-gcp';
import type { AddonInventory, CloudExtract, Inventory, NetworkPaths } from './inventory';
import { TfIndex, type TfJson } from './terraform-json';
import { workloadFromManifests, workloadImage, type ManifestObject } from './workload-from-manifests';
import type { PlatformAddon } from '../../targets/platform-addon';

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
  /** `dist/k8s/<target>/addons/platform-addons.json`'s `addons`. @default - none listed (older synth output has no file) */
  readonly platformAddons?: readonly PlatformAddon[];
}

export function extractInventory(synth: SynthesizedTarget): Inventory {
  const tf = new TfIndex(synth.stack);
  const extractor = EXTRACTORS.find((e) => tf.provider(e.provider) !== undefined);
  if (!extractor) {
    throw new Error(`${synth.target}: the stack configures none of the providers ${EXTRACTORS.map((e) => e.provider).join(', ')}`);
  }
  const extracted = extractor.extract(tf);
  return {
    target: synth.target,
    cloud: extractor.cloud,
    ...extracted,
    network: withRegistry(extracted.network, synth.manifests),
    addons: (synth.platformAddons ?? []).map((a): AddonInventory => ({ name: a.name, namespace: a.namespace, footprint: a.footprint })),
    workload: workloadFromManifests(synth.manifests),
  };
}

function withRegistry(network: CloudExtract['network'], manifests: readonly ManifestObject[]): NetworkPaths {
  const { image, host, pullPolicy } = workloadImage(manifests);
  const privateEndpoint = network.privateRegistryHosts.some((suffix) => host === suffix || host.endsWith(suffix));
  return { ...network, registry: { image, host, pullPolicy, privateEndpoint } };
}
