import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { RESOURCE_KINDS } from '../kinds/resource-kind';
import { allSpellings } from '../kinds/status-spellings';
import { publishModelMetrics } from '../model-checks/model-metrics';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { PollEngine } from '../polling/poll-engine';
import { addQuotaWait, quotaNeverFreedByWaiting } from '../polling/quota-wait';
import { endWithFailures } from '../steps/end-with-failures';
import { ExplainAndFail } from '../steps/explain-and-fail';
import { FlowServices } from '../steps/flow-services';
import { forEachFlow } from '../steps/for-each-flow';
import { invokeCreateFunction } from '../steps/invoke-create-function';
import { personalizeCall } from '../steps/personalize-call';

/** Props of the training flow: the inference flows it starts, when deployed. @internal */
export interface TrainingFlowProps extends FlowProps {
  readonly campaign?: sfn.StateMachine;
  readonly batchInferenceJob?: sfn.StateMachine;
  readonly batchSegmentJob?: sfn.StateMachine;
}

/** Statuses of a training under way (API reference, SolutionVersion: Status), in every spelling. */
const TRAINING_STATUSES = allSpellings(['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE STOPPING']);
/** How many trainings under way one execution waits out before it gives up. */
const TRAININGS_WAITED_OUT = 2;
/** How many ResourceInUseException answers to its create call one execution takes before it gives up. */
const BUSY_ANSWERS = 5;

/**
 * Gives one solution the solution version the pre-flight step chose (`item.training`), reads its metrics, then
 * runs the solution's campaigns, batch inference jobs and batch segment jobs on it, each independently.
 *
 * `training.train` true: a new version is trained in this execution. A training already under way (another
 * execution's, or Personalize's automatic training, on by default: API reference, CreateSolution,
 * performAutoTraining) is never adopted, as it may have started before this run's data arrived: it is waited
 * out, then this execution trains (one at a time: CreateSolutionVersion answers ResourceInUseException while
 * one is under way). `training.train` false: `training.versionArn`, the latest ACTIVE version, is used.
 * Input item: one of the plan's `solutions`, resolved by the pre-flight step; context: `datasetGroupArn`.
 * Output: `{ solutionArn, solutionVersionArn, trainedNow }`. A failed campaign or batch job fails the flow
 * after the others are done, with every failure listed. A solution's `metricsGate` goes to its campaign flows in the
 * context, with this version's metrics: a campaign whose gate rejects the version stays where it is and fails
 * (`MetricsGateRejected`); batch jobs run on the version regardless.
 * @internal
 */
export class TrainingFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: TrainingFlowProps) {
    super(scope, id);
    const { services } = props;
    const versionKind = RESOURCE_KINDS.solutionVersion;
    const solution = new sfn.Pass(this, 'Name the solution', {
      // attempts: the training's quota waits (below), which the version loop's bound then continues from.
      parameters: { 'arn.$': FlowServices.arnAt('solution', '$.item.serviceConfig.name'), 'name.$': '$.item.serviceConfig.name', 'attempts': 0 },
      resultPath: '$.solution',
    });

    // Its ready event is the flow's, with the version's metrics.
    const version = PollEngine.untilReadyQuietly(this, 'SolutionVersion', {
      kind: versionKind,
      services,
      slot: 'solutionVersion',
      arn: '$.version.arn',
      name: '$.solution.name',
      created: '$.version.created',
      // The create's quota waits (below) are attempts of this loop: one bound, one history budget.
      startAttempts: '$.solution.attempts',
    });

