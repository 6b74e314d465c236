import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { StatusEvents } from './status-events';

/** How a flow stops on a resource it cannot go on with. @internal */
export interface ExplainAndFailProps {
  readonly events: StatusEvents;
  /** An intrinsic (`States.Format(...)`) or JSONPath that gives the cause; every path it reads must exist. */
  readonly cause: string;
  /** Where the cause is kept (`<resultPath>.cause`). */
  readonly resultPath: string;
  /** The resource event's fields (its `cause` is added). */
  readonly event: { kind: string; name: string; arn: string; status: string; created: string | boolean; [key: string]: string | boolean };
  /** The Fail state's error, e.g. `FilterExpressionMismatch`. */
  readonly error: string;
}

/**
 * Explain → publish the resource event → Fail with that cause: the end of every flow that finds a resource in a
 * form it cannot go on with (a conflict, a timeout). Returns the first state.
 * @internal
 */
export function explainAndFail(scope: Construct, id: string, props: ExplainAndFailProps): sfn.Pass {
  const explain = new sfn.Pass(scope, `Explain ${id}`, { parameters: { 'cause.$': props.cause }, resultPath: props.resultPath });
  explain
    .next(props.events.resource(scope, `Report ${id}`, { ...props.event, cause: `${props.resultPath}.cause` }))
    .next(new sfn.Fail(scope, `Stop: ${id}`, { error: props.error, causePath: `${props.resultPath}.cause` }));
  return explain;
}
