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
  /** Where the outcome goes: `{ output, failures: [] }` or `{ failures: [{ flow, executionArn, error }] }`. */
  readonly resultPath: string;
  /**
   * JSONPath of the execution's name, when the input already holds one (a Map's item selector gives each item a
   * `States.UUID()`), and the outcome is then the state's whole output.
   * @default - a Pass names the execution, and the outcome goes to `resultPath` beside the input
   */
  readonly executionName?: string;
}

/** The ARN of an execution of `stateMachine` whose name is at `namePath`, as an intrinsic. @internal */
export function executionArnOf(scope: Construct, stateMachine: sfn.StateMachine, namePath: string): string {
  const arn = Stack.of(scope).formatArn({
    service: 'states', resource: 'execution', resourceName: `${stateMachine.stateMachineName}:{}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  return `States.Format('${arn}', ${namePath})`;
}

/**
 * Starts a child flow and waits for it, and never fails: the outcome is `{ output, failures: [] }` when the
 * child succeeded, `{ failures: [record] }` when it did not, so independent work goes on and the pipeline fails
 * at the end with every failure listed. The record `{ flow, executionArn, error }` holds what the start task
 * caught; `endWithFailures` reads each recorded child's own error and cause (its kind, resource and failureReason)
 * with DescribeExecution, once, for every failure of the state machine (see ReadFailures). Each child gets a name
 * (a UUID) so its ARN is known before it starts.
 * @internal
 */
export class RunFlow extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: RunFlowProps) {
    super(scope, id);
    const slot = props.resultPath;
    // Inside a Map the outcome is the item's output; the input's own keys hold the error and the record.
    const at = props.executionName ? '$' : slot;
    const name = props.executionName
      ? undefined
      : new sfn.Pass(this, `${id}: Name the execution`, { parameters: { 'executionName.$': 'States.UUID()' }, resultPath: slot });
    const start = new tasks.StepFunctionsStartExecution(this, id, {
      stateMachine: props.stateMachine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      associateWithParent: true,
      name: sfn.JsonPath.stringAt(props.executionName ?? `${slot}.executionName`),
      input: sfn.TaskInput.fromObject({ 'item.$': props.item, 'context.$': props.context ?? '$.context' }),
      resultSelector: { 'output.$': '$.Output', 'failures': [] },
      resultPath: slot,
      outputPath: props.executionName ? slot : undefined,
    });
    start.addRetry({ errors: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'], maxAttempts: 5, backoffRate: 2 });
    const record = new sfn.Pass(this, `${id}: Record the failure`, {
      parameters: {
        'flow': props.label,
        'executionArn.$': executionArnOf(this, props.stateMachine, props.executionName ?? `${slot}.executionName`),
        'error.$': `${at}.error`,
      },
      resultPath: `${at}.failure`,
    });
    const failed = new sfn.Pass(this, `${id}: Failed`, {
      parameters: { 'failures.$': `States.Array(${at}.failure)` },
      resultPath: props.executionName ? undefined : slot,
    });
    start.addCatch(record, { errors: ['States.ALL'], resultPath: `${at}.error` });
    record.next(failed);
    if (name) name.next(start);
    this.startState = name ?? start;
    this.endStates = [start, failed];
  }
}
