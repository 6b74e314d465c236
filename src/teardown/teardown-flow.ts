import { CfnResource } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DeleteResourceFlow } from './delete-resource-flow';
import { ListGroupResources } from './list-group-resources';
import { ReadTeardownInput } from './read-teardown-input';
import { FlowProps } from '../flows/flow-props';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { endWithFailures } from '../steps/end-with-failures';
import { FlowServices } from '../steps/flow-services';
import { forEachFlow } from '../steps/for-each-flow';

/** The template metadata key that tells what a state machine is for; the tear-down's is `teardown`. @internal */
export const ROLE_METADATA_KEY = 'personalize-mlops:role';

/** How many resources of one step are deleted at once: Personalize Delete* calls are throttled per account. */
const DELETE_CONCURRENCY = 5;

/** The deletion steps, in dependency order: each needs the ones before it done (API reference, each Delete*). */
const STEPS = [
  // A campaign holds its solution (DeleteSolution: delete its campaigns first); recommenders hold nothing.
  { key: 'campaignsAndRecommenders', label: 'Delete campaigns and recommenders' },
  // DeleteDataset is refused while a solution version of the group trains; DeleteDatasetGroup needs solutions gone.
  { key: 'solutions', label: 'Delete solutions' },
  { key: 'eventTrackersAndFilters', label: 'Delete event trackers and filters' },
  // Filters reference datasets in their expressions (Filter expression structure); deleted before them.
  { key: 'datasets', label: 'Delete datasets' },
  // DeleteDatasetGroup: its event trackers, solutions, datasets (and, strictly, recommenders and filters) first.
  { key: 'datasetGroup', label: 'Delete dataset group' },
  // DeleteSchema: every dataset that uses it first.
  { key: 'schemas', label: 'Delete schemas' },
];

/**
 * The tear-down state machine: deletes a dataset group and everything in it, in dependency order, waiting out
 * resources being created, stopped or deleted. Input: `{ datasetGroupName, dryRun?, force? }` or a pipeline config
 * (see ReadTeardownInput). It lists everything first (ListGroupResources); a dry run ends there with the list; a
 * config whose group holds resources it does not name is refused (unless `force`) before anything is deleted.
 * Then each step runs one child execution per resource (DeleteResourceFlow), steps in the order of STEPS; a step
 * with a failure ends the tear-down, failing with every failure listed. Succeeds with
 * `{ datasetGroupName, datasetGroupArn, dryRun, found, deleted, kept, undeletable }`; a group already gone is
 * `found: false` and nothing deleted, so a second run succeeds. Publishes `Personalize Pipeline Status Change`
 * events (TEARDOWN_STARTED, TEARDOWN_DRY_RUN, TEARDOWN_REFUSED, TEARDOWN_SUCCEEDED, TEARDOWN_FAILED,
 * TEARDOWN_INVALID_INPUT) and, from the child executions, a DELETED event per deleted resource.
 * @internal
 */
