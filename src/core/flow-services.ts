import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ResourceKind } from './resource-kind';
import { StatusEvents } from './status-events';
import { PipelinePolling, PollingSettings } from '../pipeline/polling';

/** How the poll loop of one kind is bounded. @internal */
export interface PollBounds {
  readonly interval: Duration;
  readonly maxAttempts: number;
}

/**
 * What every flow shares: the create function, the event publisher, the poll settings, and the ARN
 * builders scoped to this stack's partition, region and account.
 * @internal
 */
export class FlowServices {
  /** An IAM resource pattern for Personalize resources of one type in this account and region. */
  static iamArn(scope: Construct, arnType: string, pattern = '*'): string {
    return Stack.of(scope).formatArn({ service: 'personalize', resource: arnType, resourceName: pattern, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  }

  /**
   * The intrinsic that builds a resource's ARN at run time, e.g.
   * `States.Format('arn:aws:personalize:us-east-1:123:dataset-group/{}', $.item.name)`.
   */
  static arnAt(arnType: string, ...namePaths: string[]): string {
    const placeholders = namePaths.map(() => '{}').join('/');
    return `States.Format('arn:${Aws.PARTITION}:personalize:${Aws.REGION}:${Aws.ACCOUNT_ID}:${arnType}/${placeholders}', ${namePaths.join(', ')})`;
  }

  constructor(
    /** The function that makes create and update calls with a user's serviceConfig. */
    readonly createFunction: lambda.IFunction,
    /** Publishes status events. */
    readonly events: StatusEvents,
    private readonly polling: PipelinePolling = {},
  ) {}

  /** Interval and attempt bound of a kind's poll loop; the user's settings win over the kind's defaults. */
  bounds(kind: ResourceKind): PollBounds {
    const settings: PollingSettings = this.polling[kind.pollingKey] ?? {};
    const interval = settings.interval ?? kind.interval;
    const timeout = settings.timeout ?? kind.timeout;
    return { interval, maxAttempts: Math.max(1, Math.ceil(timeout.toSeconds() / Math.max(1, interval.toSeconds()))) };
  }
}
