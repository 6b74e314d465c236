import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StatusEvents } from './status-events';
import { PollingOverrides, PollSchedule, PollSettingsOverride } from '../kinds/poll-schedule';
import { ResourceKind } from '../kinds/resource-kind';

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

  /**
   * The poll machine every poll loop starts (src/polling/poll-machine.ts), set once it is built, before any flow.
   * @default - none yet
   */
  pollMachine?: sfn.IStateMachine;

  constructor(
    /** The function that makes create and update calls with a user's serviceConfig. */
    readonly createFunction: lambda.IFunction,
    /** Publishes status events. */
    readonly events: StatusEvents,
    private readonly polling: PollingOverrides = {},
    /** Where the training flow and the metrics gate publish their metrics; none when publishing is off. */
    readonly metricsNamespace?: string,
  ) {}

  /** The waits of a kind's poll loop; the user's settings win over the kind's defaults. */
  schedule(kind: ResourceKind): PollSchedule {
    const settings: PollSettingsOverride = this.polling[kind.pollingKey] ?? {};
    return new PollSchedule({
      initialInterval: settings.initialInterval ?? kind.initialInterval,
      maxInterval: Duration.seconds((settings.maxInterval ?? kind.maxInterval).toSeconds() * (kind.maxIntervalScale ?? 1)),
      timeout: settings.timeout ?? kind.timeout,
      growth: kind.growth,
    });
  }
}

/**
 * Checks the `polling` prop: every duration positive, `initialInterval` ≤ `maxInterval` ≤ `timeout` once the
 * kind's defaults fill the gaps.
 * @internal
 */
export function validatePolling(polling: PollingOverrides, defaults: Record<string, ResourceKind>): void {
  for (const [key, settings] of Object.entries(polling) as Array<[string, PollSettingsOverride | undefined]>) {
    if (!settings) continue;
    const kind = Object.values(defaults).find((k) => k.pollingKey === key);
    if (!kind) throw new Error(`polling.${key} is not a kind the pipeline polls; expected one of ${[...new Set(Object.values(defaults).map((k) => k.pollingKey))].join(', ')}`);
    const resolved = {
      initialInterval: settings.initialInterval ?? kind.initialInterval,
      maxInterval: settings.maxInterval ?? kind.maxInterval,
      timeout: settings.timeout ?? kind.timeout,
    };
    for (const [name, value] of Object.entries(resolved)) {
      if (!value.isUnresolved() && value.toMilliseconds() < 1000) throw new Error(`polling.${key}.${name} must be at least 1 second, got: ${value.toHumanString()}`);
    }
    if (resolved.maxInterval.toSeconds() < resolved.initialInterval.toSeconds()) {
      throw new Error(`polling.${key}.maxInterval must be at least its initialInterval (${resolved.initialInterval.toHumanString()}), got: ${resolved.maxInterval.toHumanString()}`);
    }
    if (resolved.timeout.toSeconds() < resolved.maxInterval.toSeconds()) {
      throw new Error(`polling.${key}.timeout must be at least its maxInterval (${resolved.maxInterval.toHumanString()}), got: ${resolved.timeout.toHumanString()}`);
    }
  }
}
