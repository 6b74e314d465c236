import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { PlanFlag, planFlag, planPath, PreflightResultKey } from '../contract/function-contract';
import { endWithFailures } from '../steps/end-with-failures';
import { ExplainAndFail } from '../steps/explain-and-fail';
import { forEachFlow } from '../steps/for-each-flow';
import { RunFlow } from '../steps/run-flow';
import { StatusEvents } from '../steps/status-events';

/** Where the pre-flight's result is kept, and its parts (the keys of the planner's PreflightResult, planner/preflight-result.ts). */
const PREFLIGHT = '$.preflight';
const preflightPath = (key: PreflightResultKey) => `${PREFLIGHT}.${key}`;

/** The child state machines the main one starts; absent ones were not deployed. @internal */
export interface MainFlowProps {
  readonly events: StatusEvents;
  readonly validateFunction: lambda.IFunction;
  readonly preflightFunction: lambda.IFunction;
  readonly datasetGroup: sfn.StateMachine;
  readonly dataset: sfn.StateMachine;
  readonly datasetImport: sfn.StateMachine;
  readonly preprocessing?: sfn.StateMachine;
  readonly filter?: sfn.StateMachine;
  readonly eventTracker?: sfn.StateMachine;
  readonly solution?: sfn.StateMachine;
  readonly training?: sfn.StateMachine;
  readonly recommender?: sfn.StateMachine;
  /** How many solutions train at once. */
  readonly solutionConcurrency: number;
}

/** A Pass that leaves `{ failures }` (and more) as a branch's output. */
type Outcome = Record<string, unknown>;

/**
 * The main state machine's definition: validate the config, check it against the account (pre-flight, read
 * only), then run the flows as early as their real dependencies allow:
 *
 * 1. the Glue job, beside the dataset group → datasets;
 * 2. imports, beside the solutions (they need the dataset group only), filters and the event tracker;
 * 3. training (then campaigns and batch jobs) beside recommenders, once the data is imported.
 *
 * No branch fails another: each flow's failure is recorded (see RunFlow), the work that depends on it is
 * skipped, independent work goes on, and the execution fails at the end with every failure listed.
 * @internal
 */
export class MainFlow extends Construct {
  readonly definition: sfn.IChainable;

