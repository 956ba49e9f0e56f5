import { PLATFORM_ADDONS_FILE } from '../../targets/platform-addon';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { TargetId } from '../../targets/cluster-target';
import type { SynthesizedTarget } from './extract-inventory';
import type { ManifestObject } from './workload-from-manifests';
import type { PlatformAddon } from '../../targets/platform-addon';

/**
 * Reads one target's synthesized output from a project root: `cdktf.out/stacks/<t>/cdk.tf.json`
 * and every YAML document under `dist/k8s/<t>/`. Used for the current tree and for another
 * revision's output (plan --base).
 */
export function readSynthOutput(root: string, target: TargetId): SynthesizedTarget {
  const stackFile = path.join(root, 'cdktf.out', 'stacks', target, 'cdk.tf.json');
  const manifestDir = path.join(root, 'dist', 'k8s', target);
  if (!fs.existsSync(stackFile) || !fs.existsSync(manifestDir)) {
    throw new Error(`no synthesized output for ${target} under ${root} (run 'orquesta synth' first)`);
  }
  const manifests = fs
    .readdirSync(manifestDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(manifestDir, f), 'utf8')).map((d) => d.toJS()))
    .filter((o): o is ManifestObject => o !== null && typeof o === 'object');
  return { target, stack: JSON.parse(fs.readFileSync(stackFile, 'utf8')), manifests, platformAddons: readPlatformAddons(manifestDir) };
}

/** `platform-addons.json` (`{ addons: PlatformAddon[] }`), written by synth; absent in output from before add-ons. */
function readPlatformAddons(manifestDir: string): PlatformAddon[] | undefined {
  const file = path.join(manifestDir, PLATFORM_ADDONS_FILE);
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { addons?: unknown };
  if (!Array.isArray(parsed.addons)) throw new Error(`${file}: expected { "addons": [...] }`);
  return parsed.addons as PlatformAddon[];
}
