import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StatusEvents } from './status-events';

/**
 * Runs `body` when the config's flag (e.g. `$.item.createCampaign`) is true; otherwise reports the
 * resource as SKIPPED, so a config entry is never ignored silently.
 * @internal
 */
export function skipUnless(scope: Construct, events: StatusEvents, flag: string, kind: string, namePath: string, body: sfn.IChainable): sfn.Choice {
  const field = flag.split('.').pop();
  const skipped = events.resource(scope, 'Report skipped', {
    kind, name: namePath, arn: '', status: 'SKIPPED', created: false, reason: `${field} is false`,
  });
  return new sfn.Choice(scope, `${field}?`)
    .when(sfn.Condition.booleanEquals(flag, true), body)
    .otherwise(skipped);
}
