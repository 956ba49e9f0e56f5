import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { ResolvedAppSpec } from '../../../spec/resolved-spec';
import type { StackOptions, TargetId } from '../../cluster-target';
import { commonTags } from '../common-tags';

export interface AwsProviderProps {
  readonly spec: ResolvedAppSpec;
  readonly target: TargetId;
  readonly options: StackOptions;
}

/**
 * Settings that let `terraform plan` run with fake credentials and no network: no STS call to
 * validate credentials or look up the account id, no EC2 metadata lookup, no region list check,
 * and one retry instead of the provider's default 25 so a mistake fails fast.
 * In provider-aws 20.x `skip_metadata_api_check` is a string (../shared/TOOLCHAIN.md, 2026-11).
 * A real deploy must never carry these: they would hide wrong credentials until apply.
 */
export const OFFLINE_PLAN_PROVIDER_SETTINGS = {
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
  skipRegionValidation: true,
  maxRetries: 1,
} as const;

/**
 * The AWS provider of an AWS target's stack. Its `default_tags` put the common tags on every
 * resource with a `tags` argument, so constructs never repeat them; what default_tags cannot reach
 * (auto-scaling group `tag` blocks, instances and volumes launched from a launch template) the
 * constructs that create those set from `commonTags` themselves.
 */
export function addAwsProvider(scope: Construct, props: AwsProviderProps): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: props.spec.cluster.regions.aws,
    defaultTags: [{ tags: commonTags(props.spec, props.target, props.options.now) }],
    ...(props.options.offlinePlan ? OFFLINE_PLAN_PROVIDER_SETTINGS : {}),
  });
}
