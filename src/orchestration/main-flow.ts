import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { forEachFlow, ForEachFlowOptions } from '../core/for-each-flow';
import { RunFlow } from '../core/run-flow';
import { StatusEvents } from '../core/status-events';

/** The child state machines the main one starts; absent ones were not deployed. @internal */
export interface MainFlowProps {
  readonly events: StatusEvents;
  readonly validateFunction: lambda.IFunction;
  readonly datasetGroup: sfn.IStateMachine;
  readonly dataset: sfn.IStateMachine;
  readonly datasetImport: sfn.IStateMachine;
  readonly preprocessing?: sfn.IStateMachine;
  readonly filter?: sfn.IStateMachine;
  readonly eventTracker?: sfn.IStateMachine;
  readonly solution?: sfn.IStateMachine;
  readonly recommender?: sfn.IStateMachine;
  /** How many solutions train at once. */
  readonly solutionConcurrency: number;
}

/**
 * The main state machine's definition: validate the config, then run the flows in the order their
 * dependencies need. Datasets follow the dataset group; filters follow the datasets; imports follow the
 * datasets; solutions and recommenders follow the imports; the event tracker needs only the dataset group.
 * Filters, the event tracker and recommenders run beside training, never before it.
 * @internal
 */
export class MainFlow extends Construct {
  readonly definition: sfn.IChainable;

