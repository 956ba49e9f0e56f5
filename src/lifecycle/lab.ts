import { PRICE_CATALOG } from '../analysis/cost/catalog/price-catalog';
import type { PriceCatalog } from '../analysis/cost/catalog/price-fact';
import { priceInventory } from '../analysis/cost/cost-model';
import { extractInventory } from '../analysis/inventory/extract-inventory';
import { readSynthOutput } from '../analysis/inventory/read-synth-output';
import { WEB_API_EXAMPLE } from '../examples/web-api';
import type { ResolvedAppSpec } from '../spec/resolved-spec';
import { formatExpiry } from '../targets/common/common-tags';
import type { BackendConfig, ClusterTarget, TargetId } from '../targets/cluster-target';
import { getTarget } from '../targets/registry';
import { prepareAppSpec } from '../targets/validate-for-targets';
import { describeBackend } from './backend-option';
import { deploy, type DeployResult } from './deploy';
import { destroy, type DestroyOutcome } from './destroy';
import { labExpiry, type LabTtl } from './lab-ttl';
import { costForHours, isExpired, labKey, readLabRegistry, removeLab, upsertLab, type LabRecord } from './lab-registry';
import { formatDuration, type LifecycleContext } from './lifecycle-context';

export interface LabSettings {
  readonly owner: string;
  readonly ttlHours: number;
}

/**
 * The spec a lab deploys: the user's spec with `cluster.lab` set (which puts the owner and expiry
 * tags on every taggable resource and object, turns off deletion protection and lets the state
 * bucket be force-destroyed) and one shared NAT gateway instead of one per zone (a lab does not
 * need to survive a zone loss; each extra gateway costs ~$33/month before traffic).
 * Anything that is not a spec-shaped object is returned unchanged for validation to report.
 */
