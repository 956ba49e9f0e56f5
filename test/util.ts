import { App, Testing } from 'cdk8s';
import { WEB_API_EXAMPLE } from '../src/examples/web-api';
import { WorkloadChart } from '../src/k8s/workload-chart';
import type { K8sAdaptation } from '../src/k8s/k8s-adaptation';
import type { AppSpec } from '../src/spec/app-spec';
import type { ClusterSpec } from '../src/spec/cluster-spec';
import { resolveAppSpec } from '../src/spec/resolve-app-spec';
import type { ResolvedAppSpec } from '../src/spec/resolved-spec';
import type { WorkloadSpec } from '../src/spec/workload-spec';
import { validateAppSpec } from '../src/spec/validate-app-spec';
import { Testing as TerraformTesting, type TerraformStack } from 'cdktf';
// Declares cdktf's jest matchers (toHaveResourceWithProperties, ...) for the type-checker.
import 'cdktf/lib/testing/adapters/jest';

/** A fixed clock so lab expiry tags are deterministic. */
export const TEST_NOW = new Date('2026-11-22T10:00:00Z');

/** The built-in example with overrides, validated and resolved (throws if the overrides are invalid). */
export function exampleSpec(overrides: { workload?: Partial<WorkloadSpec>; cluster?: Partial<ClusterSpec> } = {}): ResolvedAppSpec {
  const spec = rawExample(overrides);
  const problems = validateAppSpec(spec);
  if (problems.length > 0) throw new Error(`test spec invalid: ${JSON.stringify(problems)}`);
  return resolveAppSpec(spec);
}

/** Shorthand for cluster-only overrides. */
export function withCluster(cluster: Partial<ClusterSpec>): ResolvedAppSpec {
  return exampleSpec({ cluster });
}

export function rawExample(overrides: { workload?: Partial<WorkloadSpec>; cluster?: Partial<ClusterSpec> } = {}): AppSpec {
  return {
    workload: { ...WEB_API_EXAMPLE.workload, ...overrides.workload } as WorkloadSpec,
    cluster: { ...WEB_API_EXAMPLE.cluster, ...overrides.cluster },
  };
}

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [k: string]: any;
};

/** Renders the workload chart for one adaptation and returns its objects. */
export function renderChart(spec: ResolvedAppSpec, adaptation: K8sAdaptation): K8sObject[] {
  const app: App = Testing.app();
  const chart = new WorkloadChart(app, spec.workload.name, { workload: spec.workload, adaptation });
  return Testing.synth(chart) as K8sObject[];
}

export function findObject(objects: readonly K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? `/${name}` : ''} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** A synthesized cdktf stack: the `cdk.tf.json` text (for cdktf's jest matchers) and its parsed form. */
export interface SynthesizedTerraform {
  readonly text: string;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  readonly provider: Record<string, Array<Record<string, any>>>;
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly output: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  readonly terraform: Record<string, any>;
  readonly [key: string]: any;
}

/** Synthesizes one stack with cdktf's validations on (aspects run, as in a real synth). */
export function synthTerraform(stack: TerraformStack): SynthesizedTerraform {
  const text = TerraformTesting.synth(stack, true);
  return { text, json: JSON.parse(text) as TerraformJson };
}

/** Every resource of one type, in logical-id order; an empty list when there is none. */
export function resourcesOfType(json: TerraformJson, type: string): Array<Record<string, any>> {
  const byId = json.resource[type] ?? {};
  return Object.keys(byId)
    .sort()
    .map((id) => byId[id]);
}

/** `[type, logicalId, config]` for every resource of the stack. */
export function allResources(json: TerraformJson): Array<[string, string, Record<string, any>]> {
  return Object.entries(json.resource).flatMap(([type, byId]) =>
    Object.entries(byId).map(([id, config]) => [type, id, config] as [string, string, Record<string, any>]),
  );
}

const PROVIDER_PACKAGES: Record<string, string> = {
  aws: '@cdktf/provider-aws',
  google: '@cdktf/provider-google',
  azurerm: '@cdktf/provider-azurerm',
};

/**
 * The generated binding class of a Terraform resource type (e.g. `azurerm_subnet` ->
 * `@cdktf/provider-azurerm/lib/subnet`'s `Subnet`), to ask what the provider schema has
 * (`'tags' in cls.prototype`) independently of the code under test.
 */
export function resourceBinding(type: string): { prototype: object; tfResourceType: string } {
  const [prefix, ...rest] = type.split('_');
  const pkg = PROVIDER_PACKAGES[prefix];
  if (!pkg) throw new Error(`no provider package known for resource type '${type}'`);
  const mod = require(`${pkg}/lib/${rest.join('-')}`) as Record<string, any>;
  const cls = Object.values(mod).find((v) => typeof v === 'function' && v.tfResourceType === type);
  if (!cls) throw new Error(`no binding class with tfResourceType '${type}' in ${pkg}/lib/${rest.join('-')}`);
  return cls;
}

/**
 * AWS resource types whose AWS API has no tags at all (associations, attachments, policies,
 * bucket sub-configurations, aliases): nothing to cover.
 */
export const AWS_UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
  'aws_route',
  'aws_route_table_association',
  'aws_autoscaling_lifecycle_hook',
  'aws_iam_role_policy_attachment',
  'aws_iam_role_policy',
  'aws_kms_alias',
  'aws_kms_key_policy',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_policy',
  'aws_eks_access_policy_association',
]);

/**
 * Asserts that an AWS stack tags everything with `tags`: the provider's default_tags are exactly
 * the common tags and no resource overrides one of them; every other type is either untaggable,
 * or an auto-scaling group whose `tag` blocks carry them (propagated to its instances); and every
 * launch template tags the instances and volumes it launches with them.
 */
export function expectAwsTagCoverage(json: TerraformJson, tags: Readonly<Record<string, string>>): void {
  expect(json.provider.aws[0].default_tags).toEqual([{ tags }]);
  for (const [type, id, config] of allResources(json)) {
    if ('tags' in resourceBinding(type).prototype) {
      const overridden = Object.keys(tags).filter((key) => config.tags !== undefined && key in config.tags);
      expect({ resource: `${type}.${id}`, overridden }).toEqual({ resource: `${type}.${id}`, overridden: [] });
    } else if (type === 'aws_autoscaling_group') {
      expect(config.tag).toEqual(
        expect.arrayContaining(Object.entries(tags).map(([key, value]) => ({ key, value, propagate_at_launch: true }))),
      );
    } else {
      expect({ untaggable: type }).toEqual({ untaggable: AWS_UNTAGGABLE_TYPES.has(type) ? type : 'a type that can be tagged' });
    }
  }
  for (const template of resourcesOfType(json, 'aws_launch_template')) {
    const specs = template.tag_specifications as Array<{ resource_type: string; tags: Record<string, string> }>;
    for (const resourceType of ['instance', 'volume']) {
      const spec = specs.find((s) => s.resource_type === resourceType);
      expect(spec?.tags).toEqual(expect.objectContaining(tags));
    }
  }
}
