import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PIPELINE_DETAIL_TYPE, PipelineEventFields, RESOURCE_DETAIL_TYPE, ResourceEventFields, StatusEvents } from './status-events';

/** Props of a flow's failure ending. @internal */
export interface ExplainAndFailProps {
  readonly events: StatusEvents;
  /** Where an explanation is kept: `{ error, detail }`, the event's detail holding the cause. */
  readonly resultPath: string;
  /** The name of the report state; the Fail state is named after it. */
  readonly reportName: string;
  /** Whether the event is about the pipeline execution rather than one resource. @default false */
  readonly pipeline?: boolean;
}

/** One way a flow can fail: its error and its event (with its `cause`: an intrinsic or JSONPath whose paths all exist). @internal */
export interface Explanation {
  /** The Fail state's error, a literal (`FilterExpressionMismatch`) or a JSONPath. */
  readonly error: string;
  /** The event's fields, `cause` among them. */
  readonly event: (ResourceEventFields | PipelineEventFields) & { cause: string };
}

/**
 * Explain → publish the event → Fail with that cause: the end of every flow that finds a resource (or a run) in a
 * form it cannot go on with: a conflict, a failure, a timeout. Each way to fail is one Pass (`explain`) that
 * writes the error and the event's detail; they all share one report and one Fail state, so every failure
 * publishes its event and costs the template two states, not two per way to fail.
 * @internal
 */
export class ExplainAndFail extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[] = [];
  private readonly report: sfn.State;

  constructor(scope: Construct, id: string, private readonly props: ExplainAndFailProps) {
    super(scope, id);
    const at = props.resultPath;
    this.report = props.events.built(this, props.reportName, props.pipeline ? PIPELINE_DETAIL_TYPE : RESOURCE_DETAIL_TYPE, `${at}.detail`);
    (this.report as sfn.TaskStateBase).next(new sfn.Fail(this, `${props.reportName}: fail`, { errorPath: `${at}.error`, causePath: `${at}.detail.cause` }));
    this.startState = this.report;
  }

  /** The Pass that explains one way to fail, then reports and fails. `name` is its state name. */
  explain(name: string, explanation: Explanation): sfn.Pass {
    const { events, pipeline, resultPath } = this.props;
    const detail = pipeline
      ? events.pipelineDetail(explanation.event as PipelineEventFields)
      : events.resourceDetail(explanation.event as ResourceEventFields);
    const isPath = explanation.error.startsWith('$');
    const explain = new sfn.Pass(this, name, {
      parameters: { [isPath ? 'error.$' : 'error']: explanation.error, detail },
      resultPath,
    });
    explain.next(this.report);
    return explain;
  }
}
