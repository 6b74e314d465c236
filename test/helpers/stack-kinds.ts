import { Environment } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';

/** One kind of stack users put the pipeline in: the app's context (feature flags) and the stack's env. */
export interface StackKind {
  readonly context?: Record<string, unknown>;
  readonly env?: Environment;
}

/** The account of the stacks with an explicit env. */
export const STACK_KIND_ACCOUNT = '123456789012';

/**
 * The kinds of stack the cdk-nag tests cover: environment-agnostic, explicit envs in three partitions, and apps laid
 * out by `cdk init` (every currently recommended feature flag; with `@aws-cdk/core:enablePartitionLiterals` the
 * partition is a literal: aws, aws-cn, aws-us-gov).
 */
export const STACK_KINDS: Record<string, StackKind> = {
  'environment-agnostic': {},
  'explicit env us-east-1': { env: { account: STACK_KIND_ACCOUNT, region: 'us-east-1' } },
  'explicit env cn-north-1': { env: { account: STACK_KIND_ACCOUNT, region: 'cn-north-1' } },
  'cdk init app, environment-agnostic': { context: CURRENTLY_RECOMMENDED_FLAGS },
  'cdk init app, explicit env us-east-1': { context: CURRENTLY_RECOMMENDED_FLAGS, env: { account: STACK_KIND_ACCOUNT, region: 'us-east-1' } },
  'cdk init app, explicit env cn-north-1': { context: CURRENTLY_RECOMMENDED_FLAGS, env: { account: STACK_KIND_ACCOUNT, region: 'cn-north-1' } },
  'cdk init app, explicit env us-gov-west-1': { context: CURRENTLY_RECOMMENDED_FLAGS, env: { account: STACK_KIND_ACCOUNT, region: 'us-gov-west-1' } },
};
