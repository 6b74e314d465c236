import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { ReconcileStep } from '../polling/reconcile-step';
import { ExplainAndFail } from '../steps/explain-and-fail';
import { personalizeCall } from '../steps/personalize-call';

/**
 * Creates or reuses the event tracker; its ready event carries the trackingId that PutEvents calls need.
 * An event tracker's ARN is not derived from its name (`event-tracker/<id>`, API reference,
 * CreateEventTracker: the response's eventTrackerArn) and a dataset group has at most one, so the flow lists
 * the group's trackers: the one of the configured name is reused, one of another name is a conflict naming
 * both, and with none the flow creates it and polls the ARN the create call returned.
 * Input item: the plan's `eventTracker`; context: `datasetGroupArn`. Output: `{ eventTrackerArn, trackingId, created }`.
 * @internal
 */
export class EventTrackerFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const kind = RESOURCE_KINDS.eventTracker;
    const list = personalizeCall(this, 'List the group\'s event trackers', {
      action: 'listEventTrackers',
      parameters: { DatasetGroupArn: sfn.JsonPath.stringAt('$.context.datasetGroupArn') },
      arnType: 'event-tracker',
      iamResources: ['*'],
      resultPath: '$.existing',
    });
    // A tracker another execution created a moment ago (ResourceAlreadyExistsException): list again.
    const listAgain = new sfn.Pass(this, 'List again');
    const poll = PollEngine.createUnnamed(this, 'EventTracker', {
      kind,
      services,
      slot: 'eventTracker',
      arn: '$.tracker.arn',
      name: '$.item.serviceConfig.name',
      // No tracker yet: created at once; a failed one an earlier run left is deleted and created again.
      create: { action: 'createEventTracker', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
      afterCreateRace: listAgain,
      readyEventFields: { trackingId: '$.eventTracker.description.EventTracker.TrackingId' },
    });
    const none = new sfn.Pass(this, 'No tracker yet', { parameters: { arn: '' }, resultPath: '$.tracker' }).next(poll);
    const reuse = new sfn.Pass(this, 'Use the listed tracker', {
      parameters: { 'arn.$': '$.existing.EventTrackers[0].EventTrackerArn' },
      resultPath: '$.tracker',
    }).next(poll);
    const conflict = new ExplainAndFail(this, 'Conflict', { events: services.events, resultPath: '$.conflict', reportName: 'Report tracker conflict' })
      .explain('Explain tracker conflict', {
        error: 'EventTrackerConflict',
        event: {
          kind: kind.id,
          name: '$.item.serviceConfig.name',
          arn: '$.existing.EventTrackers[0].EventTrackerArn',
          status: 'CONFLICT',
          created: false,
          cause: "States.Format('Dataset group {} already has event tracker {} ({}); a dataset group has at most one event tracker, so the config\\'s {} cannot be created: name the existing one in the config or delete it', $.context.datasetGroupArn, $.existing.EventTrackers[0].Name, $.existing.EventTrackers[0].EventTrackerArn, $.item.serviceConfig.name)",
        },
      });
    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        'eventTrackerArn.$': '$.eventTracker.arn',
        'trackingId.$': '$.eventTracker.description.EventTracker.TrackingId',
        'created.$': '$.eventTracker.created',
      },
    });
    // An existing tracker gets the configured tags.
    const tags = new ReconcileStep(this, 'Tags', {
      services, kind, slot: 'eventTracker', action: 'tagResource', serviceConfig: '$.item.serviceConfig', derived: { resourceArn: '$.eventTracker.arn' },
    });
    poll.next(tags).next(output);
    listAgain.next(list);
    const definition = list.next(new sfn.Choice(this, 'Has a tracker?')
      .when(sfn.Condition.not(sfn.Condition.isPresent('$.existing.EventTrackers[0].EventTrackerArn')), none)
      .when(sfn.Condition.stringEqualsJsonPath('$.existing.EventTrackers[0].Name', '$.item.serviceConfig.name'), reuse)
      .otherwise(conflict));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings, 'personalize-mlops: event tracker');
  }
}
