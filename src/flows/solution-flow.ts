import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { EnsureResource } from '../core/ensure-resource';
import { createFlowStateMachine } from '../core/flow-state-machine';
import { forEachFlow } from '../core/for-each-flow';
import { invokeCreateFunction } from '../core/invoke-create-function';
import { personalizeCall } from '../core/personalize-call';
import { RESOURCE_KINDS } from '../core/resource-kind';

/** Props of the solution flow: the inference flows it starts, when deployed. @internal */
export interface SolutionFlowProps extends FlowProps {
  readonly campaign?: sfn.IStateMachine;
  readonly batchInferenceJob?: sfn.IStateMachine;
  readonly batchSegmentJob?: sfn.IStateMachine;
}

const TRAINING_STATUSES = ['CREATE PENDING', 'CREATE IN_PROGRESS'];
const FAILED_TRAINING_STATUSES = ['CREATE FAILED', 'CREATE STOPPING', 'CREATE STOPPED'];

/**
 * Creates or reuses one solution, chooses its solution version, reads the version's metrics, then runs the
 * solution's campaigns, batch inference jobs and batch segment jobs on that version.
 *
 * A new version is trained when `createNewSolutionVersion` is true and the solution is new, has no usable
 * version, or this execution imported new data (`context.dataChanged`); a version already training is
 * waited for, not doubled. Otherwise the latest version is used. Input item: one of the plan's
 * `solutions`; context: `datasetGroupArn`, `dataChanged`. Output: `{ solutionArn, solutionVersionArn }`.
 * @internal
 */
export class SolutionFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: SolutionFlowProps) {
    super(scope, id);
    const { services } = props;
    const solution = EnsureResource.named(this, 'Solution', '$.item.serviceConfig.name', {
      kind: RESOURCE_KINDS.solution,
      services,
      slot: 'solution',
      create: { action: 'createSolution', serviceConfig: '$.item.serviceConfig', derived: { datasetGroupArn: '$.context.datasetGroupArn' } },
    });

    const versionKind = RESOURCE_KINDS.solutionVersion;
    const version = new EnsureResource(this, 'SolutionVersion', {
      kind: versionKind,
      services,
      slot: 'solutionVersion',
      arn: '$.version.arn',
      name: '$.solution.name',
      reportReady: false,
    });

    const latest = '$.solution.description.Solution.LatestSolutionVersion';
    const latestIs = (statuses: string[]) => sfn.Condition.or(...statuses.map((s) => sfn.Condition.stringEquals(`${latest}.Status`, s)));
    const useLatest = new sfn.Pass(this, 'Use the latest version', {
      parameters: { 'arn.$': `${latest}.SolutionVersionArn`, 'created': false },
      resultPath: '$.version',
    }).next(version);
    const train = invokeCreateFunction(this, 'Train a solution version', services, {
      action: 'createSolutionVersion',
      serviceConfig: '$.item.solutionVersion.serviceConfig',
      derived: { solutionArn: '$.solution.arn' },
    }, {
      resultSelector: { 'arn.$': '$.arn', 'created': true },
      resultPath: '$.version',
      // ResourceInUseException is caught instead: another training is under way.
      retryErrors: ['ThrottlingException', 'LimitExceededException', 'TooManyRequestsException'],
    });
    train.next(version);
    // Another execution started training this solution a moment ago: wait for its version instead.
    const describeAgain = personalizeCall(this, 'Describe the solution again', {
      action: 'describeSolution',
      parameters: { SolutionArn: sfn.JsonPath.stringAt('$.solution.arn') },
      arnType: 'solution',
      resultPath: '$.solution.description',
    });
    train.addCatch(describeAgain, { errors: ['ResourceInUseException'], resultPath: '$.trainingBusy' });
    const busyLimit = 10;
    const busy = new sfn.Pass(this, 'Explain busy solution', {
      parameters: { 'cause.$': `States.Format('Solution {} stayed busy (ResourceInUseException) through ${busyLimit} attempts to train: {}', $.solution.name, $.trainingBusy.Cause)` },
      resultPath: '$.busy',
    });
    busy.next(new sfn.Fail(this, 'Solution busy', { error: 'SolutionVersionBusy', causePath: '$.busy.cause' }));
    const retryTraining = new sfn.Wait(this, 'Wait for the solution', { time: sfn.WaitTime.duration(Duration.seconds(30)) });
    retryTraining.next(new sfn.Pass(this, 'Count busy attempt', {
      parameters: { 'count.$': 'States.MathAdd($.trainAttempts.count, 1)' },
      resultPath: '$.trainAttempts',
    })).next(train);
    describeAgain.next(new sfn.Choice(this, 'Another training under way?')
      .when(sfn.Condition.and(sfn.Condition.isPresent(latest), latestIs(TRAINING_STATUSES)), useLatest)
      .when(sfn.Condition.numberGreaterThanEquals('$.trainAttempts.count', busyLimit), busy)
      .otherwise(retryTraining));
    const prepareTraining = new sfn.Pass(this, 'Prepare training', { result: sfn.Result.fromObject({ count: 0 }), resultPath: '$.trainAttempts' });
    prepareTraining.next(train);

