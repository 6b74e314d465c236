import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** How a child flow is started. @internal */
export interface RunFlowProps {
  /** The flow's state machine. */
  readonly stateMachine: sfn.IStateMachine;
  /** JSONPath of the flow's `item`. */
  readonly item: string;
  /** JSONPath of the flow's `context`. @default '$.context' */
  readonly context?: string;
  /** Where the flow's output goes. @default - discarded */
  readonly resultPath?: string;
}

/**
 * Starts a child flow and waits for it. When the child fails, its own error and cause (the resource, its
 * kind, the service's failureReason) become this state's failure, instead of a generic task failure.
 * @internal
 */
export class RunFlow extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: RunFlowProps) {
    super(scope, id);
    const start = new tasks.StepFunctionsStartExecution(this, id, {
      stateMachine: props.stateMachine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      input: sfn.TaskInput.fromObject({ 'item.$': props.item, 'context.$': props.context ?? '$.context' }),
      resultSelector: { 'output.$': '$.Output' },
      resultPath: props.resultPath ?? sfn.JsonPath.DISCARD,
    });
    start.addRetry({ errors: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'], maxAttempts: 5, backoffRate: 2 });
    const unwrap = new sfn.Pass(this, `${id}: Unwrap failure`, {
      parameters: { 'execution.$': 'States.StringToJson($.flowError.Cause)' },
      resultPath: '$.flowError',
    });
    start.addCatch(unwrap, { errors: ['States.TaskFailed'], resultPath: '$.flowError' });
    unwrap.next(new sfn.Fail(this, `${id}: Failed`, { errorPath: '$.flowError.execution.Error', causePath: '$.flowError.execution.Cause' }));
    this.startState = start;
    this.endStates = [start];
  }
}
