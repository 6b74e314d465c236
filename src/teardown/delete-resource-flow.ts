import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StopTraining } from './stop-training';
import { DELETABLE_KINDS } from './teardown-kinds';
import { FlowProps } from '../flows/flow-props';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { DeletionEnding, PollEngine } from '../polling/poll-engine';
import { ExplainAndFail } from '../steps/explain-and-fail';
import { personalizeCall } from '../steps/personalize-call';

/**
 * Deletes one Personalize resource and waits until it is gone, or deletes one schema. Input item:
 * `{ kind, name, arn }`, `kind` one of CAMPAIGN, RECOMMENDER, SOLUTION, EVENT_TRACKER, FILTER, DATASET,
 * DATASET_GROUP, SCHEMA; context: `pipelineExecutionArn` (the tear-down's execution, for events).
 * Output: `{ kind, name, arn, deleted, kept }`: `deleted` false when it was already gone, `kept` true for a schema
 * another dataset uses. A solution's training in progress is stopped first (see StopTraining). A schema has no
 * status and is deleted at once; DeleteSchema answers ResourceInUseException while a dataset (of any dataset
 * group) uses it (API reference, DeleteSchema), and the schema is then kept and reported KEPT.
 * One execution deletes one resource, so its history holds one deletion loop: each loop is on an exclusive branch,
 * and the history budget holds per branch. Every branch ends its failures in one report and one Fail state.
 * @internal
 */
export class DeleteResourceFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        'kind.$': '$.item.kind', 'name.$': '$.item.name', 'arn.$': '$.item.arn', 'deleted.$': '$.deletion.deleted', 'kept': false,
      },
    });
    // Every loop ends in one DeletionEnding; the item names the resource on every path to it.
    const ending = new DeletionEnding(this, 'Deletion', {
      services, slot: 'deletion', eventFields: { kind: '$.item.kind', name: '$.item.name', arn: '$.item.arn' },
    });
    ending.next(output);
    const dispatch = new sfn.Choice(this, 'Which kind?');
    for (const [kindId, deletable] of Object.entries(DELETABLE_KINDS)) {
      const loop = PollEngine.untilDeleted(this, `Delete${kindId}`, {
        kind: deletable.kind,
        services,
        slot: 'deletion',
        arn: '$.item.arn',
        name: '$.item.name',
        exclusiveBranch: kindId,
        ending,
      });
      let branch: sfn.IChainable = loop;
      if (kindId === 'SOLUTION') {
        const stop = new StopTraining(this, 'StopTraining', { services, solutionArn: '$.item.arn', solutionName: '$.item.name', exclusiveBranch: kindId });
        stop.next(loop);
        branch = stop;
      }
      dispatch.when(sfn.Condition.stringEquals('$.item.kind', kindId), branch);
    }
    dispatch.when(sfn.Condition.stringEquals('$.item.kind', 'SCHEMA'), this.deleteSchema(props, output, ending.failures));
    dispatch.otherwise(new sfn.Fail(this, 'Unknown kind', {
      error: 'UnknownResourceKind',
      cause: `item.kind must be one of ${[...Object.keys(DELETABLE_KINDS), 'SCHEMA'].join(', ')}`,
    }));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', dispatch, props.settings, 'personalize-mlops: tear-down, one resource');
  }

  /** DeleteSchema: deleted, already gone, or kept because a dataset uses it. */
  private deleteSchema(props: FlowProps, output: sfn.IChainable, failures: ExplainAndFail): sfn.IChainable {
    const { events } = props.services;
    const fields = { kind: 'SCHEMA', name: '$.item.name', arn: '$.item.arn' };
    const remove = personalizeCall(this, 'Delete schema', {
      action: 'deleteSchema',
      parameters: { SchemaArn: sfn.JsonPath.stringAt('$.item.arn') },
      arnType: 'schema',
      resultPath: sfn.JsonPath.DISCARD,
    });
    const deleted = new sfn.Pass(this, 'Schema deleted', { parameters: { deleted: true }, resultPath: '$.deletion' });
    const gone = new sfn.Pass(this, 'Schema already gone', { parameters: { deleted: false }, resultPath: '$.deletion' });
    const keptOutput = new sfn.Pass(this, 'Schema kept', {
      parameters: {
        'kind.$': '$.item.kind', 'name.$': '$.item.name', 'arn.$': '$.item.arn', 'deleted': false, 'kept': true, 'reason.$': '$.refusal.Cause',
      },
    });
    const kept = events.resource(this, 'Report schema kept', { ...fields, status: 'KEPT', reason: '$.refusal.Cause' }).next(keptOutput);
    const keptWithoutCause = new sfn.Pass(this, 'Schema in use', {
      parameters: { Cause: 'ResourceInUseException: a dataset uses it' }, resultPath: '$.refusal',
    }).next(kept);
    const inUse = new sfn.Choice(this, 'Refusal has a cause?')
      .when(sfn.Condition.isPresent('$.refusal.Cause'), kept)
      .otherwise(keptWithoutCause);
    const failed = failures.explain('Explain schema delete failure', {
      error: 'SchemaDeleteFailed',
      event: {
        ...fields,
        status: 'DELETE_FAILED',
        error: '$.refusal.Error',
        cause: "States.Format('Schema {} ({}) could not be deleted: {}', $.item.name, $.item.arn, $.refusal.Error)",
      },
    });
    remove.addCatch(gone, { errors: ['Personalize.ResourceNotFoundException'], resultPath: '$.refusal' });
    remove.addCatch(inUse, { errors: ['Personalize.ResourceInUseException'], resultPath: '$.refusal' });
    remove.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.refusal' });
    remove.next(events.resource(this, 'Report schema deleted', { ...fields, status: 'DELETED' })).next(deleted);
    deleted.next(output);
    gone.next(output);
    return remove;
  }
}