    const noVersion = new sfn.Pass(this, 'Explain missing version', {
      parameters: { 'cause.$': "States.Format('Solution {} has no solution version and createNewSolutionVersion is false; set it to true to train one', $.solution.name)" },
      resultPath: '$.missing',
    });
    noVersion
      .next(services.events.resource(this, 'Report missing version', {
        kind: versionKind.id, name: '$.solution.name', arn: '$.solution.arn', status: 'MISSING', created: false, cause: '$.missing.cause',
      }))
      .next(new sfn.Fail(this, 'No solution version', { error: 'SolutionVersionMissing', causePath: '$.missing.cause' }));

    const reuseOnly = new sfn.Choice(this, 'Has a version?')
      .when(sfn.Condition.isPresent(latest), useLatest)
      .otherwise(noVersion);
    const hasLatest = new sfn.Choice(this, 'Latest version usable?')
      .when(latestIs(TRAINING_STATUSES), useLatest)
      .when(latestIs(FAILED_TRAINING_STATUSES), prepareTraining)
      .when(sfn.Condition.booleanEquals('$.solution.created', true), prepareTraining)
      .when(sfn.Condition.booleanEquals('$.context.dataChanged', true), prepareTraining)
      .otherwise(useLatest);
    const choose = new sfn.Choice(this, 'Train a new version?')
      .when(sfn.Condition.booleanEquals('$.item.solutionVersion.createNewSolutionVersion', false), reuseOnly)
      // Not(IsPresent) rather than IsPresent: false, which aws-local-stepfunctions 3 evaluates wrongly.
      .when(sfn.Condition.not(sfn.Condition.isPresent(latest)), prepareTraining)
      .otherwise(hasLatest);

    const metrics = personalizeCall(this, 'Get solution metrics', {
      action: 'getSolutionMetrics',
      parameters: { SolutionVersionArn: sfn.JsonPath.stringAt('$.solutionVersion.arn') },
      arnType: 'solution',
      resultSelector: { 'metrics.$': '$.Metrics' },
      resultPath: '$.metrics',
    });
    const reportVersion = services.events.resource(this, 'Report version ready', {
      kind: versionKind.id,
      name: '$.solution.name',
      arn: '$.solutionVersion.arn',
      status: 'ACTIVE',
      created: '$.version.created',
      solutionArn: '$.solution.arn',
      metrics: '$.metrics.metrics',
    });
    const setContext = new sfn.Pass(this, 'Set inference context', {
      parameters: {
        'pipelineExecutionArn.$': '$.context.pipelineExecutionArn',
        'datasetGroupArn.$': '$.context.datasetGroupArn',
        'solutionArn.$': '$.solution.arn',
        'solutionVersionArn.$': '$.solutionVersion.arn',
      },
      resultPath: '$.context',
    });

    const inference: sfn.IChainable[] = [];
    if (props.campaign) inference.push(forEachFlow(this, 'Campaigns', '$.item.campaigns', props.campaign));
    if (props.batchInferenceJob) inference.push(forEachFlow(this, 'Batch inference jobs', '$.item.batchInferenceJobs', props.batchInferenceJob));
    if (props.batchSegmentJob) inference.push(forEachFlow(this, 'Batch segment jobs', '$.item.batchSegmentJobs', props.batchSegmentJob));
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'solutionArn.$': '$.solution.arn', 'solutionVersionArn.$': '$.solutionVersion.arn', 'trainedNow.$': '$.version.created' },
    });

    let afterVersion = version.next(metrics).next(reportVersion).next(setContext);
    if (inference.length > 0) {
      const parallel = new sfn.Parallel(this, 'Inference', { resultPath: sfn.JsonPath.DISCARD });
      inference.forEach((branch) => parallel.branch(branch));
      afterVersion = afterVersion.next(parallel);
    }
    afterVersion.next(output);

    this.stateMachine = createFlowStateMachine(this, 'StateMachine', solution.next(choose), props.settings, 'personalize-mlops: solution, solution version and inference');
  }
}
