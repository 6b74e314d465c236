import { MetricStore, Series } from './metric-store';

/** The state an alarm would be in. */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

/** What the evaluation saw, for messages. */
export interface AlarmEvaluation {
  readonly state: AlarmState;
  /** One entry per evaluated period, oldest first: its value, or undefined when it had no datapoint. */
  readonly values: Array<number | undefined>;
  /** How many of them breach (missing data counted as TreatMissingData says). */
  readonly breaching: number;
}

/**
 * A model of how CloudWatch evaluates a metric alarm, over the stand-in's datapoints, for the tests that feed an alarm
 * its metric. It is a model, not CloudWatch: sources, one line each:
 * - CloudWatch user guide, "Evaluating an alarm": the last `EvaluationPeriods` periods of `Period` are evaluated; the
 *   alarm goes to ALARM when at least `DatapointsToAlarm` (default `EvaluationPeriods`) of them breach.
 * - Same page, "Configuring how CloudWatch alarms treat missing data": `breaching`, `notBreaching`, `ignore` and
 *   `missing` (the default); with every period missing and `missing`/`ignore`, the state is INSUFFICIENT_DATA (the
 *   model does not keep the previous state).
 * - PutMetricAlarm: a single metric (`MetricName`, `Namespace`, `Dimensions`, `Statistic`, `Period`) or `Metrics`
 *   (metric data queries, one with `ReturnData` true), `ComparisonOperator` and `Threshold`.
 * `properties` are those of an `AWS::CloudWatch::Alarm` of a synthesized template, resolved (`TemplateResolver`).
 */
export function evaluateAlarm(properties: any, store: MetricStore, at: Date | number): AlarmEvaluation {
  const periods = Number(properties.EvaluationPeriods);
  const toAlarm = Number(properties.DatapointsToAlarm ?? periods);
  const period = Number(properties.Period ?? properties.Metrics?.find((m: any) => m.MetricStat)?.MetricStat.Period);
  const step = period * 1000;
  const end = Math.floor(new Date(at).getTime() / step) * step;
  const start = end - periods * step;
  const series = seriesOf(properties, store, start, end);
  const byTime = new Map(series.timestamps.map((t, i) => [t, series.values[i]]));
  const values = Array.from({ length: periods }, (_, i) => byTime.get(start + i * step));
  const treat = String(properties.TreatMissingData ?? 'missing');
  let breaching = 0;
  for (const value of values) {
    if (value === undefined) breaching += treat === 'breaching' ? 1 : 0;
    else if (breaches(String(properties.ComparisonOperator), value, Number(properties.Threshold))) breaching++;
  }
  const allMissing = values.every((v) => v === undefined);
  const state: AlarmState = breaching >= toAlarm ? 'ALARM' : allMissing && (treat === 'missing' || treat === 'ignore') ? 'INSUFFICIENT_DATA' : 'OK';
  return { state, values, breaching };
}

function seriesOf(properties: any, store: MetricStore, start: number, end: number): Series {
  if (properties.Metrics) {
    const request = { StartTime: new Date(start).toISOString(), EndTime: new Date(end).toISOString(), MetricDataQueries: properties.Metrics, ScanBy: 'TimestampAscending' };
    const [result] = store.getMetricData(request).MetricDataResults;
    return { timestamps: result.Timestamps.map((t: string) => new Date(t).getTime()), values: result.Values };
  }
  return store.stat({
    Metric: { Namespace: properties.Namespace, MetricName: properties.MetricName, Dimensions: properties.Dimensions },
    Period: properties.Period,
    Stat: properties.Statistic ?? properties.ExtendedStatistic,
  }, start, end);
}

function breaches(operator: string, value: number, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold': return value >= threshold;
    case 'GreaterThanThreshold': return value > threshold;
    case 'LessThanThreshold': return value < threshold;
    case 'LessThanOrEqualToThreshold': return value <= threshold;
    default: throw new Error(`The model evaluates static thresholds only, got ${operator}`);
  }
}
