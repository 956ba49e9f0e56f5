import { stateResources, type TerraformShowJson } from '../terraform-cli';

/** What `terraform show -json <planfile>` says will change, grouped the way a reviewer reads it. */
export interface PlanSummary {
  readonly create: readonly string[];
  readonly update: readonly string[];
  readonly replace: readonly string[];
  readonly delete: readonly string[];
  /** Counts per resource type and action, e.g. { aws_nat_gateway: { delete: 2 } }. */
  readonly byType: Readonly<Record<string, Readonly<Partial<Record<PlanAction, number>>>>>;
}

export type PlanAction = 'create' | 'update' | 'replace' | 'delete';

/** One entry of a JSON plan's `resource_changes` (https://developer.hashicorp.com/terraform/internals/json-format#resource-changes-representation). */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name?: string;
  readonly mode?: string;
  readonly index?: string | number;
  readonly module_address?: string;
  readonly provider_name?: string;
  /** Why terraform plans this change, e.g. 'replace_because_cannot_update'. */
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    /** Attribute paths that force the replacement. */
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  };
}

/** Terraform's action lists (https://developer.hashicorp.com/terraform/internals/json-format#change-representation). */
export function actionOf(actions: readonly string[]): PlanAction | undefined {
  const key = actions.join(',');
  switch (key) {
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    default:
      return undefined; // no-op, read
  }
}

/** The parts of `terraform show -json <planfile>` orquesta reads. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly planned_values?: TerraformShowJson['values'];
}

/** Summarises the JSON plan; data sources and no-ops are left out. */
export function summarisePlan(planJson: PlanJson): PlanSummary {
  const groups: Record<PlanAction, string[]> = { create: [], update: [], replace: [], delete: [] };
  const byType: Record<string, Partial<Record<PlanAction, number>>> = {};
  for (const rc of planJson.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    groups[action].push(rc.address);
    const counts = (byType[rc.type] ??= {});
    counts[action] = (counts[action] ?? 0) + 1;
  }
  return { ...groups, byType };
}

export function totalChanges(summary: PlanSummary): number {
  return summary.create.length + summary.update.length + summary.replace.length + summary.delete.length;
}

/**
 * What would change going from one planned configuration to another, from two `terraform show -json`
 * plans (e.g. base and head of a PR before anything is deployed): resources only in the head are
 * created, only in the base destroyed, in both with different known values updated. Without a
 * shared state Terraform cannot say which updates force a replacement; those show as updates.
 */
export function diffPlans(base: PlanJson, head: PlanJson): PlanSummary {
  const planned = (plan: PlanJson) => new Map(stateResources({ values: plan.planned_values }).map((r) => [r.address, r]));
  const before = planned(base);
  const after = planned(head);
  const changes: ResourceChange[] = [];
  for (const [address, r] of after) {
    const prev = before.get(address);
    if (!prev) changes.push({ address, type: r.type, change: { actions: ['create'] } });
    else if (JSON.stringify(prev.values) !== JSON.stringify(r.values))
      changes.push({ address, type: r.type, change: { actions: ['update'] } });
  }
  for (const [address, r] of before) if (!after.has(address)) changes.push({ address, type: r.type, change: { actions: ['delete'] } });
  return summarisePlan({ resource_changes: changes });
}
