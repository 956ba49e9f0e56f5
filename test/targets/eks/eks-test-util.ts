import { Testing } from 'cdktf';
import type { ClusterSpec } from '../../../src/spec/cluster-spec';
import type { WorkloadSpec } from '../../../src/spec/workload-spec';
import type { StackOptions } from '../../../src/targets/cluster-target';
import { EksStack } from '../../../src/targets/eks/eks-stack';
import { TEST_NOW, exampleSpec, synthTerraform, type TerraformJson } from '../../util';

/** Synthesizes the EKS stack of the example with overrides. */
export function synthEks(cluster: Partial<ClusterSpec> = {}, options: Partial<StackOptions> = {}, workload: Partial<WorkloadSpec> = {}) {
  const spec = exampleSpec({ cluster, workload });
  const stack = new EksStack(Testing.app(), { spec, options: { now: TEST_NOW, ...options } });
  return { spec, stack, ...synthTerraform(stack) };
}

/** Matches a `${type.<logical id containing idPart>.attr}` reference. */
export const ref = (type: string, idPart: string) =>
  expect.stringMatching(new RegExp(`^\\$\\{${type}\\.[A-Za-z0-9_-]*${idPart}[A-Za-z0-9_-]*\\.`));

/** `[logical id, body]` of the resources of a type whose logical id contains `idPart`. */
export function resourcesNamed(json: TerraformJson, type: string, idPart: string): Array<[string, Record<string, any>]> {
  return Object.entries((json.resource[type] ?? {}) as Record<string, Record<string, any>>).filter(([id]) => id.includes(idPart));
}

/** The one resource of a type whose logical id contains `idPart`. */
export function resourceNamed(json: TerraformJson, type: string, idPart: string): Record<string, any> {
  const found = resourcesNamed(json, type, idPart);
  if (found.length !== 1) throw new Error(`expected one ${type} named *${idPart}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return found[0][1];
}

/** The `aws_iam_policy_document` data source whose logical id starts with `prefix`. */
export function policyDocument(json: TerraformJson, prefix: string): { statement: Array<Record<string, any>> } {
  const docs = Object.entries((json.data?.aws_iam_policy_document ?? {}) as Record<string, any>).filter(([id]) => id.startsWith(prefix));
  if (docs.length !== 1) throw new Error(`expected one policy document ${prefix}*, found ${docs.map(([id]) => id).join(', ') || 'none'}`);
  return docs[0][1];
}

/** Managed policy names attached to the role whose construct id starts with `rolePrefix` (e.g. `NodeRole_`). */
export function managedPolicies(json: TerraformJson, rolePrefix: string): string[] {
  return Object.entries((json.resource.aws_iam_role_policy_attachment ?? {}) as Record<string, any>)
    .filter(([id]) => id.startsWith(rolePrefix))
    .map(([, a]) => String(a.policy_arn).split(':policy/')[1])
    .sort();
}
