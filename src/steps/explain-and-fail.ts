import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PIPELINE_DETAIL_TYPE, PipelineEventFields, RESOURCE_DETAIL_TYPE, renderFields, ResourceEventFields, StatusEvents } from './status-events';

/** Props of a flow's failure ending. @internal */
export interface ExplainAndFailProps {
  readonly events: StatusEvents;
  /** Where an explanation is kept: `{ error, detail }`, the event's detail holding the cause. */
  readonly resultPath: string;
  /** The name of the report state. */
  readonly reportName: string;
  /**
   * The prefix of the names of its other states: `<prefix>: Failure` adds the common fields, `<prefix>: Fail` fails.
   * @default - the report's name
   */
  readonly namePrefix?: string;
  /** Whether the event is about the pipeline execution rather than one resource. @default false */
  readonly pipeline?: boolean;
  /**
   * Event fields every explanation carries with these same values (JSONPaths, intrinsics or literals): written once,
   * by the ending, rather than by each explanation. An explanation may give one another value; it may not leave
   * one out.
   * @default - the executions' ARNs only
   */
  readonly commonFields?: Record<string, string | boolean>;
  /**
   * Whether the ending returns the failure as its output, `{ failure: { error, cause } }`, instead of failing: for a
   * state machine another one starts and that fails in its place (the poll machine). @default false
   */
  readonly returnFailure?: boolean;
}

/** One way a flow can fail: its error and its event (with its `cause`: an intrinsic or JSONPath whose paths all exist). @internal */
export interface Explanation {
  /** The Fail state's error: a literal (`FilterExpressionMismatch`), a JSONPath or an intrinsic. */
  readonly error: string;
  /** The event's fields, `cause` among them. */
  readonly event: (ResourceEventFields | PipelineEventFields) & { cause: string };
}

/**
 * Explain → publish the event → Fail with that cause: the end of every flow that finds a resource (or a run) in a
 * form it cannot go on with: a conflict, a failure, a timeout. Each way to fail is one Pass (`explain`) that
 * writes the error and what is its own in the event's detail; they all share one Pass that adds the fields they
 * have in common (the resource, the executions), one report that merges both and one Fail state, so every failure
 * publishes its full event and costs the template one small state, not four.
 * @internal
 */
export class ExplainAndFail extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[] = [];
  private readonly common: Record<string, string | boolean>;

  constructor(scope: Construct, id: string, private readonly props: ExplainAndFailProps) {
    super(scope, id);
    const at = props.resultPath;
    this.common = props.commonFields ?? {};
    const contextFields = props.pipeline
      ? props.events.pipelineDetail({} as PipelineEventFields)
      : props.events.resourceDetail({} as ResourceEventFields);
    const prefix = props.namePrefix ?? props.reportName;
    const addCommon = new sfn.Pass(this, `${prefix}: Failure`, {
      parameters: { ...renderFields(this.common), ...contextFields },
      resultPath: `${at}.common`,
    });
    // The explanation's own fields win over the common ones (States.JsonMerge: the second object's keys win).
    const report = props.events.built(this, props.reportName, props.pipeline ? PIPELINE_DETAIL_TYPE : RESOURCE_DETAIL_TYPE,
      `States.JsonMerge(${at}.common, ${at}.detail, false)`);
    addCommon.next(report).next(props.returnFailure
      ? new sfn.Pass(this, `${prefix}: Return`, { parameters: { failure: { 'error.$': `${at}.error`, 'cause.$': `${at}.detail.cause` } } })
      : new sfn.Fail(this, `${prefix}: Fail`, { errorPath: `${at}.error`, causePath: `${at}.detail.cause` }));
    this.startState = addCommon;
  }

  /** The Pass that explains one way to fail, then reports and fails. `name` is its state name. */
  explain(name: string, explanation: Explanation): sfn.Pass {
    const { resultPath } = this.props;
    const missing = Object.keys(this.common).filter((key) => !(key in explanation.event));
    if (missing.length > 0) {
      throw new Error(`explanation ${name} must give the common event fields ${missing.join(', ')}, got: ${Object.keys(explanation.event).join(', ')}`);
    }
    const own = Object.fromEntries(Object.entries(explanation.event).filter(([key, value]) => this.common[key] !== value));
    const isPath = explanation.error.startsWith('$') || /^States\.\w+\(/.test(explanation.error);
    const explain = new sfn.Pass(this, name, {
      parameters: { [isPath ? 'error.$' : 'error']: explanation.error, detail: renderFields(own) },
      resultPath,
    });
    explain.next(this.startState);
    return explain;
  }
}