export class TeardownFlow extends Construct {
  /** The tear-down state machine; its input names the dataset group. */
  readonly stateMachine: sfn.StateMachine;
  /** The child state machine that deletes one resource. */
  readonly deleteResourceStateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: FlowProps) {
    super(scope, id);
    const { services } = props;
    const { events } = services;
    this.deleteResourceStateMachine = new DeleteResourceFlow(this, 'DeleteResource', props).stateMachine;
    // The main definition's states, apart from the child flow's poll loops (each execution has its own history).
    const main = new Construct(this, 'Main');

    const read = new ReadTeardownInput(main, 'ReadInput', events);
    const prepare = new sfn.Pass(main, 'Prepare', {
      parameters: {
        'request.$': '$.request',
        'context': {
          'pipelineExecutionArn.$': '$$.Execution.Id',
          'datasetGroupName.$': '$.request.datasetGroupName',
          'datasetGroupArn.$': FlowServices.arnAt('dataset-group', '$.request.datasetGroupName'),
        },
        'phases': {},
      },
    });
    const started = events.pipeline(main, 'Report tear-down started', {
      status: 'TEARDOWN_STARTED', datasetGroupName: '$.request.datasetGroupName', dryRun: '$.request.dryRun', force: '$.request.force',
    });
    const listFailed = events.pipeline(main, 'Report listing failed', {
      status: 'TEARDOWN_FAILED', datasetGroupName: '$.request.datasetGroupName', error: '$.listError.Error', cause: '$.listError.Cause',
    }).next(new sfn.Fail(main, 'Listing failed', { errorPath: '$.listError.Error', causePath: '$.listError.Cause' }));
    const listing = new ListGroupResources(main, 'List', { onError: listFailed });

    const resources = '$.inventory.resources';
    const order = new sfn.Pass(main, 'Group the steps', {
      parameters: {
        'campaignsAndRecommenders.$': `States.Array(${resources}.campaigns, ${resources}.recommenders)`,
        // The metric attribution goes with them (its table step: DeleteMetricAttribution before DeleteDatasetGroup).
        'eventTrackersAndFilters.$': `States.Array(${resources}.eventTrackers, ${resources}.filters, ${resources}.metricAttributions)`,
      },
      resultPath: '$.grouped',
    });
    const plan = new sfn.Pass(main, 'Plan the deletions', {
      parameters: {
        'campaignsAndRecommenders.$': '$.grouped.campaignsAndRecommenders[*][*]',
        'solutions.$': `${resources}.solutions`,
        'eventTrackersAndFilters.$': '$.grouped.eventTrackersAndFilters[*][*]',
        'datasets.$': `${resources}.datasets`,
        'datasetGroup.$': '$.inventory.datasetGroup',
        'schemas.$': '$.inventory.schemas',
      },
      resultPath: '$.plan',
    });

    const summary = {
      'datasetGroupName.$': '$.request.datasetGroupName',
      'datasetGroupArn.$': '$.context.datasetGroupArn',
      'dryRun.$': '$.request.dryRun',
      'found.$': '$.inventory.found',
    };
    const dryRun = new sfn.Pass(main, 'Dry run output', {
      parameters: {
        ...summary,
        // In deletion order (the plan's keys are the steps').
        'wouldDelete.$': '$.plan.*[*]',
        'unexpected.$': '$.inventory.unexpected',
        'undeletable.$': '$.inventory.undeletable',
      },
    }).next(events.pipeline(main, 'Report dry run', {
      status: 'TEARDOWN_DRY_RUN', datasetGroupName: '$.datasetGroupName', wouldDelete: 'States.ArrayLength($.wouldDelete)', unexpected: '$.unexpected',
    }));

    const refusal = new sfn.Pass(main, 'Explain refusal', {
      parameters: {
        'cause.$': "States.Format('Dataset group {} holds resources the config does not name: {}. Name them in the config, or run with force: true to delete them too; nothing was deleted', $.request.datasetGroupName, States.JsonToString($.inventory.unexpected))",
      },
      resultPath: '$.refusal',
    });
    const refuse = refusal
      .next(events.pipeline(main, 'Report refusal', {
        status: 'TEARDOWN_REFUSED', datasetGroupName: '$.request.datasetGroupName', unexpected: '$.inventory.unexpected', cause: '$.refusal.cause',
      }))
      .next(new sfn.Fail(main, 'Refused', { error: 'TeardownRefused', causePath: '$.refusal.cause' }));

    const output = new sfn.Pass(main, 'Output', {
      parameters: {
        ...summary,
        'deleted.$': '$.phases.*.outputs[?(@.deleted == true)]',
        'kept.$': '$.phases.*.outputs[?(@.kept == true)]',
        'undeletable.$': '$.inventory.undeletable',
      },
    });
    output.next(events.pipeline(main, 'Report tear-down succeeded', {
      status: 'TEARDOWN_SUCCEEDED', datasetGroupName: '$.datasetGroupName', found: '$.found', deleted: 'States.ArrayLength($.deleted)',
    }));
    const finish = new sfn.Pass(main, 'Collect failures', { parameters: { 'all.$': '$.phases.*.failures[*]' }, resultPath: '$.failures' })
      .next(endWithFailures(main, 'Tear-down', {
        failures: '$.failures.all',
        resultPath: '$.verdict',
        flows: [this.deleteResourceStateMachine],
        succeeded: output,
        reportFailure: (s) => events.pipeline(s, 'Report tear-down failed', {
          status: 'TEARDOWN_FAILED', datasetGroupName: '$.request.datasetGroupName', error: '$.verdict.error', cause: '$.verdict.cause', failures: '$.verdict.failures',
        }),
      }));

    // Each step, then the next one unless it recorded a failure.
    let deletions: sfn.IChainable = finish;
    for (const step of [...STEPS].reverse()) {
      const map = forEachFlow(main, step.label, `$.plan.${step.key}`, this.deleteResourceStateMachine, {
        resultPath: `$.phases.${step.key}`, maxConcurrency: DELETE_CONCURRENCY, flowLabel: 'Tear-down',
      });
      map.next(new sfn.Choice(main, `${step.label}: any failure?`)
        .when(sfn.Condition.isPresent(`$.phases.${step.key}.failures[0]`), finish)
        .otherwise(deletions));
      deletions = map;
    }

    const refuseOrDelete = new sfn.Choice(main, 'Anything the config does not name?')
      .when(sfn.Condition.and(
        sfn.Condition.booleanEquals('$.request.fromConfig', true),
        sfn.Condition.booleanEquals('$.request.force', false),
        sfn.Condition.isPresent('$.inventory.unexpected[0]'),
      ), refuse)
      .otherwise(deletions);
    const definition = read.next(prepare).next(started).next(listing).next(order).next(plan)
      .next(new sfn.Choice(main, 'Dry run?')
        .when(sfn.Condition.booleanEquals('$.request.dryRun', true), dryRun)
        .otherwise(refuseOrDelete));

    this.stateMachine = createFlowStateMachine(this, 'StateMachine', definition, props.settings,
      'personalize-mlops: tear-down; input is { datasetGroupName, dryRun, force } or a pipeline config', main);
    (this.stateMachine.node.defaultChild as CfnResource).addMetadata(ROLE_METADATA_KEY, 'teardown');
  }
}
