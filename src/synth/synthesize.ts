import { PLATFORM_ADDONS_FILE } from '../targets/platform-addon';
import * as fs from 'fs';
import * as path from 'path';
import { App as K8sApp } from 'cdk8s';
import { App as TfApp } from 'cdktf';
import { WorkloadChart } from '../k8s/workload-chart';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import type { BackendConfig, ClusterTarget, InfraOutputs, K8sContext, TargetId } from '../targets/cluster-target';
import { AtomicOutput } from './atomic-output';

/** Where synthesized output lands, relative to the project root (what `cdktf.json` / `cdk8s.yaml` also use). */
export const STACKS_DIR = 'cdktf.out';
export const MANIFESTS_DIR = path.join('dist', 'k8s');
/** Next to each target's manifests: `{ "addons": PlatformAddon[] }`, what deploy installs and the analysis subtracts. */
export { PLATFORM_ADDONS_FILE } from '../targets/platform-addon';

export interface SynthOptions {
  /** Project root; output goes to `<root>/cdktf.out` and `<root>/dist/k8s`. */
  readonly root: string;
  /** @default new Date() */
  readonly now?: Date;
  /** Provider settings for offline `terraform plan` with fake credentials. @default false */
  readonly offlinePlan?: boolean;
  /** @default - local state per target */
  readonly backends?: Partial<Record<TargetId, BackendConfig>>;
  /** Stack outputs per target after an apply, for identity annotations. @default {} */
  readonly outputs?: Partial<Record<TargetId, InfraOutputs>>;
}

export interface TargetSynthResult {
  readonly target: TargetId;
  /** `<root>/cdktf.out/stacks/<target>/cdk.tf.json` */
  readonly stackFile: string;
  /** `<root>/dist/k8s/<target>/` */
  readonly manifestDir: string;
  readonly resourceCount: number;
  readonly manifestCount: number;
}

/**
 * Synthesizes the infrastructure stack and the Kubernetes manifests of every target into a scratch
 * directory, then swaps each target's stack and manifest directory into place; other targets'
 * output is left as it was (`synth --target eks` replaces only eks). Validation must have happened
 * before (see `prepareAppSpec`); this throws only on bugs or I/O errors, and then leaves the old
 * output intact.
 */
export function synthesize(spec: ResolvedAppSpec, targets: readonly ClusterTarget[], options: SynthOptions): TargetSynthResult[] {
  const staged = stageSynthesis(spec, targets, options);
  try {
    return staged.commit();
  } catch (error) {
    staged.discard();
    throw error;
  }
}

/** Synthesized output not yet in place: read it from `root` (same layout as the project), then commit or discard. */
export interface StagedSynthesis {
  /** A scratch root holding `cdktf.out/stacks/<target>/` and `dist/k8s/<target>/` of the synthesized targets. */
  readonly root: string;
  /** Summaries, with paths inside `root`. */
  readonly results: readonly TargetSynthResult[];
  /** Moves each target's output into the project root (replacing that target's only) and returns the final paths. */
  commit(): TargetSynthResult[];
  discard(): void;
}

/**
 * Synthesizes into scratch without touching the project's output, so a caller can read the result
 * back and do more (price it) before anything is written: `compare` commits only after pricing.
 */
export function stageSynthesis(spec: ResolvedAppSpec, targets: readonly ClusterTarget[], options: SynthOptions): StagedSynthesis {
  const now = options.now ?? new Date();
  const output = new AtomicOutput(options.root);
  try {
    const stacksOut = output.stage(STACKS_DIR);
    fs.mkdirSync(stacksOut, { recursive: true });
    const tfApp = new TfApp({ outdir: stacksOut, skipBackendValidation: false, context: TF_CONTEXT });
    for (const target of targets) {
      target.createStack(tfApp, spec, { now, offlinePlan: options.offlinePlan, backend: options.backends?.[target.id] });
    }
    tfApp.synth();

    const manifestsOut = output.stage(MANIFESTS_DIR);
    for (const target of targets) {
      synthesizeManifests(spec, target, path.join(manifestsOut, target.id), { now, outputs: options.outputs?.[target.id] });
    }
    const results = targets.map((target) => summarize(output.scratch, target.id));
    return {
      root: output.scratch,
      results,
      commit: () => {
        mergeStackManifest(options.root, output.scratch, targets);
        output.commit([
          ...targets.flatMap((t) => [path.join(STACKS_DIR, 'stacks', t.id), path.join(MANIFESTS_DIR, t.id)]),
          path.join(STACKS_DIR, CDKTF_MANIFEST),
        ]);
        return results.map((r) => ({
          ...r,
          stackFile: path.join(options.root, STACKS_DIR, 'stacks', r.target, 'cdk.tf.json'),
          manifestDir: path.join(options.root, MANIFESTS_DIR, r.target),
        }));
      },
      discard: () => output.discard(),
    };
  } catch (error) {
    output.discard();
    throw error;
  }
}

