import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { SOLUTION_METRICS } from '../contract/solution-metrics';
import { FlowServices } from '../steps/flow-services';
import { personalizeCall } from '../steps/personalize-call';
import { putMetricData } from '../steps/put-metric-data';

/**
 * The metrics a gate may compare: the `GetSolutionMetrics` metrics, higher is better for each (Amazon Personalize
 * developer guide, "Evaluating a solution version with metrics"): the eight ranking metrics of item recipes, those
 * of an optimization objective and an events configuration, Trending-Now's, USER_SEGMENTATION's and
 * Next-Best-Action's. Which ones a version reports depends on its recipe; the validator refuses a gate on a metric
 * the solution's recipe does not report (lambda/shared/config/recipe-metrics.ts). The same list as the config's
 * `SolutionMetricName`. JSONPath has no member access by a name read at run time, so the gate picks the metric with
 * one Choice branch and one Pass state each.
 * @internal
 */
export const GATE_METRICS: readonly string[] = SOLUTION_METRICS;

/** Props of the metrics gate. @internal */
export interface MetricsGateProps {
  readonly services: FlowServices;
  /** JSONPath of the campaign's name. */
  readonly name: string;
  /** JSONPath of the campaign's ARN. */
  readonly arn: string;
  /** JSONPath of the version the campaign serves now (DescribeCampaign `Campaign.SolutionVersionArn`). */
  readonly currentVersion: string;
  /** JSONPath of the version the campaign is about to move to. */
  readonly targetVersion: string;
  /**
   * JSONPath of the pre-flight check's threshold for the campaign, `{ solutionVersionArn, value, current }`: the
   * metric of the version the campaign served then, less the gate's margin (planner/metrics-gate-threshold.ts).
   * @default '$.item.metricsGateThreshold' (the campaign item of the resolved plan; absent when the check set none)
   */
  readonly threshold?: string;
}

/**
 * The metrics gate before a campaign moves to another solution version. It applies when the training flow put a gate
 * in the context (`$.context.metricsGate`: `{ rule: { metric, margin?, floor? }, newMetrics, solutionVersionArn }`),
 * the campaign moves to that version, and it serves a concrete version now (not `<solution>/$LATEST`). It reads the
 * current version's metrics (GetSolutionMetrics). While the campaign serves the version the pre-flight check measured,
 * it passes when the new version's metric is at least the check's threshold (that version's metric less the margin);
 * when the campaign moved since (or the check set no threshold), when the metric is at least the current version's
 * (margin 0, said in the reason); either way also when it is at least `floor`. It publishes a `METRICS_GATE` event
 * with both metric sets and the verdict. A rejected version, or a metric one of the versions lacks, ends in a Fail
 * state `MetricsGateRejected`: the campaign is left as it is. Only Choice comparisons: JSONPath has no arithmetic on
 * decimals (`States.MathAdd` rounds its arguments to integers: Step Functions developer guide, intrinsic
 * functions), hence the threshold computed before the run.
 * @internal
 */
export class MetricsGate extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: MetricsGateProps) {
    super(scope, id);
    const { services, name, arn, currentVersion, targetVersion } = props;
    const threshold = props.threshold ?? '$.item.metricsGateThreshold';
    const gate = '$.context.metricsGate';
    const rule = `${gate}.rule`;
    const metric = `${rule}.metric`;
    const floor = `${rule}.floor`;
    const notApplied = new sfn.Pass(this, 'Metrics gate: not applied');

    const readCurrent = personalizeCall(this, 'Metrics gate: current version metrics', {
      action: 'getSolutionMetrics',
      parameters: { SolutionVersionArn: sfn.JsonPath.stringAt(currentVersion) },
      arnType: 'solution',
      resultSelector: { 'versionArn.$': '$.SolutionVersionArn', 'metrics.$': '$.Metrics' },
      resultPath: '$.metricsGate',
    });
    const eventFields = {
      kind: 'CAMPAIGN',
      name,
      arn,
      status: 'METRICS_GATE',
      rule,
      solutionVersionArn: targetVersion,
      metrics: `${gate}.newMetrics`,
      currentSolutionVersionArn: '$.metricsGate.versionArn',
      currentMetrics: '$.metricsGate.metrics',
    };

    const values = '$.metricsGate.values';
    const newValue = `${values}.new`;
    const currentValue = `${values}.current`;
    const note = '$.metricsGate.note.text';

