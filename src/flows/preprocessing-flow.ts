import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { createFlowStateMachine } from '../core/flow-state-machine';

/** Props of the preprocessing flow. @internal */
export interface PreprocessingFlowProps extends FlowProps {
  /** Glue jobs the flow may run; every job of the account when empty. */
  readonly allowedJobNames: string[];
}

const KIND = 'PREPROCESSING_JOB';

/**
 * Runs the Glue job the config names and waits for it, with an event when it starts, succeeds or fails
 * (with what Glue said: the job run, with its ErrorMessage, or the start error). Input item: the plan's `preprocessing`.
 * @internal
 */
export class PreprocessingFlow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PreprocessingFlowProps) {
    super(scope, id);
    const { events } = props.services;
    // A custom state, because GlueStartJobRun grants on `job/<the JSONPath text>` when the job name comes
    // from the input; the policy below names the allowed jobs instead.
    const run = new sfn.CustomState(this, 'Run Glue job', {
      stateJson: {
        Type: 'Task',
        Resource: `arn:${Aws.PARTITION}:states:::glue:startJobRun.sync`,
        Parameters: { 'JobName.$': '$.item.jobName', 'Arguments.$': '$.item.arguments' },
        ResultSelector: { 'id.$': '$.Id', 'state.$': '$.JobRunState' },
        ResultPath: '$.jobRun',
      },
    });
    const fields = { kind: KIND, name: '$.item.jobName', arn: '', created: false };
    const started = events.resource(this, 'Report started', { ...fields, status: 'RUNNING' });
    const succeeded = events.resource(this, 'Report succeeded', { ...fields, status: 'SUCCEEDED', jobRunId: '$.jobRun.id' });

    const fail = new sfn.Fail(this, 'Preprocessing failed', { error: 'PreprocessingJobFailed', causePath: '$.failure.cause' });
    const report = events.resource(this, 'Report failure', { ...fields, status: 'FAILED', failureReason: '$.failure.reason', cause: '$.failure.cause' });
    report.next(fail);
    // The cause is kept as text: a failed run's cause is the job run as JSON (with its ErrorMessage), but a run
    // that could not start has a plain-text cause, and StringToJson on it would end the execution with an
    // uncatchable States.Runtime error (Step Functions developer guide, "Error handling in Step Functions").
    const explain = new sfn.Pass(this, 'Explain job failure', {
      parameters: { 'reason.$': '$.jobError.Cause', 'cause.$': "States.Format('Glue job {} failed ({}): {}', $.item.jobName, $.jobError.Error, $.jobError.Cause)" },
      resultPath: '$.failure',
    }).next(report);
    const explainWithoutCause = new sfn.Pass(this, 'Explain job failure without cause', {
      parameters: { 'reason.$': '$.jobError.Error', 'cause.$': "States.Format('Glue job {} failed: {}', $.item.jobName, $.jobError.Error)" },
      resultPath: '$.failure',
    }).next(report);
    run.addCatch(new sfn.Choice(this, 'Has a cause?')
      .when(sfn.Condition.isPresent('$.jobError.Cause'), explain)
      .otherwise(explainWithoutCause), { errors: ['States.ALL'], resultPath: '$.jobError' });

    const stack = Stack.of(this);
    const jobArns = (props.allowedJobNames.length > 0 ? props.allowedJobNames : ['*'])
      .map((name) => stack.formatArn({ service: 'glue', resource: 'job', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }));
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', started.next(run).next(succeeded), props.settings, 'personalize-mlops: Glue preprocessing');
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({
      actions: ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'],
      resources: jobArns,
    }));
  }
}
