import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { FlowServices } from './flow-services';

/**
 * What a throttled, over-quota or briefly unavailable Personalize call answers an SDK integration with. The
 * service's model has LimitExceededException only (API reference, Common Errors and each action's Errors);
 * throttling comes from the AWS front end as ThrottlingException, which the model does not know (API reference,
 * Common Errors). Step Functions names a modeled error `Personalize.<name>` and, in public execution histories,
 * an unmodeled one `Personalize.PersonalizeException` (or `AmazonPersonalizeException`) with the code in the
 * cause, and a dropped connection `Personalize.SdkClientException` (Step Functions developer guide, "Handling
 * errors in SDK integrations"; see docs/emulator.md). All are retried with backoff and jitter: they
 * are worth a wait, and an input error is never among them.
 * @internal
 */
export const PERSONALIZE_TRANSIENT_ERRORS = [
  'Personalize.ThrottlingException',
  'Personalize.TooManyRequestsException',
  'Personalize.LimitExceededException',
  'Personalize.PersonalizeException',
  'Personalize.AmazonPersonalizeException',
  'Personalize.SdkClientException',
];

/** How a Personalize call retries PERSONALIZE_TRANSIENT_ERRORS: with backoff and full jitter. @internal */
export const PERSONALIZE_RETRY = { intervalSeconds: 5, maxAttempts: 6, backoffRate: 2 } as const;

/** One native Personalize SDK call. @internal */
export interface PersonalizeCallProps {
  /** The SDK integration action, e.g. `describeSolution`. */
  readonly action: string;
  /** The request, PascalCase as SDK integrations take it. */
  readonly parameters: Record<string, unknown>;
  /** The ARN type the call touches, for its IAM scope, e.g. `solution`. */
  readonly arnType: string;
  /**
   * IAM resources instead of the type's ARNs: list actions take `*` (the service authorization reference lists
   * no resource type for Personalize's List actions).
   * @default - every resource of `arnType` in this account and region
   */
  readonly iamResources?: string[];
  readonly resultPath?: string;
  readonly resultSelector?: Record<string, unknown>;
  /**
   * Whether the task retries PERSONALIZE_TRANSIENT_ERRORS itself; without, its caller catches them and retries as
   * PERSONALIZE_RETRY says (the poll machine's calls share one such loop, see PollMachine).
   * @default true
   */
  readonly retryTransientErrors?: boolean;
}

/**
 * A native `aws-sdk:personalize` task, its IAM scoped to this account and region and to one resource type,
 * retrying throttling and limit errors with backoff.
 * @internal
 */
export function personalizeCall(scope: Construct, id: string, props: PersonalizeCallProps): tasks.CallAwsService {
  const task = new tasks.CallAwsService(scope, id, {
    service: 'personalize',
    action: props.action,
    parameters: props.parameters,
    iamResources: props.iamResources ?? [FlowServices.iamArn(scope, props.arnType)],
    iamAction: `personalize:${props.action.charAt(0).toUpperCase()}${props.action.slice(1)}`,
    resultSelector: props.resultSelector,
    resultPath: props.resultPath,
  });
  if (props.retryTransientErrors ?? true) {
    task.addRetry({
      errors: PERSONALIZE_TRANSIENT_ERRORS,
      interval: Duration.seconds(PERSONALIZE_RETRY.intervalSeconds),
      maxAttempts: PERSONALIZE_RETRY.maxAttempts,
      backoffRate: PERSONALIZE_RETRY.backoffRate,
      jitterStrategy: sfn.JitterType.FULL,
    });
  }
  return task;
}