    const passedEvent = services.events.resource(this, 'Metrics gate: report passed', { ...eventFields, verdict: 'PASSED', reason: '$.metricsGate.verdict.reason' });
    const passed = (why: string, reason: string) => new sfn.Pass(this, `Metrics gate: passed ${why}`, {
      parameters: { reason }, resultPath: '$.metricsGate.verdict',
    }).next(passedEvent);
    // Passed without the margin: the reason says why, after the code.
    const passedMarginZero = (why: string, reason: string) => new sfn.Pass(this, `Metrics gate: passed ${why}, margin 0`, {
      parameters: { 'reason.$': `States.Format('${reason}, {}', ${note})` }, resultPath: '$.metricsGate.verdict',
    }).next(passedEvent);

    const rejectedEvent = services.events.resource(this, 'Metrics gate: report rejected', {
      ...eventFields, verdict: 'REJECTED', cause: '$.metricsGate.rejection.cause',
    });
    const rejectedFail = new sfn.Fail(this, 'Metrics gate: rejected', { error: 'MetricsGateRejected', causePath: '$.metricsGate.rejection.cause' });
    // The verdict as a metric too (`MetricsGateRejected`, 1 or 0), when the pipeline publishes metrics.
    const namespace = services.metricsNamespace;
    const verdictMetric = (stateId: string, rejectedValue: number, next: sfn.IChainable) => (namespace ? putMetricData(this, stateId, namespace, [{
      MetricName: 'MetricsGateRejected',
      Value: rejectedValue,
      Unit: 'Count',
      Dimensions: [
        { 'Name': 'DatasetGroup', 'Value.$': 'States.ArrayGetItem(States.StringSplit($.context.datasetGroupArn, \'/\'), 1)' },
        { 'Name': 'Solution', 'Value.$': '$.context.solutionName' },
        { 'Name': 'Campaign', 'Value.$': name },
      ],
    }], next) : next);
    rejectedEvent.next(verdictMetric('Metrics gate: publish rejection', 1, rejectedFail));
    const reject = (why: string, cause: string) => new sfn.Pass(this, `Metrics gate: explain ${why}`, {
      parameters: { 'cause.$': cause }, resultPath: '$.metricsGate.rejection',
    }).next(rejectedEvent);
    const rejected = 'Metrics gate rejected solution version {}: its {} is {}, below';
    const stays = 'campaign {} stays on {}';
    const bar = 'the threshold {} the pre-flight check set ({} of the version it would replace, less the margin)';
    const belowThreshold = reject('version below the threshold',
      `States.Format('${rejected} ${bar}; ${stays}', ${targetVersion}, ${metric}, ${newValue}, ${threshold}.value, ${currentValue}, ${name}, ${currentVersion})`);
    const belowThresholdAndFloor = reject('version below the threshold and the floor',
      `States.Format('${rejected} ${bar}, and below the floor {}; ${stays}', ${targetVersion}, ${metric}, ${newValue}, ${threshold}.value, ${currentValue}, ${floor}, ${name}, ${currentVersion})`);
    const belowCurrent = reject('worse version',
      `States.Format('${rejected} {} of the version it would replace ({}); ${stays}', ${targetVersion}, ${metric}, ${newValue}, ${currentValue}, ${note}, ${name}, ${currentVersion})`);
    const belowFloor = reject('version below the floor',
      `States.Format('${rejected} {} of the version it would replace ({}), and below the floor {}; ${stays}', ${targetVersion}, ${metric}, ${newValue}, ${currentValue}, ${note}, ${floor}, ${name}, ${currentVersion})`);
    const missing = reject('missing metric',
      `States.Format('Metrics gate rejected solution version {}: the metric {} is not among the metrics of both versions (new: {}; current {}: {}); ${stays}', ${targetVersion}, ${metric}, States.JsonToString(${gate}.newMetrics), ${currentVersion}, States.JsonToString($.metricsGate.metrics), ${name}, ${currentVersion})`);

