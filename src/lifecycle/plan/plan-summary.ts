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

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode?: string;
  readonly change: { readonly actions: readonly string[] };
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

/** Summarises the JSON plan; data sources and no-ops are left out. */
export function summarisePlan(planJson: { readonly resource_changes?: readonly ResourceChange[] }): PlanSummary {
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

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly mode?: string;
  readonly values?: Record<string, unknown>;
}

interface PlannedModule {
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

function plannedResources(plan: { readonly planned_values?: { readonly root_module?: PlannedModule } }): Map<string, PlannedResource> {
  const out = new Map<string, PlannedResource>();
  const walk = (m: PlannedModule | undefined) => {
    for (const r of m?.resources ?? []) if (r.mode !== 'data') out.set(r.address, r);
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(plan.planned_values?.root_module);
  return out;
}

/**
 * What would change going from one planned configuration to another, from two `terraform show -json`
 * plans (e.g. base and head of a PR before anything is deployed): resources only in the head are
 * created, only in the base destroyed, in both with different known values updated. Without a
 * shared state Terraform cannot say which updates force a replacement; those show as updates.
 */
export function diffPlans(
  base: { readonly planned_values?: { readonly root_module?: PlannedModule } },
  head: { readonly planned_values?: { readonly root_module?: PlannedModule } },
): PlanSummary {
  const before = plannedResources(base);
  const after = plannedResources(head);
  const changes: ResourceChange[] = [];
  for (const [address, r] of after) {
    const prev = before.get(address);
    if (!prev) changes.push({ address, type: r.type, change: { actions: ['create'] } });
    else if (JSON.stringify(prev.values ?? {}) !== JSON.stringify(r.values ?? {}))
      changes.push({ address, type: r.type, change: { actions: ['update'] } });
  }
  for (const [address, r] of before) if (!after.has(address)) changes.push({ address, type: r.type, change: { actions: ['delete'] } });
  return summarisePlan({ resource_changes: changes });
}
