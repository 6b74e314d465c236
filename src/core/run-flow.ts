import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** How a child flow is started. @internal */
export interface RunFlowProps {
  /** The flow's state machine. */
  readonly stateMachine: sfn.StateMachine;
  /** What the flow is, for failure records, e.g. `Dataset group`. */
  readonly label: string;
  /** JSONPath of the flow's `item`. */
  readonly item: string;
  /** JSONPath of the flow's `context`. @default '$.context' */
  readonly context?: string;
  /** Where the outcome goes: `{ output, failures: [] }` or `{ failures: [{ flow, error, cause, executionArn }] }`. */
  readonly resultPath: string;
}

/**
 * Starts a child flow and waits for it, and never fails: the outcome is `{ output, failures: [] }` when the
 * child succeeded, `{ failures: [failure] }` when it did not, so independent work goes on and the pipeline
 * fails at the end with every failure listed. The failure's error and cause are the child's own (its kind,
 * resource and failureReason), read with DescribeExecution rather than by parsing the task's cause, which is
 * not JSON when the start itself was refused (Step Functions developer guide, "Error handling": a
 * States.Runtime error, such as StringToJson on text that is not JSON, cannot be caught). Each child gets a
 * name (a UUID) so its ARN is known before it starts.
 * @internal
 */
export class RunFlow extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: RunFlowProps) {
    super(scope, id);
    const slot = props.resultPath;
    const executionArn = Stack.of(this).formatArn({
      service: 'states', resource: 'execution', resourceName: `${props.stateMachine.stateMachineName}:{}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const arnOfThisRun = `States.Format('${executionArn}', ${slot}.executionName)`;

    const name = new sfn.Pass(this, `${id}: Name the execution`, { parameters: { 'executionName.$': 'States.UUID()' }, resultPath: slot });
    const start = new tasks.StepFunctionsStartExecution(this, id, {
      stateMachine: props.stateMachine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      name: sfn.JsonPath.stringAt(`${slot}.executionName`),
      input: sfn.TaskInput.fromObject({ 'item.$': props.item, 'context.$': props.context ?? '$.context' }),
      resultSelector: { 'output.$': '$.Output' },
      resultPath: `${slot}.run`,
    });
    start.addRetry({ errors: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'], maxAttempts: 5, backoffRate: 2 });
    const succeeded = new sfn.Pass(this, `${id}: Succeeded`, {
      parameters: { 'output.$': `${slot}.run.output`, 'failures': [] },
      resultPath: slot,
    });

    const describe = new tasks.CallAwsService(this, `${id}: Read the failure`, {
      service: 'sfn',
      action: 'describeExecution',
      parameters: { 'ExecutionArn.$': arnOfThisRun },
      iamResources: [Stack.of(this).formatArn({
        service: 'states', resource: 'execution', resourceName: `${props.stateMachine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
      iamAction: 'states:DescribeExecution',
      resultSelector: { 'status.$': '$.Status', 'execution.$': '$' },
      resultPath: `${slot}.described`,
    });
    describe.addRetry({ errors: ['Sfn.SfnException', 'Sfn.SdkClientException', 'States.TaskFailed'], maxAttempts: 3, backoffRate: 2 });
    const record = (label: string, error: string, cause: string) => new sfn.Pass(this, `${id}: ${label}`, {
      parameters: {
        failure: { 'flow': props.label, 'error.$': error, 'cause.$': cause, 'executionArn.$': arnOfThisRun },
      },
      resultPath: `${slot}.recorded`,
    });
    const fromChild = record('Child failure', `${slot}.described.execution.Error`, `${slot}.described.execution.Cause`);
    const fromChildWithoutCause = record('Child failure without cause', `${slot}.described.execution.Error`, `${slot}.described.status`);
    const fromStatus = new sfn.Pass(this, `${id}: Child stopped`, {
      parameters: {
        failure: {
          'flow': props.label,
          'error': 'FlowStopped',
          'cause.$': `States.Format('The ${props.label} flow ended {} without an error', ${slot}.described.status)`,
          'executionArn.$': arnOfThisRun,
        },
      },
      resultPath: `${slot}.recorded`,
    });
    const fromTask = record('Start failure', `${slot}.error.Error`, `${slot}.error.Cause`);
    const fromTaskWithoutCause = new sfn.Pass(this, `${id}: Start failure without cause`, {
      parameters: {
        failure: { 'flow': props.label, 'error.$': `${slot}.error.Error`, 'cause': 'Step Functions gave no cause', 'executionArn.$': arnOfThisRun },
      },
      resultPath: `${slot}.recorded`,
    });
    const failed = new sfn.Pass(this, `${id}: Failed`, { parameters: { 'failures.$': `States.Array(${slot}.recorded.failure)` }, resultPath: slot });
    for (const state of [fromChild, fromChildWithoutCause, fromStatus, fromTask, fromTaskWithoutCause]) state.next(failed);

    const present = (path: string) => sfn.Condition.isPresent(path);
    // The start was refused (no child ran): the task's own error, as far as it has one.
    const raw = new sfn.Choice(this, `${id}: Has a cause?`)
      .when(present(`${slot}.error.Cause`), fromTask)
      .otherwise(fromTaskWithoutCause);
    describe.addCatch(raw, { errors: ['States.ALL'], resultPath: `${slot}.describeError` });
    describe.next(new sfn.Choice(this, `${id}: Child error?`)
      .when(sfn.Condition.and(present(`${slot}.described.execution.Error`), present(`${slot}.described.execution.Cause`)), fromChild)
      .when(present(`${slot}.described.execution.Error`), fromChildWithoutCause)
      .otherwise(fromStatus));
    start.addCatch(describe, { errors: ['States.ALL'], resultPath: `${slot}.error` });

    name.next(start).next(succeeded);
    this.startState = name;
    this.endStates = [succeeded, failed];
  }
}
