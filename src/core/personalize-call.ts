import { Duration } from 'aws-cdk-lib';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { FlowServices } from './flow-services';

/** One native Personalize SDK call. @internal */
export interface PersonalizeCallProps {
  /** The SDK integration action, e.g. `describeSolution`. */
  readonly action: string;
  /** The request, PascalCase as SDK integrations take it. */
  readonly parameters: Record<string, unknown>;
  /** The ARN type the call touches, for its IAM scope, e.g. `solution`. */
  readonly arnType: string;
  readonly resultPath?: string;
  readonly resultSelector?: Record<string, unknown>;
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
    iamResources: [FlowServices.iamArn(scope, props.arnType)],
    iamAction: `personalize:${props.action.charAt(0).toUpperCase()}${props.action.slice(1)}`,
    resultSelector: props.resultSelector,
    resultPath: props.resultPath,
  });
  task.addRetry({ errors: ['Personalize.ThrottlingException', 'Personalize.LimitExceededException'], interval: Duration.seconds(5), maxAttempts: 6, backoffRate: 2 });
  return task;
}