    // Train: wait out a training under way, then create this execution's version.
    const describeSolution = personalizeCall(this, 'Describe the solution', {
      action: 'describeSolution',
      parameters: { SolutionArn: sfn.JsonPath.stringAt('$.solution.arn') },
      arnType: 'solution',
      resultPath: '$.solution.description',
    });
    const latest = '$.solution.description.Solution.LatestSolutionVersion';
    const underWay = PollEngine.untilReadyQuietly(this, 'TrainingUnderWay', {
      kind: RESOURCE_KINDS.solutionVersionUnderWay,
      services,
      slot: 'underWay',
      arn: `${latest}.SolutionVersionArn`,
      name: '$.solution.name',
    });
    const reportUnderWay = services.events.resource(this, 'Report training under way', {
      kind: versionKind.id,
      name: '$.solution.name',
      arn: `${latest}.SolutionVersionArn`,
      status: 'WAITING_FOR_TRAINING_UNDER_WAY',
      created: false,
      reason: 'another training of this solution is under way (another execution, or automatic training); it is waited out, then this execution trains',
    });
    const train = invokeCreateFunction(this, 'Train a solution version', services, {
      action: 'createSolutionVersion',
      serviceConfig: '$.item.solutionVersion.serviceConfig',
      derived: { solutionArn: '$.solution.arn' },
    }, {
      resultSelector: { 'arn.$': '$.arn', 'created': true },
      resultPath: '$.version',
      // ResourceInUseException is caught instead: a training started between the describe and this call.
      // LimitExceededException waits for a training slot instead (addQuotaWait below).
      retryErrors: ['ThrottlingException', 'TooManyRequestsException'],
      quotaTurn: true,
    });
    train.next(version);
    // A training started between the describe and the create call (ResourceInUseException): wait a little and
    // look again; a training under way is waited out. Both are bounded.
    const busy = new ExplainAndFail(this, 'Busy', { events: services.events, resultPath: '$.busyFailure', reportName: 'Report solution busy' });
    const busyFailure = (what: string, reason: string) => busy.explain(`Explain ${what}`, {
      error: 'SolutionVersionBusy',
      event: {
        kind: versionKind.id,
        name: '$.solution.name',
        arn: '$.solution.arn',
        status: 'BUSY',
        created: false,
        cause: `States.Format('Solution {} ${reason}', $.solution.name)`,
      },
    });
    // Refused for the account's trainings in progress: wait for a slot and train again (quota-wait.ts); each try is
    // an attempt of the version loop (`$.solution.attempts`, where that loop starts counting).
    addQuotaWait(this, train, {
      about: { label: versionKind.label, errorName: 'SolutionVersion', neverFreed: quotaNeverFreedByWaiting(versionKind), limit: version.schedule.polls },
      events: services.events,
      label: 'Train',
      at: '$.solution',
      keep: { 'arn.$': '$.solution.arn', 'name.$': '$.solution.name' },
      counter: 'attempts',
      eventFields: { kind: versionKind.id, name: '$.solution.name', arn: '$.solution.arn', created: false },
      explain: (what, explanation) => busy.explain(`Explain ${what.toLowerCase()}`, explanation),
    });
    const countBusy = new sfn.Pass(this, 'Count busy answer', {
      parameters: { 'count.$': 'States.MathAdd($.busy.count, 1)', 'waits.$': '$.busy.waits' },
      resultPath: '$.busy',
    });
    const pause = new sfn.Wait(this, 'Wait before training again', { time: sfn.WaitTime.duration(Duration.seconds(30)) });
    train.addCatch(countBusy, { errors: ['ResourceInUseException'], resultPath: '$.trainingBusy' });
    countBusy.next(new sfn.Choice(this, 'Busy too often?')
      .when(sfn.Condition.numberGreaterThanEquals('$.busy.count', BUSY_ANSWERS), busyFailure('busy', `answered ResourceInUseException to ${BUSY_ANSWERS} attempts to train`))
      .otherwise(pause));
    pause.next(describeSolution);
    const countWait = new sfn.Pass(this, 'Count training waited out', {
      parameters: { 'count.$': '$.busy.count', 'waits.$': 'States.MathAdd($.busy.waits, 1)' },
      resultPath: '$.busy',
    });
    reportUnderWay.next(underWay).next(countWait).next(describeSolution);
    const isTraining = sfn.Condition.or(...TRAINING_STATUSES.map((s) => sfn.Condition.stringEquals(`${latest}.Status`, s)));
    describeSolution.next(new sfn.Choice(this, 'Training under way?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${latest}.Status`)), train)
      .when(sfn.Condition.and(isTraining, sfn.Condition.numberGreaterThanEquals('$.busy.waits', TRAININGS_WAITED_OUT)),
        busyFailure('kept training', `started another training each time one ended, ${TRAININGS_WAITED_OUT} times`))
      .when(isTraining, reportUnderWay)
      .otherwise(train));
    const prepareTraining = new sfn.Pass(this, 'Prepare training', { result: sfn.Result.fromObject({ count: 0, waits: 0 }), resultPath: '$.busy' });
    prepareTraining.next(describeSolution);

    const usePlanned = new sfn.Pass(this, 'Use the chosen version', {
      parameters: { 'arn.$': '$.item.training.versionArn', 'created': false },
      resultPath: '$.version',
    }).next(version);
    const choose = new sfn.Choice(this, 'Train a new version?')
      .when(sfn.Condition.booleanEquals('$.item.training.train', true), prepareTraining)
      .otherwise(usePlanned);

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
        'solutionName.$': '$.solution.name',
        'solutionVersionArn.$': '$.solutionVersion.arn',
      },
      resultPath: '$.context',
    });

    const branches: sfn.IChainable[] = [];
    const branch = (label: string, items: string, machine: sfn.StateMachine | undefined, flowLabel: string) => {
      if (!machine) return;
      const key = label.replace(/ /g, '');
      branches.push(forEachFlow(this, label, items, machine, { resultPath: `$.${key}`, flowLabel })
        .next(new sfn.Pass(this, `${label}: failures`, { parameters: { 'failures.$': `$.${key}.failures` } })));
    };
    branch('Campaigns', '$.item.campaigns', props.campaign, 'Campaign');
    branch('Batch inference jobs', '$.item.batchInferenceJobs', props.batchInferenceJob, 'Batch inference job');
    branch('Batch segment jobs', '$.item.batchSegmentJobs', props.batchSegmentJob, 'Batch segment job');
    const output = new sfn.Pass(this, 'Output', {
      parameters: { 'solutionArn.$': '$.solution.arn', 'solutionVersionArn.$': '$.solutionVersion.arn', 'trainedNow.$': '$.version.created' },
    });
    let inference: sfn.IChainable;
    if (branches.length > 0) {
      const parallel = new sfn.Parallel(this, 'Inference', { resultSelector: { 'failures.$': '$[*].failures[*]' }, resultPath: '$.inference' });
      branches.forEach((b) => parallel.branch(b));
      inference = parallel.next(endWithFailures(this, 'Inference', {
        failures: '$.inference.failures',
        resultPath: '$.outcome',
        flows: [props.campaign, props.batchInferenceJob, props.batchSegmentJob].filter((m): m is sfn.StateMachine => m !== undefined),
        succeeded: output,
        // The campaigns and batch jobs published their own failure events.
        reportFailure: (s) => new sfn.Pass(s, 'Inference failures reported'),
      }));
    } else {
      inference = output;
    }
    // The solution's metrics gate travels to the campaign flows with the version's metrics (see core/metrics-gate.ts).
    const gateContext = new sfn.Pass(this, 'Add the metrics gate to the context', {
      parameters: { 'rule.$': '$.item.metricsGate', 'newMetrics.$': '$.metrics.metrics', 'solutionVersionArn.$': '$.solutionVersion.arn' },
      resultPath: '$.context.metricsGate',
    });
    gateContext.next(inference);
    // With a metrics namespace, the version's offline metrics and ModelTrained go to CloudWatch (core/model-metrics.ts).
    const namespace = services.metricsNamespace;
    reportVersion.next(namespace ? publishModelMetrics(this, {
      namespace, datasetGroupArn: '$.context.datasetGroupArn', solutionName: '$.solution.name', metrics: '$.metrics.metrics', trainedNow: '$.version.created',
    }, setContext) : setContext);
    version.next(metrics).next(reportVersion);
    setContext.next(new sfn.Choice(this, 'Metrics gate configured?')
      .when(sfn.Condition.isPresent('$.item.metricsGate'), gateContext)
      .otherwise(inference));

    this.stateMachine = createFlowStateMachine(this, 'StateMachine', solution.next(choose), props.settings, 'personalize-mlops: solution version and inference');
  }
}