/** cdktf's `cdktf.out/manifest.json` lists the stacks: keep the entries of targets not synthesized now. */
const CDKTF_MANIFEST = 'manifest.json';

function mergeStackManifest(root: string, scratch: string, targets: readonly ClusterTarget[]): void {
  const existingFile = path.join(root, STACKS_DIR, CDKTF_MANIFEST);
  const stagedFile = path.join(scratch, STACKS_DIR, CDKTF_MANIFEST);
  if (!fs.existsSync(existingFile) || !fs.existsSync(stagedFile)) return;
  let existing: { stacks?: Record<string, unknown> };
  try {
    existing = JSON.parse(fs.readFileSync(existingFile, 'utf8'));
  } catch {
    return; // an unreadable old manifest is simply replaced
  }
  const staged = JSON.parse(fs.readFileSync(stagedFile, 'utf8')) as { stacks: Record<string, unknown> };
  const synthesized = new Set(targets.map((t) => t.id as string));
  const kept = Object.entries(existing.stacks ?? {}).filter(
    ([id]) => !synthesized.has(id) && fs.existsSync(path.join(root, STACKS_DIR, 'stacks', id)),
  );
  const stacks = Object.fromEntries([...kept, ...Object.entries(staged.stacks)].sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(stagedFile, `${JSON.stringify({ ...staged, stacks }, null, 2)}\n`);
}

/**
 * Replaces one target's manifests (`<root>/dist/k8s/<target>/`) with a fresh synth using the stack's
 * outputs, and leaves its stack as it is: after `terraform apply` deploy renders the manifests again
 * for the identity annotations and add-on values, and the outputs change nothing in the stack, so
 * synthesizing it a second time would only rewrite the same `cdk.tf.json`. Written in scratch and
 * swapped in, so a failure leaves the previous manifests.
 */
export function resynthesizeManifests(
  spec: ResolvedAppSpec,
  target: ClusterTarget,
  options: Pick<SynthOptions, 'root' | 'now'> & { readonly outputs: InfraOutputs },
): void {
  const output = new AtomicOutput(options.root);
  try {
    const manifestsOut = output.stage(MANIFESTS_DIR);
    synthesizeManifests(spec, target, path.join(manifestsOut, target.id), { now: options.now ?? new Date(), outputs: options.outputs });
    output.commit([path.join(MANIFESTS_DIR, target.id)]);
  } catch (error) {
    output.discard();
    throw error;
  }
}

/**
 * One target's manifests: the workload chart with the target's adaptation, as YAML into `outdir`,
 * and its platform add-ons as `PLATFORM_ADDONS_FILE` (rendered with the same stack outputs, if any).
 */
export function synthesizeManifests(spec: ResolvedAppSpec, target: ClusterTarget, outdir: string, context: K8sContext): void {
  const app = new K8sApp({ outdir, outputFileExtension: '.yaml' });
  new WorkloadChart(app, spec.workload.name, { workload: spec.workload, adaptation: target.kubernetes(spec, context) });
  app.synth();
  const addons = target.platformAddons(spec, context.outputs ?? {});
  fs.mkdirSync(path.join(outdir, path.dirname(PLATFORM_ADDONS_FILE)), { recursive: true });
  fs.writeFileSync(path.join(outdir, PLATFORM_ADDONS_FILE), `${JSON.stringify({ addons }, null, 2)}\n`);
}

/**
 * cdktf feature flags a new `cdktf init` project sets: logical ids without the stack id and with
 * readable separators, so resource addresses are stable and meaningful (`aws_eks_cluster.cluster`).
 */
export const TF_CONTEXT = {
  excludeStackIdFromLogicalIds: 'true',
  allowSepCharsInLogicalIds: 'true',
};

function summarize(scratch: string, target: TargetId): TargetSynthResult {
  const stackFile = path.join(scratch, STACKS_DIR, 'stacks', target, 'cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  const resourceCount = Object.values(stack.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const manifestDir = path.join(scratch, MANIFESTS_DIR, target);
  const manifestCount = fs
    .readdirSync(manifestDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => fs.readFileSync(path.join(manifestDir, f), 'utf8'))
    .reduce((n, text) => n + text.split(/^---$/m).filter((doc) => doc.trim()).length, 0);
  return { target, stackFile, manifestDir, resourceCount, manifestCount };
}
