import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** What a flow does once its independent branches are done. @internal */
export interface EndWithFailuresProps {
  /** JSONPath of the failures recorded by every branch (RunFlow's `{ flow, executionArn, error }`). */
  readonly failures: string;
  /** Where the verdict goes: `{ count, error, cause, failures }`, each failure `{ flow, error, cause, executionArn }`. */
  readonly resultPath: string;
  /** The child state machines whose executions the failures name. */
  readonly flows: sfn.StateMachine[];
  /** What follows when there is no failure. */
  readonly succeeded: sfn.IChainable;
  /** Publishes the failure (reads the verdict at `resultPath`); the Fail state follows it. */
  readonly reportFailure: (scope: Construct) => sfn.IChainable & sfn.INextable;
}

/**
 * Ends a flow whose branches recorded their failures instead of failing: succeeds when there is none; otherwise
 * reads each failed child's own error and cause (ReadFailures) and fails with the one failure's error and cause,
 * or with `MultipleFailures` and every failure listed in the cause. Every path it reads exists, so the end is
 * always reached.
 * @internal
 */
export function endWithFailures(scope: Construct, id: string, props: EndWithFailuresProps): sfn.IChainable {
  const verdict = props.resultPath;
  const failures = `${verdict}.failures`;
  const count = new sfn.Pass(scope, `${id}: Count failures`, { parameters: { 'count.$': `States.ArrayLength(${props.failures})` }, resultPath: verdict });
  const read = readFailures(scope, `${id}: Read failures`, props.failures, failures, props.flows);
  const one = new sfn.Pass(scope, `${id}: One failure`, {
    parameters: {
      'count': 1, 'error.$': `${failures}[0].error`, 'cause.$': `${failures}[0].cause`, 'failures.$': failures,
    },
    resultPath: verdict,
  });
  const many = new sfn.Pass(scope, `${id}: Several failures`, {
    parameters: {
      'count.$': `${verdict}.count`,
      'error': 'MultipleFailures',
      'cause.$': `States.Format('{} failures: {}', ${verdict}.count, States.JsonToString(${failures}))`,
      'failures.$': failures,
    },
    resultPath: verdict,
  });
  const report = props.reportFailure(scope);
  one.next(report);
  many.next(report);
  report.next(new sfn.Fail(scope, `${id}: Failed`, { errorPath: `${verdict}.error`, causePath: `${verdict}.cause` }));
  read.next(new sfn.Choice(scope, `${id}: One failure?`)
    .when(sfn.Condition.numberEquals(`${verdict}.count`, 1), one)
    .otherwise(many));
  return count.next(new sfn.Choice(scope, `${id}: Any failure?`)
    .when(sfn.Condition.numberEquals(`${verdict}.count`, 0), props.succeeded)
    .otherwise(read));
}

/**
 * A Map that turns each RunFlow record into `{ flow, error, cause, executionArn }`: the child's own error and cause,
 * read with DescribeExecution rather than by parsing the start task's cause, which is not JSON when the start
 * itself was refused (Step Functions developer guide, "Error handling": a States.Runtime error, such as
 * StringToJson on text that is not JSON, cannot be caught); a child that never ran gives the task's own error.
 * One copy per state machine, run only when something failed.
 */
function readFailures(scope: Construct, id: string, records: string, resultPath: string, flows: sfn.StateMachine[]): sfn.Map {
  const map = new sfn.Map(scope, id, { itemsPath: records, maxConcurrency: 5, resultPath });
  const describe = new tasks.CallAwsService(scope, `${id}: Describe`, {
    service: 'sfn',
    action: 'describeExecution',
    parameters: { 'ExecutionArn.$': '$.executionArn' },
    iamResources: flows.map((machine) => Stack.of(scope).formatArn({
      service: 'states', resource: 'execution', resourceName: `${machine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })),
    iamAction: 'states:DescribeExecution',
    resultSelector: { 'status.$': '$.Status', 'execution.$': '$' },
    resultPath: '$.described',
  });
  describe.addRetry({ errors: ['Sfn.SfnException', 'Sfn.SdkClientException', 'States.TaskFailed'], maxAttempts: 3, backoffRate: 2 });
  const record = (label: string, error: string | { literal: string }, cause: string | { literal: string }) => new sfn.Pass(scope, `${id}: ${label}`, {
    parameters: {
      'flow.$': '$.flow',
      ...(typeof error === 'string' ? { 'error.$': error } : { error: error.literal }),
      ...(typeof cause === 'string' ? { 'cause.$': cause } : { cause: cause.literal }),
      'executionArn.$': '$.executionArn',
    },
  });
  const present = (path: string) => sfn.Condition.isPresent(path);
  // The start was refused (no child ran): the task's own error, as far as it has one.
  describe.addCatch(new sfn.Choice(scope, `${id}: Has a cause?`)
    .when(present('$.error.Cause'), record('Start failure', '$.error.Error', '$.error.Cause'))
    .otherwise(record('Start failure without cause', '$.error.Error', { literal: 'Step Functions gave no cause' })), {
    errors: ['States.ALL'], resultPath: '$.describeError',
  });
  describe.next(new sfn.Choice(scope, `${id}: Child error?`)
    .when(sfn.Condition.and(present('$.described.execution.Error'), present('$.described.execution.Cause')),
      record('Child failure', '$.described.execution.Error', '$.described.execution.Cause'))
    .when(present('$.described.execution.Error'), record('Child failure without cause', '$.described.execution.Error', '$.described.status'))
    .otherwise(record('Child stopped', { literal: 'FlowStopped' }, "States.Format('The {} flow ended {} without an error', $.flow, $.described.status)")));
  map.itemProcessor(describe);
  return map;
}
