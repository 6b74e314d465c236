import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FlowServices } from './flow-services';
import { personalizeCall } from './personalize-call';

/**
 * The metrics a gate may compare: the `GetSolutionMetrics` metrics, higher is better for each (Amazon Personalize
 * developer guide, "Evaluating a solution version with metrics"). The same list as the config's `SolutionMetricName`.
 * JSONPath has no member access by a name read at run time, so the gate picks the metric with one Choice branch each.
 * @internal
 */
export const GATE_METRICS = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5',
  'precision_at_10',
  'precision_at_25',
];

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
}

/**
 * The metrics gate before a campaign moves to another solution version. It applies when the training flow put a gate
 * in the context (`$.context.metricsGate`: `{ rule: { metric, floor? }, newMetrics, solutionVersionArn }`), the
 * campaign moves to that version, and it serves a concrete version now (not `<solution>/$LATEST`). It reads the
 * current version's metrics (GetSolutionMetrics) and passes when the new version's metric is at least the current
 * one's, or at least `floor`; either way it publishes a `METRICS_GATE` event with both metric sets and the verdict.
 * A rejected version, or a metric one of the versions lacks, ends in a Fail state `MetricsGateRejected`: the
 * campaign is left as it is. Only Choice comparisons: JSONPath has no arithmetic on decimals (`States.MathAdd`
 * rounds its arguments to integers: Step Functions developer guide, intrinsic functions).
 * @internal
 */
export class MetricsGate extends sfn.StateMachineFragment {
  readonly startState: sfn.State;
  readonly endStates: sfn.INextable[];

  constructor(scope: Construct, id: string, props: MetricsGateProps) {
    super(scope, id);
    const { services, name, arn, currentVersion, targetVersion } = props;
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

    const passedEvent = services.events.resource(this, 'Metrics gate: report passed', { ...eventFields, verdict: 'PASSED', reason: '$.metricsGate.reason' });
    const passed = (why: string, reason: string) => new sfn.Pass(this, `Metrics gate: passed ${why}`, {
      result: sfn.Result.fromString(reason), resultPath: '$.metricsGate.reason',
    }).next(passedEvent);

    const rejectedEvent = services.events.resource(this, 'Metrics gate: report rejected', {
      ...eventFields, verdict: 'REJECTED', cause: '$.metricsGate.rejection.cause',
    });
    rejectedEvent.next(new sfn.Fail(this, 'Metrics gate: rejected', { error: 'MetricsGateRejected', causePath: '$.metricsGate.rejection.cause' }));
    const reject = (why: string, cause: string) => new sfn.Pass(this, `Metrics gate: explain ${why}`, {
      parameters: { 'cause.$': cause }, resultPath: '$.metricsGate.rejection',
    }).next(rejectedEvent);
    const stays = 'campaign {} stays on {}';
    const belowCurrent = reject('worse version',
      `States.Format('Metrics gate rejected solution version {}: its {} is {}, below {} of the version it would replace; ${stays}', ${targetVersion}, ${metric}, $.metricsGate.values.new, $.metricsGate.values.current, ${name}, ${currentVersion})`);
    const belowFloor = reject('version below the floor',
      `States.Format('Metrics gate rejected solution version {}: its {} is {}, below {} of the version it would replace and below the floor {}; ${stays}', ${targetVersion}, ${metric}, $.metricsGate.values.new, $.metricsGate.values.current, ${floor}, ${name}, ${currentVersion})`);
    const missing = reject('missing metric',
      `States.Format('Metrics gate rejected solution version {}: the metric {} is not among the metrics of both versions (new: {}; current {}: {}); ${stays}', ${targetVersion}, ${metric}, States.JsonToString(${gate}.newMetrics), ${currentVersion}, States.JsonToString($.metricsGate.metrics), ${name}, ${currentVersion})`);

    const values = '$.metricsGate.values';
    const verdict = new sfn.Choice(this, 'Metrics gate: at least the current version?')
      .when(sfn.Condition.numberGreaterThanEqualsJsonPath(`${values}.new`, `${values}.current`), passed('as good', 'NOT_WORSE_THAN_CURRENT'))
      .when(sfn.Condition.isPresent(floor), new sfn.Choice(this, 'Metrics gate: at least the floor?')
        .when(sfn.Condition.numberGreaterThanEqualsJsonPath(`${values}.new`, floor), passed('the floor', 'AT_LEAST_FLOOR'))
        .otherwise(belowFloor))
      .otherwise(belowCurrent);
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
    this.endStates = [notApplied, passedEvent];
  }
}
