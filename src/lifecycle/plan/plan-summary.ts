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
