import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** What a flow does once its independent branches are done. @internal */
export interface EndWithFailuresProps {
  /** JSONPath of the failures collected from every branch (an array of `{ flow, error, cause, executionArn }`). */
  readonly failures: string;
  /** Where the verdict goes: `{ count, error, cause, failures }`. */
  readonly resultPath: string;
  /** What follows when there is no failure. */
  readonly succeeded: sfn.IChainable;
  /** Publishes the failure (reads the verdict at `resultPath`); the Fail state follows it. */
  readonly reportFailure: (scope: Construct) => sfn.IChainable & sfn.INextable;
}

/**
 * Ends a flow whose branches recorded their failures instead of failing: succeeds when there is none;
 * otherwise fails with the one failure's own error and cause, or with `MultipleFailures` and every failure
 * listed in the cause. Every path it reads exists, so the end is always reached.
 * @internal
 */
export function endWithFailures(scope: Construct, id: string, props: EndWithFailuresProps): sfn.IChainable {
  const verdict = props.resultPath;
  const count = new sfn.Pass(scope, `${id}: Count failures`, { parameters: { 'count.$': `States.ArrayLength(${props.failures})` }, resultPath: verdict });
  const one = new sfn.Pass(scope, `${id}: One failure`, {
    parameters: {
      'count': 1, 'error.$': `${props.failures}[0].error`, 'cause.$': `${props.failures}[0].cause`, 'failures.$': props.failures,
    },
    resultPath: verdict,
  });
  const many = new sfn.Pass(scope, `${id}: Several failures`, {
    parameters: {
      'count.$': `${verdict}.count`,
      'error': 'MultipleFailures',
      'cause.$': `States.Format('{} failures: {}', ${verdict}.count, States.JsonToString(${props.failures}))`,
      'failures.$': props.failures,
    },
    resultPath: verdict,
  });
  const report = props.reportFailure(scope);
  one.next(report);
  many.next(report);
  report.next(new sfn.Fail(scope, `${id}: Failed`, { errorPath: `${verdict}.error`, causePath: `${verdict}.cause` }));
  return count.next(new sfn.Choice(scope, `${id}: Any failure?`)
    .when(sfn.Condition.numberEquals(`${verdict}.count`, 0), props.succeeded)
    .when(sfn.Condition.numberEquals(`${verdict}.count`, 1), one)
    .otherwise(many));
}