    // The campaign serves the version the pre-flight check measured: the threshold holds the margin.
    const withMargin = new sfn.Choice(this, 'Metrics gate: at least the threshold?')
      .when(sfn.Condition.numberGreaterThanEqualsJsonPath(newValue, currentValue), passed('as good', 'NOT_WORSE_THAN_CURRENT'))
      .when(sfn.Condition.numberGreaterThanEqualsJsonPath(newValue, `${threshold}.value`), passed('within the margin', 'WITHIN_MARGIN'))
      .when(sfn.Condition.isPresent(floor), new sfn.Choice(this, 'Metrics gate: at least the floor?')
        .when(sfn.Condition.numberGreaterThanEqualsJsonPath(newValue, floor), passed('the floor', 'AT_LEAST_FLOOR'))
        .otherwise(belowThresholdAndFloor))
      .otherwise(belowThreshold);
    // It serves another version (or the check measured none): compared with that version's metric as it is, the
    // stricter reading, since no margin can be subtracted here.
    const marginZero = new sfn.Choice(this, 'Metrics gate: at least the version served now?')
      .when(sfn.Condition.numberGreaterThanEqualsJsonPath(newValue, currentValue), passedMarginZero('as good', 'NOT_WORSE_THAN_CURRENT'))
      .when(sfn.Condition.isPresent(floor), new sfn.Choice(this, 'Metrics gate: at least the floor, margin 0?')
        .when(sfn.Condition.numberGreaterThanEqualsJsonPath(newValue, floor), passedMarginZero('the floor', 'AT_LEAST_FLOOR'))
        .otherwise(belowFloor))
      .otherwise(belowCurrent);
    const explain = (why: string, text: string) => new sfn.Pass(this, `Metrics gate: margin 0, ${why}`, {
      parameters: { [text.startsWith('States.') ? 'text.$' : 'text']: text }, resultPath: '$.metricsGate.note',
    }).next(marginZero);
    const noThreshold = explain('no threshold', 'margin 0: the pre-flight check set no threshold for this campaign');
    const moved = explain('campaign moved', `States.Format('margin 0: campaign {} moved from version {} to {} after the pre-flight check', ${name}, ${threshold}.solutionVersionArn, ${currentVersion})`);
    // Nested: no comparison reads a field the pre-flight check left out.
    const verdict = new sfn.Choice(this, 'Metrics gate: threshold for the version served?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${threshold}.solutionVersionArn`)), noThreshold)
      .when(sfn.Condition.not(sfn.Condition.isPresent(`${threshold}.value`)), noThreshold)
      .otherwise(new sfn.Choice(this, 'Metrics gate: threshold usable?')
        .when(sfn.Condition.not(sfn.Condition.isString(`${threshold}.solutionVersionArn`)), noThreshold)
        .when(sfn.Condition.not(sfn.Condition.isNumeric(`${threshold}.value`)), noThreshold)
        .when(sfn.Condition.stringEqualsJsonPath(currentVersion, `${threshold}.solutionVersionArn`), withMargin)
        .otherwise(moved));

    const pick = new sfn.Choice(this, 'Metrics gate: which metric?');
    for (const m of GATE_METRICS) {
      pick.when(
        sfn.Condition.and(
          sfn.Condition.stringEquals(metric, m),
          sfn.Condition.isPresent(`${gate}.newMetrics.${m}`),
          sfn.Condition.isPresent(`$.metricsGate.metrics.${m}`),
        ),
        new sfn.Pass(this, `Metrics gate: read ${m}`, {
          parameters: { 'new.$': `${gate}.newMetrics.${m}`, 'current.$': `$.metricsGate.metrics.${m}` },
          resultPath: values,
        }).next(verdict));
    }
    pick.otherwise(missing);
    readCurrent.next(pick);

    // Nested: no comparison reads a field the context or the service left out.
    this.startState = new sfn.Choice(this, 'Metrics gate configured?')
      .when(sfn.Condition.not(sfn.Condition.isPresent(gate)), notApplied)
      .otherwise(new sfn.Choice(this, 'Metrics gate: moving to the trained version?')
        .when(sfn.Condition.not(sfn.Condition.isPresent(currentVersion)), notApplied)
        .when(sfn.Condition.not(sfn.Condition.stringEqualsJsonPath(targetVersion, `${gate}.solutionVersionArn`)), notApplied)
        // A campaign that followed $LATEST has no one version to compare with.
        .when(sfn.Condition.stringMatches(currentVersion, '*/$LATEST'), notApplied)
        .otherwise(readCurrent));
    if (namespace) {
      const published = new sfn.Pass(this, 'Metrics gate: passed, published');
      passedEvent.next(verdictMetric('Metrics gate: publish pass', 0, published));
      this.endStates = [notApplied, published];
    } else {
      this.endStates = [notApplied, passedEvent];
    }
  }
}