  constructor(scope: Construct, id: string, private readonly props: MainFlowProps) {
    super(scope, id);
    const { events } = props;

    const failedEarly = this.reportEarlyFailure();
    // The execution input goes to the validator as it is (it may be any JSON, not only an object); the
    // verdict replaces it, and the plan in the verdict is all the later states read.
    const validate = new tasks.LambdaInvoke(this, 'Validate config', {
      lambdaFunction: props.validateFunction,
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    validate.addCatch(new sfn.Pass(this, 'Validator failed', { parameters: { 'error.$': '$' } }).next(failedEarly), { errors: ['States.ALL'] });
    const rejected = events.pipeline(this, 'Report config rejected', { status: 'INVALID_CONFIG', cause: '$.message', configSource: '$.source' })
      .next(new sfn.Fail(this, 'Config rejected', { error: 'InvalidConfig', causePath: '$.message' }));

    // What only the account can answer, before anything is created (read-only calls).
    const preflight = new tasks.LambdaInvoke(this, 'Check against the account', {
      lambdaFunction: props.preflightFunction,
      payload: sfn.TaskInput.fromObject({ 'plan.$': '$.plan' }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
      resultPath: PREFLIGHT,
    });
    preflight.addRetry({ errors: ['ThrottlingException', 'TooManyRequestsException'], maxAttempts: 4, backoffRate: 2 });
    preflight.addCatch(new sfn.Pass(this, 'Pre-flight failed', { parameters: { 'error.$': '$.preflightError' } }).next(failedEarly), {
      errors: ['States.ALL'], resultPath: '$.preflightError',
    });
    const refused = events.pipeline(this, 'Report pre-flight problems', {
      status: 'PREFLIGHT_FAILED', cause: preflightPath('message'), problems: preflightPath('problems'), configSource: '$.source',
    })
      .next(new sfn.Fail(this, 'Pre-flight refused', { error: 'PreflightFailed', causePath: preflightPath('message') }));

    const prepare = new sfn.Pass(this, 'Prepare', {
      parameters: {
        'plan.$': preflightPath('plan'), 'source.$': '$.source', 'warnings.$': '$.warnings', 'context': { 'pipelineExecutionArn.$': '$$.Execution.Id' }, 'stages': {},
      },
    });
    const started = events.pipeline(this, 'Report pipeline started', {
      status: 'STARTED', datasetGroupName: planPath('datasetGroup', 'name'), configSource: '$.source', configWarnings: '$.warnings',
    });

    const finish = this.finish();
    const groupReady = new sfn.Choice(this, 'Dataset group ready?')
      .when(sfn.Condition.isPresent('$.stages.one.group.context'), this.stageTwo().next(finish))
      .otherwise(finish);

    this.definition = validate.next(new sfn.Choice(this, 'Config valid?')
      .when(sfn.Condition.booleanEquals('$.valid', true), preflight.next(new sfn.Choice(this, 'Pre-flight passed?')
        .when(sfn.Condition.booleanEquals(preflightPath('ok'), true), prepare.next(started).next(this.stageOne()).next(groupReady))
        .otherwise(refused)))
      .otherwise(rejected));
  }

  /** The Glue job beside the dataset group and its datasets. */
  private stageOne(): sfn.IChainable {
    const { props } = this;
    const stage = new sfn.Parallel(this, 'Prepare the data', {
      resultSelector: { 'failures.$': '$[*].failures[*]', 'group.$': '$[0]' },
      resultPath: '$.stages.one',
    });

    const group = new RunFlow(this, 'Run dataset group flow', { stateMachine: props.datasetGroup, label: 'Dataset group', item: planPath('datasetGroup'), resultPath: '$.dsg' });
    const setContext = new sfn.Pass(this, 'Set context', {
      parameters: {
        'pipelineExecutionArn.$': '$.context.pipelineExecutionArn',
        'datasetGroupArn.$': '$.dsg.output.datasetGroupArn',
        'datasetGroupName.$': '$.dsg.output.datasetGroupName',
      },
      resultPath: '$.context',
    });
    const datasets = forEachFlow(this, 'Datasets', planPath('datasets'), props.dataset, { resultPath: '$.datasets', flowLabel: 'Dataset' });
    group.next(new sfn.Choice(this, 'Dataset group created?')
      .when(sfn.Condition.isPresent('$.dsg.output'), setContext.next(datasets).next(this.outcome('Group outcome', {
        'failures.$': '$.datasets.failures', 'context.$': '$.context',
      })))
      .otherwise(this.outcome('Group failed', { 'failures.$': '$.dsg.failures' })));
    stage.branch(group);

    if (props.preprocessing) {
      const run = new RunFlow(this, 'Run preprocessing', { stateMachine: props.preprocessing, label: 'Preprocessing', item: planPath('preprocessing'), resultPath: '$.pre' });
      stage.branch(this.optional('Preprocessing', 'preprocessing', run.next(this.outcome('Preprocessing outcome', { 'failures.$': '$.pre.failures' }))));
    }
    return stage;
  }

  /**
   * Imports (when every dataset and the Glue output are there) beside the solutions (they need the dataset
   * group only), filters and the event tracker; then training and recommenders, when the data is imported.
   */
  private stageTwo(): sfn.Chain {
    const { props } = this;
    const stage = new sfn.Parallel(this, 'Import and create', {
      // Branch 0 holds the imports and branch 1 the solutions, for the models that follow.
      resultSelector: { 'failures.$': '$[*].failures[*]', 'importFailures.$': '$[0].failures', 'dataJobs.$': '$[0]', 'solutions.$': '$[1].solutions' },
      resultPath: '$.stages.two',
    });
    // What failed earlier is in the final failure list; nothing that depends on it runs: imports need every
    // dataset and the Glue output, filters need the datasets they reference.
    const gated = (label: string, body: sfn.IChainable) => new sfn.Choice(this, `${label}: upstream ready?`)
      .when(sfn.Condition.numberEquals('$.upstream.count', 0), body)
      .otherwise(this.outcome(`${label}: skipped`, { failures: [] }));
    // The data deletion job (the import flow runs it too: data-deletion-flow.ts) once every import succeeded, before any
    // training: its failure counts as an import's, so nothing trains on the data it did not delete.
    const deletion = new RunFlow(this, 'Run data deletion job', { stateMachine: props.datasetImport, label: 'Data deletion job', item: planPath('dataDeletionJob'), resultPath: '$.deletion' });
    const importsOk = new sfn.Choice(this, 'Imports succeeded?')
      .when(sfn.Condition.isPresent('$.imports.failures[0]'), this.outcome('Imports outcome', { 'failures.$': '$.imports.failures' }))
      .otherwise(this.optional('Data deletion job', 'dataDeletionJob', deletion.next(this.outcome('Deletion outcome', {
        'failures.$': '$.deletion.failures', 'deletion.$': '$.deletion',
      }))));
    stage.branch(gated('Imports', forEachFlow(this, 'Imports', planPath('imports'), props.datasetImport, { resultPath: '$.imports', flowLabel: 'Dataset import' })
      .next(importsOk)));
    stage.branch(props.solution
      ? this.optional('Solutions', 'solutions',
        forEachFlow(this, 'Solutions', planPath('solutions'), props.solution, { resultPath: '$.solutions', flowLabel: 'Solution' })
          .next(this.outcome('Solutions outcome', { 'failures.$': '$.solutions.failures', 'solutions.$': '$.solutions.items' })),
        { failures: [], solutions: [] })
      : this.outcome('No solution flow', { failures: [], solutions: [] }));
    if (props.filter) {
      stage.branch(gated('Filters', this.optional('Filters', 'filters', forEachFlow(this, 'Filters', planPath('filters'), props.filter, { resultPath: '$.filters', flowLabel: 'Filter' })
        .next(this.outcome('Filters outcome', { 'failures.$': '$.filters.failures' })))));
    }
    if (props.eventTracker) {
      const run = new RunFlow(this, 'Run event tracker flow', { stateMachine: props.eventTracker, label: 'Event tracker', item: planPath('eventTracker'), resultPath: '$.tracker' });
      stage.branch(this.optional('Event tracker', 'eventTracker', run.next(this.outcome('Event tracker outcome', { 'failures.$': '$.tracker.failures' }))));
    }

    const setContext = new sfn.Pass(this, 'Use the group context', { parameters: { 'context.$': '$.stages.one.group.context', 'plan.$': '$.plan', 'stages.$': '$.stages' } });
    const upstream = new sfn.Pass(this, 'Count earlier failures', { parameters: { 'count.$': 'States.ArrayLength($.stages.one.failures)' }, resultPath: '$.upstream' });
    const chain = sfn.Chain.start(setContext).next(upstream).next(stage);

    // Training and recommenders need the imported data (and training its solution); exports the run's imports (and
    // the deletion job's work: an export holds no forgotten user).
    const models = new sfn.Parallel(this, 'Train and deploy', {
      resultSelector: { 'failures.$': '$[*].failures[*]', 'versions.$': '$[*].versions[*]' }, resultPath: '$.stages.three',
    });
    models.branch(this.optional('Exports', 'exports', forEachFlow(this, 'Exports', planPath('exports'), props.datasetImport, { resultPath: '$.exports', flowLabel: 'Dataset export' })
      .next(this.outcome('Exports outcome', { 'failures.$': '$.exports.failures' }))));
    if (props.training) {
      models.branch(this.optional('Training', 'solutions', this.trainingMap(props.training)
        .next(this.outcome('Training outcome', { 'failures.$': '$.training.failures', 'versions.$': '$.training.versions' }))));
    }
    if (props.recommender) {
      models.branch(this.optional('Recommenders', 'recommenders', forEachFlow(this, 'Recommenders', planPath('recommenders'), props.recommender, { resultPath: '$.recommenders', flowLabel: 'Recommender' })
        .next(this.outcome('Recommenders outcome', { 'failures.$': '$.recommenders.failures' }))));
    }
    const imported = new sfn.Pass(this, 'Count import failures', { parameters: { 'count.$': 'States.ArrayLength($.stages.two.importFailures)' }, resultPath: '$.importFailures' });
    const dataReady = new sfn.Choice(this, 'Data imported?')
      .when(sfn.Condition.and(sfn.Condition.numberEquals('$.upstream.count', 0), sfn.Condition.numberEquals('$.importFailures.count', 0)), models)
      .otherwise(new sfn.Pass(this, 'Nothing to train on'));
    return chain.next(imported).next(dataReady.afterwards()).next(this.reportForgotten());
  }

  /**
   * After a data deletion job that ran with `retrain`: one event that names the job, the count it reports and the
   * solution versions trained after it (their campaigns moved as usual), so the run shows no model holds the users.
   */
  private reportForgotten(): sfn.Chain {
    const { events } = this.props;
    const deletion = '$.stages.two.dataJobs.deletion';
    const report = events.resource(this, 'Report models retrained', {
      kind: 'DATA_DELETION_JOB',
      name: planPath('dataDeletionJob', 'serviceConfig', 'jobName'),
      arn: `${deletion}.output.jobArn`,
      status: 'MODELS_RETRAINED',
      numDeleted: `${deletion}.output.numDeleted`,
      solutionVersions: '$.stages.three.versions',
    });
    const done = new sfn.Pass(this, 'Forgotten users reported');
    report.next(done);
    return new sfn.Choice(this, 'Retrained after a deletion?')
      .when(sfn.Condition.and(
        sfn.Condition.isPresent(`${deletion}.output`),
        sfn.Condition.isPresent('$.stages.three.versions'),
        sfn.Condition.booleanEquals(planPath('dataDeletionJob', 'retrain'), true),
      ), report)
      .otherwise(done)
      .afterwards();
  }

  /** Trains each solution that was created or found (a solution whose flow failed is not trained). */
  private trainingMap(training: sfn.StateMachine): sfn.Map {
    const map = new sfn.Map(this, 'Training', {
      itemsPath: '$.stages.two.solutions',
      itemSelector: { 'solution.$': '$$.Map.Item.Value', 'context.$': '$.context', 'executionName.$': 'States.UUID()' },
      maxConcurrency: this.props.solutionConcurrency,
      // The solutions' versions (after a data deletion job with retrain, each one trained now: its event names them).
      resultSelector: { 'failures.$': '$[*].failures[*]', 'versions.$': '$[*].output.solutionVersionArn' },
      resultPath: '$.training',
    });
    const run = new RunFlow(this, 'Run training flow', {
      stateMachine: training, label: 'Solution version', item: '$.solution.output.item', resultPath: '$.result', executionName: '$.executionName',
    });
    map.itemProcessor(new sfn.Choice(this, 'Solution ready?')
      .when(sfn.Condition.isPresent('$.solution.output'), run)
      .otherwise(new sfn.Pass(this, 'Solution not ready', { parameters: { failures: [] } })));
    return map;
  }

  /** Report the pipeline's outcome: SUCCEEDED, or FAILED with every failure. */
  private finish(): sfn.IChainable {
    const { events } = this.props;
    const collect = new sfn.Pass(this, 'Collect failures', { parameters: { 'all.$': '$.stages.*.failures[*]' }, resultPath: '$.collected' });
    const succeeded = events.pipeline(this, 'Report pipeline succeeded', { status: 'SUCCEEDED', datasetGroupArn: '$.context.datasetGroupArn' })
      .next(new sfn.Succeed(this, 'Pipeline succeeded'));
    const { datasetGroup, dataset, datasetImport, preprocessing, filter, eventTracker, solution, training, recommender } = this.props;
    return collect.next(endWithFailures(this, 'Pipeline', {
      failures: '$.collected.all',
      resultPath: '$.outcome',
      flows: [datasetGroup, dataset, datasetImport, preprocessing, filter, eventTracker, solution, training, recommender]
        .filter((m): m is sfn.StateMachine => m !== undefined),
      succeeded,
      reportFailure: (s) => events.pipeline(s, 'Report pipeline failed', {
        status: 'FAILED', error: '$.outcome.error', cause: '$.outcome.cause', failures: '$.outcome.failures',
      }),
    }));
  }

  /** A validator or pre-flight error (its Lambda failed): publish it and fail, reading only what is there. */
  private reportEarlyFailure(): sfn.IChainable {
    const failed = new ExplainAndFail(this, 'EarlyFailure', {
      events: this.props.events, resultPath: '$.failure', reportName: 'Report pipeline failed early', pipeline: true,
    });
    const explain = (name: string, error: string, cause: string) => failed.explain(name, { error, event: { status: 'FAILED', error, cause } });
    return new sfn.Choice(this, 'Early failure has a cause?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.error.Error'), sfn.Condition.isPresent('$.error.Cause')), explain('Early failure', '$.error.Error', '$.error.Cause'))
      .when(sfn.Condition.isPresent('$.error.Error'), explain('Early failure without cause', '$.error.Error', 'The function gave no cause'))
      .otherwise(explain('Early failure without error', 'States.TaskFailed', 'The task failed without an error name'));
  }

  /** Runs `body` when the plan has work of that kind, otherwise outcomes nothing. */
  private optional(label: string, flag: PlanFlag, body: sfn.IChainable, nothing: Outcome = { failures: [] }): sfn.Choice {
    return new sfn.Choice(this, `${label}?`)
      .when(sfn.Condition.booleanEquals(planFlag(flag), true), body)
      .otherwise(this.outcome(`No ${label.toLowerCase()}`, nothing));
  }

  /** A branch's last state: its output is `parameters` (failures, and what later stages read). */
  private outcome(id: string, parameters: Outcome): sfn.Pass {
    return new sfn.Pass(this, id, { parameters });
  }
}
