import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { TargetId } from '../targets/cluster-target';
import type { HelmAddon, ManifestAddon, PlatformAddon } from '../targets/platform-addon';
import { CommandFailedError, runChecked, tailLines, type CommandRunner, type CommandSpec } from './command-runner';
import { rolloutTargets, waitForRollouts, type Kubectl } from './kubectl';

/**
 * How long `helm upgrade --install --wait` waits for a release's workloads to be ready. Helm's own
 * default is 5 minutes (https://helm.sh/docs/helm/helm_upgrade/, 2026-11); a first install on a fresh
 * cluster pulls images onto new nodes and controllers such as a node autoscaler wait for their
 * webhooks, so the same 10 minutes as the workload's rollout.
 */
export const HELM_TIMEOUT_SECONDS = 600;

/** Namespaces every cluster has; an add-on living there needs no Namespace object. */
const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Where deploy writes an add-on's Helm values (under `.orquesta/`, which synth never replaces). */
export function addonValuesPath(root: string, target: TargetId, addon: string): string {
  return path.join(root, '.orquesta', 'addons', target, `${addon}.values.yaml`);
}

/**
 * `helm upgrade --install` of a pinned chart version: idempotent (installs, upgrades, or repairs a
 * failed release), `--wait` so the workload is applied only once the add-on runs. An `oci://`
 * repository is a chart reference of its own (`--repo` takes only HTTP repositories).
 */
export function helmUpgradeCommand(addon: HelmAddon, kubeconfig: string, valuesFile: string): CommandSpec {
  const source = addon.repository.startsWith('oci://')
    ? [`${addon.repository.replace(/\/+$/, '')}/${addon.chart}`]
    : [addon.chart, '--repo', addon.repository];
  return {
    command: 'helm',
    args: [
      '--kubeconfig',
      kubeconfig,
      'upgrade',
      '--install',
      addon.name,
      ...source,
      '--version',
      addon.version,
      '--namespace',
      addon.namespace,
      '--create-namespace',
      '-f',
      valuesFile,
      '--wait',
      '--timeout',
      `${HELM_TIMEOUT_SECONDS}s`,
    ],
  };
}

/**
 * Fails fast, before terraform creates anything, when the target lists Helm add-ons and `helm`
 * does not run: otherwise the missing binary shows only after a quarter of an hour of apply.
 */
export async function checkHelmAvailable(runner: CommandRunner, addons: readonly PlatformAddon[], cwd: string): Promise<void> {
  const helm = addons.filter((a) => a.delivery === 'helm').map((a) => a.name);
  if (helm.length === 0) return;
  try {
    await runChecked(runner, { command: 'helm', args: ['version', '--short'] }, { cwd });
  } catch (error) {
    if (!(error instanceof CommandFailedError)) throw error;
    const reason = tailLines(error.result.stderr || error.result.stdout, 1)[0] ?? error.message;
    throw new Error(
      `helm is needed for ${helm.join(', ')} but \`helm version\` failed (${reason}): install Helm 3 (https://helm.sh/docs/intro/install/) or set ORQUESTA_HELM to its path`,
    );
  }
}

/** An add-on that failed to install, with what to look at. */
export class AddonInstallError extends CommandFailedError {
  constructor(
    public readonly addon: PlatformAddon,
    /** kubectl or helm arguments (after the binary and `--kubeconfig`) that show its state. */
    public readonly inspect: { readonly command: 'helm' | 'kubectl'; readonly args: readonly string[] },
    failure: CommandFailedError,
  ) {
    super(failure.commandLine, failure.result);
    this.message = `add-on ${addon.name} ${addon.version} (${addon.delivery}) did not install: ${failure.message}`;
    this.name = 'AddonInstallError';
  }
}

export interface AddonInstallContext {
  readonly runner: CommandRunner;
  readonly kubectl: Kubectl;
  readonly root: string;
  readonly target: TargetId;
  readonly note: (text: string) => void;
  /** Copy helm's output to the terminal. @default false */
  readonly stream?: boolean;
}

/**
 * Installs a target's platform add-ons in the order the target lists them: `helm` ones with
 * `helm upgrade --install`, `manifests` ones with server-side apply and a rollout wait; `terraform`
 * ones are only reported (the stack already created them).
 */
export async function installPlatformAddons(addons: readonly PlatformAddon[], ctx: AddonInstallContext): Promise<void> {
  if (addons.length === 0) {
    ctx.note('none: this target lists no platform add-ons');
    return;
  }
  for (const addon of addons) {
    switch (addon.delivery) {
      case 'terraform':
        ctx.note(`${addon.name} ${addon.version} (${addon.namespace}): created by terraform as ${addon.address}`);
        break;
      case 'helm':
        await installHelm(addon, ctx);
        break;
      case 'manifests':
        await applyManifests(addon, ctx);
        break;
    }
  }
}

async function installHelm(addon: HelmAddon, ctx: AddonInstallContext): Promise<void> {
  const valuesFile = addonValuesPath(ctx.root, ctx.target, addon.name);
  fs.mkdirSync(path.dirname(valuesFile), { recursive: true });
  fs.writeFileSync(valuesFile, YAML.stringify(addon.values));
  ctx.note(`${addon.name}: helm chart ${addon.chart} ${addon.version} into ${addon.namespace} (up to ${HELM_TIMEOUT_SECONDS / 60} min)`);
  try {
    await runChecked(ctx.runner, helmUpgradeCommand(addon, ctx.kubectl.kubeconfig, valuesFile), { cwd: ctx.root, stream: ctx.stream });
  } catch (error) {
    if (!(error instanceof CommandFailedError)) throw error;
    throw new AddonInstallError(addon, { command: 'helm', args: ['status', addon.name, '--namespace', addon.namespace] }, error);
  }
}

async function applyManifests(addon: ManifestAddon, ctx: AddonInstallContext): Promise<void> {
  const objects = addon.objects as readonly { kind?: unknown; metadata?: { name?: unknown } }[];
  const hasNamespace = objects.some((o) => o.kind === 'Namespace' && o.metadata?.name === addon.namespace);
  // Like helm's --create-namespace: the add-on's own namespace exists before its objects.
  const namespace =
    hasNamespace || BUILT_IN_NAMESPACES.has(addon.namespace)
      ? []
      : [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: addon.namespace } }];
  ctx.note(`${addon.name} ${addon.version}: ${addon.objects.length} objects into ${addon.namespace} (server-side apply)`);
  try {
    await ctx.kubectl.applyObjects([...namespace, ...addon.objects]);
    const targets = rolloutTargets(addon.objects as Parameters<typeof rolloutTargets>[0], addon.namespace);
    await waitForRollouts(ctx.kubectl, targets, ctx.note);
  } catch (error) {
    if (!(error instanceof CommandFailedError)) throw error;
    throw new AddonInstallError(addon, { command: 'kubectl', args: ['get', 'pods', '--namespace', addon.namespace] }, error);
  }
}
