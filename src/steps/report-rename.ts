import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StatusEvents } from './status-events';

/**
 * Reports a job the pre-flight step renamed: jobs cannot be deleted, so a configured job name whose job FAILED
 * is taken for good, and the run uses a derived name (`<name>-2`, ...). The event names both; then `next`.
 * Input item fields: `serviceConfig.jobName` (the name used) and `configuredJobName` (the config's).
 * @internal
 */
export function reportRename(scope: Construct, events: StatusEvents, kind: string, next: sfn.IChainable): sfn.Choice {
  const renamed = events.resource(scope, 'Report renamed job', {
    kind,
    name: '$.item.serviceConfig.jobName',
    arn: '',
    status: 'RENAMED',
    created: false,
    previousName: '$.item.configuredJobName',
    reason: 'a job of the configured name FAILED and jobs cannot be deleted; this run uses a new name',
  });
  renamed.next(next);
  return new sfn.Choice(scope, 'Renamed?')
    .when(sfn.Condition.not(sfn.Condition.isPresent('$.item.configuredJobName')), next)
    .when(sfn.Condition.stringEqualsJsonPath('$.item.configuredJobName', '$.item.serviceConfig.jobName'), next)
    .otherwise(renamed);
}