  constructor(scope: Construct, id: string, props: MainFlowProps) {
    super(scope, id);
    const { events } = props;

    const failed = events.pipeline(this, 'Report pipeline failed', { status: 'FAILED', error: '$.error.Error', cause: '$.error.Cause' })
      .next(new sfn.Fail(this, 'Pipeline failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }));
    // The execution input goes to the validator as it is (it may be any JSON, not only an object); the
    // verdict replaces it, and the plan in the verdict is all the later states read.
    const validate = new tasks.LambdaInvoke(this, 'Validate config', {
      lambdaFunction: props.validateFunction,
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    validate.addCatch(new sfn.Pass(this, 'Validator failed', { parameters: { 'error.$': '$' } }).next(failed), { errors: ['States.ALL'] });
    const rejected = events.pipeline(this, 'Report config rejected', { status: 'INVALID_CONFIG', cause: '$.message' })
      .next(new sfn.Fail(this, 'Config rejected', { error: 'InvalidConfig', causePath: '$.message' }));
    const prepare = new sfn.Pass(this, 'Prepare', {
      parameters: { 'plan.$': '$.plan', 'context': { 'pipelineExecutionArn.$': '$$.Execution.Id' } },
    });
    const started = events.pipeline(this, 'Report pipeline started', { status: 'STARTED', datasetGroupName: '$.plan.datasetGroup.name' });

    const steps: Array<sfn.IChainable> = [];
    if (props.preprocessing) {
      const run = new RunFlow(this, 'Run preprocessing', { stateMachine: props.preprocessing, item: '$.plan.preprocessing' });
      steps.push(new sfn.Choice(this, 'Preprocessing requested?')
        .when(sfn.Condition.booleanEquals('$.plan.has.preprocessing', true), this.protect('Preprocessing', run, failed))
        .otherwise(new sfn.Pass(this, 'No preprocessing'))
        .afterwards());
    }
    steps.push(this.protect('Dataset group', new RunFlow(this, 'Run dataset group flow', {
      stateMachine: props.datasetGroup, item: '$.plan.datasetGroup', resultPath: '$.datasetGroup',
    }), failed));
    steps.push(new sfn.Pass(this, 'Set context', {
      parameters: {
        'pipelineExecutionArn.$': '$.context.pipelineExecutionArn',
        'datasetGroupArn.$': '$.datasetGroup.output.datasetGroupArn',
        'datasetGroupName.$': '$.datasetGroup.output.datasetGroupName',
      },
      resultPath: '$.context',
    }));
    steps.push(this.build(props, failed));
    steps.push(events.pipeline(this, 'Report pipeline succeeded', { status: 'SUCCEEDED', datasetGroupArn: '$.context.datasetGroupArn' }));
    steps.push(new sfn.Succeed(this, 'Pipeline succeeded'));

    let body = sfn.Chain.start(started);
    for (const step of steps) body = body.next(step);

    this.definition = validate.next(new sfn.Choice(this, 'Config valid?')
      .when(sfn.Condition.booleanEquals('$.valid', true), prepare.next(body))
      .otherwise(rejected));
  }

  /** Wraps a fragment in a Parallel so one Catch covers it, and keeps its output where it put it. */
  private protect(label: string, fragment: sfn.StateMachineFragment, failed: sfn.IChainable): sfn.Parallel {
    const parallel = new sfn.Parallel(this, label, { resultSelector: { 'state.$': '$[0]' }, outputPath: '$.state' });
    parallel.branch(fragment);
    parallel.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    return parallel;
  }

  /** Everything after the dataset group, as parallel branches that follow the real dependencies. */
  private build(props: MainFlowProps, failed: sfn.IChainable): sfn.IChainable {
    const forEach = (label: string, itemsPath: string, stateMachine: sfn.IStateMachine, options: ForEachFlowOptions = {}) =>
      forEachFlow(this, label, itemsPath, stateMachine, options);
    const optional = (label: string, flag: string, body: sfn.IChainable) => new sfn.Choice(this, `${label}?`)
      .when(sfn.Condition.booleanEquals(`$.plan.has.${flag}`, true), body)
      .otherwise(new sfn.Pass(this, `No ${label.toLowerCase()}`))
      .afterwards();

    const models: sfn.IChainable[] = [];
    if (props.solution) {
      models.push(optional('Solutions', 'solutions', forEach('Solutions', '$.plan.solutions', props.solution, { maxConcurrency: props.solutionConcurrency })));
    }
    if (props.recommender) {
      models.push(optional('Recommenders', 'recommenders', forEach('Recommenders', '$.plan.recommenders', props.recommender)));
    }
    const imports = sfn.Chain.start(forEach('Imports', '$.plan.imports', props.datasetImport, {
      resultSelector: { 'created.$': '$[*].created' }, resultPath: '$.imports',
    })).next(new sfn.Pass(this, 'Note new data', {
      parameters: {
        'pipelineExecutionArn.$': '$.context.pipelineExecutionArn',
        'datasetGroupArn.$': '$.context.datasetGroupArn',
        'datasetGroupName.$': '$.context.datasetGroupName',
        'dataChanged.$': 'States.ArrayContains($.imports.created, true)',
      },
      resultPath: '$.context',
    }));
    const importsAndModels = models.length > 0 ? imports.next(this.parallel('Models', models)) : imports;

    const afterDatasets: sfn.IChainable[] = [importsAndModels];
    if (props.filter) afterDatasets.push(optional('Filters', 'filters', forEach('Filters', '$.plan.filters', props.filter)));
    const data = sfn.Chain.start(forEach('Datasets', '$.plan.datasets', props.dataset))
      .next(afterDatasets.length > 1 ? this.parallel('After datasets', afterDatasets) : importsAndModels);

    const branches: sfn.IChainable[] = [data];
    if (props.eventTracker) {
      branches.push(optional('Event tracker', 'eventTracker', new RunFlow(this, 'Run event tracker flow', { stateMachine: props.eventTracker, item: '$.plan.eventTracker' })));
    }
    const build = this.parallel('Build', branches);
    build.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    return build;
  }

  /** A Parallel that keeps its input as its output. */
  private parallel(label: string, branches: sfn.IChainable[]): sfn.Parallel {
    const parallel = new sfn.Parallel(this, label, { resultPath: sfn.JsonPath.DISCARD });
    for (const branch of branches) parallel.branch(branch);
    return parallel;
  }
}
