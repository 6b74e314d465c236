import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { RESOURCE_KINDS } from '../core/resource-kind';

/**
 * Creates or reuses the event tracker; its ready event carries the trackingId that PutEvents calls need.
 * Input item: the plan's `eventTracker`; context: `datasetGroupArn`. Output: `{ eventTrackerArn, trackingId, created }`.
 * @internal
 */
export class EventTrackerFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.eventTracker;
    const tracker = EnsureResource.named(this, 'EventTracker', '$.item.serviceConfig.name', {
      kind,
      services,
      slot: 'eventTracker',
      create: { action: 'createEventTracker', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
      readyEventFields: { trackingId: '$.eventTracker.description.EventTracker.TrackingId' },
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        'eventTrackerArn.$': '$.eventTracker.arn',
        'trackingId.$': '$.eventTracker.description.EventTracker.TrackingId',
        'created.$': '$.eventTracker.created',
      },
    });
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', tracker.next(output), props.settings, 'personalize-mlops: event tracker');
  }
}