export function labSpec(raw: unknown, lab: LabSettings): unknown {
  if (!isRecord(raw) || !isRecord(raw.cluster)) return raw;
  return { ...raw, cluster: { ...raw.cluster, lab: { owner: lab.owner, ttlHours: lab.ttlHours }, natGateways: 'single' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Monthly cost of a target's synthesized output from the comparison's cost model; undefined (with the reason) when it cannot be priced. */
export function synthesizedMonthlyCost(
  root: string,
  target: TargetId,
  catalog: PriceCatalog = PRICE_CATALOG,
): { monthlyUsd?: number; why?: string } {
  try {
    return { monthlyUsd: priceInventory(extractInventory(readSynthOutput(root, target)), catalog).monthlyTotalUsd };
  } catch (error) {
    return { why: (error as Error).message };
  }
}

export interface LabUpContext extends LifecycleContext {
  /** The spec as loaded (before validation); `cluster.lab` and `natGateways` are overridden. */
  readonly rawSpec: unknown;
  /** The spec file (absolute), so `lab reap` can synthesize the same stack. @default - the built-in example */
  readonly app?: string;
  readonly owner: string;
  readonly ttl: LabTtl;
  /** @default - local state */
  readonly backend?: BackendConfig;
  readonly rerun: string;
}

/**
 * Deploys a lab: validates the lab spec, then runs `deploy`, recording the lab in
 * `.orquesta/labs.json` as soon as it is synthesized (before anything exists in the cloud), so a
 * failed deploy still leaves a record `lab reap` will find.
 */
export async function labUp(target: ClusterTarget, ctx: LabUpContext): Promise<DeployResult> {
  const spec = prepareAppSpec(labSpec(ctx.rawSpec, { owner: ctx.owner, ttlHours: ctx.ttl.ttlHours }), [target]);
  const expiresAt = labExpiry(ctx.now, ctx.ttl.ttlHours);
  if (ctx.ttl.roundedUp) {
    ctx.io.out(`Note: --ttl ${ctx.ttl.text} rounds up to ${ctx.ttl.ttlHours}h (cluster.lab.ttlHours is whole hours).`);
  }
  ctx.io.out(
    `Lab ${spec.cluster.name}: owner ${ctx.owner}, expires ${expiresAt.toISOString()} (tag orquesta-expires-at=${formatExpiry(expiresAt)}), single NAT gateway, no deletion protection`,
  );
  return deploy(target, {
    ...ctx,
    spec,
    afterSynth: () => {
      const cost = synthesizedMonthlyCost(ctx.root, target.id);
      upsertLab(ctx.root, {
        target: target.id,
        cloud: target.cloud,
        cluster: spec.cluster.name,
        owner: ctx.owner,
        createdAt: ctx.now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        ttlHours: ctx.ttl.ttlHours,
        region: target.region(spec),
        stateDir: describeBackend(ctx.backend, target.id),
        ...(ctx.backend ? { backend: ctx.backend } : {}),
        ...(ctx.app ? { app: ctx.app } : {}),
        ...(cost.monthlyUsd !== undefined ? { monthlyUsd: cost.monthlyUsd } : {}),
      });
      ctx.io.out(
        `      recorded in .orquesta/labs.json; ${
          cost.monthlyUsd !== undefined
            ? `about $${cost.monthlyUsd.toFixed(2)}/month, $${costForHours(cost.monthlyUsd, ctx.ttl.ttlHours).toFixed(2)} for its ${ctx.ttl.ttlHours}h`
            : `cost unknown (${cost.why})`
        }`,
      );
    },
  });
}

/** Loads a spec file (the CLI's loader); absent for the built-in example. */
export type SpecLoader = (app: string) => unknown;

/** The resolved spec a recorded lab was deployed with: its spec file (or the example) with the lab settings. */
export function recordedLabSpec(lab: LabRecord, target: ClusterTarget, loadSpec: SpecLoader): ResolvedAppSpec {
  const raw = lab.app ? loadSpec(lab.app) : WEB_API_EXAMPLE;
  const spec = prepareAppSpec(labSpec(raw, { owner: lab.owner, ttlHours: lab.ttlHours }), [target]);
  if (spec.cluster.name !== lab.cluster) {
    throw new Error(`${lab.app ?? 'the built-in example'} now names cluster '${spec.cluster.name}', but the lab is '${lab.cluster}'`);
  }
  return spec;
}

export interface ReapOptions {
  /** List what would be destroyed and stop. */
  readonly dryRun: boolean;
  /** Destroy without asking (the only way, since reaping is meant to run unattended). */
  readonly yes: boolean;
}

export interface ReapResult {
  readonly expired: readonly string[];
  readonly destroyed: readonly string[];
  readonly failed: readonly string[];
}

/**
 * Destroys every expired lab with the safe teardown order of `destroy` (which still refuses a
 * cluster whose state carries no lab tag). One lab failing does not stop the others.
 */
export async function labReap(ctx: LifecycleContext & { readonly loadSpec: SpecLoader }, options: ReapOptions): Promise<ReapResult> {
  const expired = readLabRegistry(ctx.root).filter((l) => isExpired(l, ctx.now));
  const names = expired.map(labKey);
  if (expired.length === 0) {
    ctx.io.out('No expired labs.');
    return { expired: [], destroyed: [], failed: [] };
  }
  for (const lab of expired) {
    const ago = formatDuration(ctx.now.getTime() - Date.parse(lab.expiresAt));
    ctx.io.out(
      `${options.dryRun ? 'would destroy' : 'expired'}: ${labKey(lab)} (owner ${lab.owner}, ${lab.region}, expired ${ago} ago, state ${lab.stateDir})`,
    );
  }
  if (options.dryRun) return { expired: names, destroyed: [], failed: [] };
  if (!options.yes) {
    ctx.io.err(`✗ refusing to destroy ${expired.length} lab(s) without --yes (run with --dry-run to only list them)`);
    return { expired: names, destroyed: [], failed: names };
  }
  const destroyed: string[] = [];
  const failed: string[] = [];
  for (const lab of expired) {
    ctx.io.out(`\n== ${labKey(lab)} ==`);
    let outcome: DestroyOutcome;
    try {
      const target = getTarget(lab.target);
      outcome = await destroy(target, {
        ...ctx,
        spec: recordedLabSpec(lab, target, ctx.loadSpec),
        backend: lab.backend,
        rerun: 'orquesta lab reap --yes',
        yes: true,
        force: false,
        interactive: false,
        synthNow: new Date(lab.createdAt),
        onDestroyed: () => removeLab(ctx.root, lab),
      });
    } catch (error) {
      ctx.io.err(`✗ ${labKey(lab)}: ${(error as Error).message}`);
      outcome = 'failed';
    }
    (outcome === 'destroyed' || outcome === 'nothing-to-destroy' ? destroyed : failed).push(labKey(lab));
  }
  ctx.io.out(
    `\nReaped ${destroyed.length} of ${expired.length} expired lab(s)${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}.`,
  );
  return { expired: names, destroyed, failed };
}
