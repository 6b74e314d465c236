import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowProps } from './flow-props';
import { createFlowStateMachine } from '../polling/flow-state-machine';
import { ExplainAndFail } from '../steps/explain-and-fail';

/** Props of the preprocessing flow. @internal */
export interface PreprocessingFlowProps extends FlowProps {
  /** Glue jobs the flow may run; every job of the account when empty. */
  readonly allowedJobNames: string[];
}

const KIND = 'PREPROCESSING_JOB';

/**
 * The ARNs of the Glue jobs the pipeline may use: the allowed jobs, or every job of the account and region when
 * none is listed. The flow's start grant and the pre-flight's `glue:GetJob` share them.
 * @internal
 */
export function glueJobArns(scope: Construct, allowedJobNames: readonly string[]): string[] {
  const stack = Stack.of(scope);
  return (allowedJobNames.length > 0 ? allowedJobNames : ['*'])
    .map((name) => stack.formatArn({ service: 'glue', resource: 'job', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }));
}

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

    const failed = new ExplainAndFail(this, 'Failure', { events, resultPath: '$.failure', reportName: 'Report failure' });
    // The cause is kept as text: a failed run's cause is the job run as JSON (with its ErrorMessage), but a run
    // that could not start has a plain-text cause, and StringToJson on it would end the execution with an
    // uncatchable States.Runtime error (Step Functions developer guide, "Error handling in Step Functions").
    const explain = failed.explain('Explain job failure', {
      error: 'PreprocessingJobFailed',
      event: { ...fields, status: 'FAILED', failureReason: '$.jobError.Cause', cause: "States.Format('Glue job {} failed ({}): {}', $.item.jobName, $.jobError.Error, $.jobError.Cause)" },
    });
    const explainWithoutCause = failed.explain('Explain job failure without cause', {
      error: 'PreprocessingJobFailed',
      event: { ...fields, status: 'FAILED', failureReason: '$.jobError.Error', cause: "States.Format('Glue job {} failed: {}', $.item.jobName, $.jobError.Error)" },
    });
    run.addCatch(new sfn.Choice(this, 'Has a cause?')
      .when(sfn.Condition.isPresent('$.jobError.Cause'), explain)
      .otherwise(explainWithoutCause), { errors: ['States.ALL'], resultPath: '$.jobError' });

    const jobArns = glueJobArns(this, props.allowedJobNames);
    this.stateMachine = createFlowStateMachine(this, 'StateMachine', started.next(run).next(succeeded), props.settings, 'personalize-mlops: Glue preprocessing');
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({
      actions: ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'],
      resources: jobArns,
    }));
  }
}
