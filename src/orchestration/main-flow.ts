import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { endWithFailures } from '../core/end-with-failures';
import { forEachFlow } from '../core/for-each-flow';
import { RunFlow } from '../core/run-flow';
import { StatusEvents } from '../core/status-events';

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
 * 1. the Glue job, beside the dataset group → (datasets ‖ solutions), which need no imported data;
 * 2. then imports → (training, campaigns and batch jobs ‖ recommenders), beside filters and the event tracker.
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
    const rejected = events.pipeline(this, 'Report config rejected', { status: 'INVALID_CONFIG', cause: '$.message' })
      .next(new sfn.Fail(this, 'Config rejected', { error: 'InvalidConfig', causePath: '$.message' }));

    // What only the account can answer, before anything is created (read-only calls).
    const preflight = new tasks.LambdaInvoke(this, 'Check against the account', {
      lambdaFunction: props.preflightFunction,
      payload: sfn.TaskInput.fromObject({ 'plan.$': '$.plan' }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
      resultPath: '$.preflight',
    });
    preflight.addRetry({ errors: ['ThrottlingException', 'TooManyRequestsException'], maxAttempts: 4, backoffRate: 2 });
    preflight.addCatch(new sfn.Pass(this, 'Pre-flight failed', { parameters: { 'error.$': '$.preflightError' } }).next(failedEarly), {
      errors: ['States.ALL'], resultPath: '$.preflightError',
    });
    const refused = events.pipeline(this, 'Report pre-flight problems', { status: 'PREFLIGHT_FAILED', cause: '$.preflight.message', problems: '$.preflight.problems' })
      .next(new sfn.Fail(this, 'Pre-flight refused', { error: 'PreflightFailed', causePath: '$.preflight.message' }));

    const prepare = new sfn.Pass(this, 'Prepare', {
      parameters: { 'plan.$': '$.preflight.plan', 'context': { 'pipelineExecutionArn.$': '$$.Execution.Id' }, 'stages': {} },
    });
    const started = events.pipeline(this, 'Report pipeline started', { status: 'STARTED', datasetGroupName: '$.plan.datasetGroup.name' });

    const finish = this.finish();
    const groupReady = new sfn.Choice(this, 'Dataset group ready?')
      .when(sfn.Condition.isPresent('$.stages.one.group.context'), this.stageTwo().next(finish))
      .otherwise(finish);

    this.definition = validate.next(new sfn.Choice(this, 'Config valid?')
      .when(sfn.Condition.booleanEquals('$.valid', true), preflight.next(new sfn.Choice(this, 'Pre-flight passed?')
        .when(sfn.Condition.booleanEquals('$.preflight.ok', true), prepare.next(started).next(this.stageOne()).next(groupReady))
        .otherwise(refused)))
      .otherwise(rejected));
  }

  /** The Glue job beside the dataset group, its datasets and its solutions. */
  private stageOne(): sfn.IChainable {
    const { props } = this;
    const stage = new sfn.Parallel(this, 'Prepare data and models', {
      resultSelector: { 'failures.$': '$[*].failures[*]', 'group.$': '$[0]' },
      resultPath: '$.stages.one',
    });

    const group = new RunFlow(this, 'Run dataset group flow', { stateMachine: props.datasetGroup, label: 'Dataset group', item: '$.plan.datasetGroup', resultPath: '$.dsg' });
    const setContext = new sfn.Pass(this, 'Set context', {
      parameters: {
        'pipelineExecutionArn.$': '$.context.pipelineExecutionArn',
        'datasetGroupArn.$': '$.dsg.output.datasetGroupArn',
        'datasetGroupName.$': '$.dsg.output.datasetGroupName',
      },
      resultPath: '$.context',
    });
    const inner = new sfn.Parallel(this, 'Datasets and solutions', {
      resultSelector: { 'failures.$': '$[*].failures[*]', 'solutions.$': '$[1].solutions' },
      resultPath: '$.inner',
    });
    inner.branch(forEachFlow(this, 'Datasets', '$.plan.datasets', props.dataset, { resultPath: '$.datasets', flowLabel: 'Dataset' })
      .next(this.outcome('Datasets outcome', { 'failures.$': '$.datasets.failures' })));
    const solutions = props.solution
      ? this.optional('Solutions', 'solutions',
        forEachFlow(this, 'Solutions', '$.plan.solutions', props.solution, { resultPath: '$.solutions', flowLabel: 'Solution' })
          .next(this.outcome('Solutions outcome', { 'failures.$': '$.solutions.failures', 'solutions.$': '$.solutions.items' })),
        { failures: [], solutions: [] })
      : this.outcome('No solution flow', { failures: [], solutions: [] });
    inner.branch(solutions);
    group.next(new sfn.Choice(this, 'Dataset group created?')
      .when(sfn.Condition.isPresent('$.dsg.output'), setContext.next(inner).next(this.outcome('Group outcome', {
        'failures.$': '$.inner.failures', 'solutions.$': '$.inner.solutions', 'context.$': '$.context',
      })))
      .otherwise(this.outcome('Group failed', { 'failures.$': '$.dsg.failures' })));
    stage.branch(group);

    if (props.preprocessing) {
      const run = new RunFlow(this, 'Run preprocessing', { stateMachine: props.preprocessing, label: 'Preprocessing', item: '$.plan.preprocessing', resultPath: '$.pre' });
      stage.branch(this.optional('Preprocessing', 'preprocessing', run.next(this.outcome('Preprocessing outcome', { 'failures.$': '$.pre.failures' }))));
    }
    return stage;
  }

  /** Imports, then training and recommenders (when nothing they need failed), beside filters and the event tracker. */
  private stageTwo(): sfn.Chain {
    const { props } = this;
    const stage = new sfn.Parallel(this, 'Import, train and deploy', { resultSelector: { 'failures.$': '$[*].failures[*]' }, resultPath: '$.stages.two' });

    // Imports need every dataset and the Glue job's output; training and recommenders need the imports.
    const imports = forEachFlow(this, 'Imports', '$.plan.imports', props.datasetImport, { resultPath: '$.imports', flowLabel: 'Dataset import' });
    let afterImports: sfn.IChainable = this.outcome('No models', { failures: [] });
    if (props.training || props.recommender) {
      const models = new sfn.Parallel(this, 'Models', { resultSelector: { 'failures.$': '$[*].failures[*]' }, resultPath: '$.models' });
      if (props.training) {
        models.branch(this.optional('Training', 'solutions', this.trainingMap(props.training)
          .next(this.outcome('Training outcome', { 'failures.$': '$.training.failures' }))));
      }
      if (props.recommender) {
        models.branch(this.optional('Recommenders', 'recommenders', forEachFlow(this, 'Recommenders', '$.plan.recommenders', props.recommender, { resultPath: '$.recommenders', flowLabel: 'Recommender' })
          .next(this.outcome('Recommenders outcome', { 'failures.$': '$.recommenders.failures' }))));
      }
      afterImports = models.next(this.outcome('Models outcome', { 'failures.$': '$.models.failures' }));
    }
    const importsDone = new sfn.Pass(this, 'Count import failures', { parameters: { 'count.$': 'States.ArrayLength($.imports.failures)' }, resultPath: '$.importFailures' });
    imports.next(importsDone).next(new sfn.Choice(this, 'Data imported?')
      .when(sfn.Condition.numberEquals('$.importFailures.count', 0), afterImports)
      .otherwise(this.outcome('Imports failed', { 'failures.$': '$.imports.failures' })));
    // What failed earlier is in the final failure list; nothing that depends on it runs: imports (and what
    // follows them) need every dataset and the Glue output, filters need the datasets they reference.
    const upstream = new sfn.Pass(this, 'Count earlier failures', { parameters: { 'count.$': 'States.ArrayLength($.stages.one.failures)' }, resultPath: '$.upstream' });
    const gated = (label: string, body: sfn.IChainable) => new sfn.Choice(this, `${label}: upstream ready?`)
      .when(sfn.Condition.numberEquals('$.upstream.count', 0), body)
      .otherwise(this.outcome(`${label}: skipped`, { failures: [] }));
    const dataAndModels = gated('Data and models', imports);
    if (props.filter) {
      const filters = this.optional('Filters', 'filters', forEachFlow(this, 'Filters', '$.plan.filters', props.filter, { resultPath: '$.filters', flowLabel: 'Filter' })
        .next(this.outcome('Filters outcome', { 'failures.$': '$.filters.failures' })));
      const both = new sfn.Parallel(this, 'Data, models and filters', { resultSelector: { 'failures.$': '$[*].failures[*]' } });
      both.branch(dataAndModels);
      both.branch(gated('Filters', filters));
      stage.branch(upstream.next(both));
    } else {
      stage.branch(upstream.next(dataAndModels));
    }

    if (props.eventTracker) {
      const run = new RunFlow(this, 'Run event tracker flow', { stateMachine: props.eventTracker, label: 'Event tracker', item: '$.plan.eventTracker', resultPath: '$.tracker' });
      stage.branch(this.optional('Event tracker', 'eventTracker', run.next(this.outcome('Event tracker outcome', { 'failures.$': '$.tracker.failures' }))));
    }

    const setContext = new sfn.Pass(this, 'Use the group context', { parameters: { 'context.$': '$.stages.one.group.context', 'plan.$': '$.plan', 'stages.$': '$.stages' } });
    return sfn.Chain.start(setContext).next(stage);
  }

  /** Trains each solution that was created or found (a solution whose flow failed is not trained). */
  private trainingMap(training: sfn.StateMachine): sfn.Map {
    const map = new sfn.Map(this, 'Training', {
      itemsPath: '$.stages.one.group.solutions',
      itemSelector: { 'solution.$': '$$.Map.Item.Value', 'context.$': '$.context' },
      maxConcurrency: this.props.solutionConcurrency,
      resultSelector: { 'failures.$': '$[*].failures[*]' },
      resultPath: '$.training',
    });
    const run = new RunFlow(this, 'Run training flow', { stateMachine: training, label: 'Solution version', item: '$.solution.output.item', resultPath: '$.result' });
    map.itemProcessor(new sfn.Choice(this, 'Solution ready?')
      .when(sfn.Condition.isPresent('$.solution.output'), run.next(new sfn.Pass(this, 'Training: item outcome', { outputPath: '$.result' })))
      .otherwise(new sfn.Pass(this, 'Solution not ready', { parameters: { failures: [] } })));
    return map;
  }

  /** Report the pipeline's outcome: SUCCEEDED, or FAILED with every failure. */
  private finish(): sfn.IChainable {
    const { events } = this.props;
    const collect = new sfn.Pass(this, 'Collect failures', { parameters: { 'all.$': '$.stages.*.failures[*]' }, resultPath: '$.collected' });
    const succeeded = events.pipeline(this, 'Report pipeline succeeded', { status: 'SUCCEEDED', datasetGroupArn: '$.context.datasetGroupArn' })
      .next(new sfn.Succeed(this, 'Pipeline succeeded'));
    return collect.next(endWithFailures(this, 'Pipeline', {
      failures: '$.collected.all',
      resultPath: '$.outcome',
      succeeded,
      reportFailure: (s) => events.pipeline(s, 'Report pipeline failed', {
        status: 'FAILED', error: '$.outcome.error', cause: '$.outcome.cause', failures: '$.outcome.failures',
      }),
    }));
  }

  /** A validator or pre-flight error (its Lambda failed): publish it and fail, reading only what is there. */
  private reportEarlyFailure(): sfn.IChainable {
    const { events } = this.props;
    const report = events.pipeline(this, 'Report pipeline failed early', { status: 'FAILED', error: '$.failure.error', cause: '$.failure.cause' });
    report.next(new sfn.Fail(this, 'Pipeline failed early', { errorPath: '$.failure.error', causePath: '$.failure.cause' }));
    const withCause = new sfn.Pass(this, 'Early failure', { parameters: { 'error.$': '$.error.Error', 'cause.$': '$.error.Cause' }, resultPath: '$.failure' }).next(report);
    const withoutCause = new sfn.Pass(this, 'Early failure without cause', {
      parameters: { 'error.$': '$.error.Error', 'cause': 'The function gave no cause' }, resultPath: '$.failure',
    }).next(report);
    const unknown = new sfn.Pass(this, 'Early failure without error', {
      parameters: { error: 'States.TaskFailed', cause: 'The task failed without an error name' }, resultPath: '$.failure',
    }).next(report);
    return new sfn.Choice(this, 'Early failure has a cause?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.error.Error'), sfn.Condition.isPresent('$.error.Cause')), withCause)
      .when(sfn.Condition.isPresent('$.error.Error'), withoutCause)
      .otherwise(unknown);
  }

  /** Runs `body` when the plan has work of that kind, otherwise outcomes nothing. */
  private optional(label: string, flag: string, body: sfn.IChainable, nothing: Outcome = { failures: [] }): sfn.Choice {
    return new sfn.Choice(this, `${label}?`)
      .when(sfn.Condition.booleanEquals(`$.plan.has.${flag}`, true), body)
      .otherwise(this.outcome(`No ${label.toLowerCase()}`, nothing));
  }

  /** A branch's last state: its output is `parameters` (failures, and what later stages read). */
  private outcome(id: string, parameters: Outcome): sfn.Pass {
    return new sfn.Pass(this, id, { parameters });
  }
}
