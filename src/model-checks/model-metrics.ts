import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { GATE_METRICS } from './metrics-gate';
import { putMetricData } from '../steps/put-metric-data';

/** Where the training flow keeps what it publishes. */
const SLOT = '$.modelMetrics';

/** Paths of the training flow's state the publication reads. @internal */
export interface ModelMetricsProps {
  /** The namespace (the pipeline's `metricsNamespace`). */
  readonly namespace: string;
  /** JSONPath of the dataset group's ARN. */
  readonly datasetGroupArn: string;
  /** JSONPath of the solution's name. */
  readonly solutionName: string;
  /** JSONPath of GetSolutionMetrics' `Metrics` object. */
  readonly metrics: string;
  /** JSONPath of whether this execution trained the version (a boolean). */
  readonly trainedNow: string;
}

/** What a metric the version does not report is set to before the filter drops it (every metric is a score ≥ 0). */
const ABSENT = -999999;

/**
 * Publishes a solution version's offline metrics as CloudWatch custom metrics, once it is ACTIVE: each metric
 * GetSolutionMetrics returned for its recipe, named as the service names it (`coverage`,
 * `normalized_discounted_cumulative_gain_at_10`, ...), and `ModelTrained` (1: this execution trained the version, 0:
 * it reused one), the figure the stale-model alarm counts; dimensions `DatasetGroup` and `Solution` (names). JSONPath
 * cannot list an object's keys, so the version's metrics are merged over every known name (`GATE_METRICS`) set to a
 * placeholder, one datum is written per name, and a filter keeps those with a real value. Never fails the flow (see
 * putMetricData).
 * @internal
 */
export function publishModelMetrics(scope: Construct, props: ModelMetricsProps, next: sfn.IChainable): sfn.IChainable {
  const prepare = new sfn.Pass(scope, 'Model metrics: prepare', {
    parameters: {
      dimensions: [
        { 'Name': 'DatasetGroup', 'Value.$': `States.ArrayGetItem(States.StringSplit(${props.datasetGroupArn}, '/'), 1)` },
        { 'Name': 'Solution', 'Value.$': props.solutionName },
      ],
      absent: Object.fromEntries(GATE_METRICS.map((m) => [m, ABSENT])),
    },
    resultPath: SLOT,
  });
  const merge = new sfn.Pass(scope, 'Model metrics: merge', {
    parameters: { 'dimensions.$': `${SLOT}.dimensions`, 'values.$': `States.JsonMerge(${SLOT}.absent, ${props.metrics}, false)` },
    resultPath: SLOT,
  });
  const data = new sfn.Pass(scope, 'Model metrics: data', {
    parameters: {
      'dimensions.$': `${SLOT}.dimensions`,
      'data': GATE_METRICS.map((m) => ({ 'MetricName': m, 'Value.$': `${SLOT}.values.${m}`, 'Dimensions.$': `${SLOT}.dimensions` })),
    },
    resultPath: SLOT,
  });
  const trained = putMetricData(scope, 'Model metrics: publish ModelTrained', props.namespace, [{
    'MetricName': 'ModelTrained', 'Value.$': `${SLOT}.trained`, 'Unit': 'Count', 'Dimensions.$': `${SLOT}.dimensions`,
  }], next);
  // Jayway filter: the data of the metrics the version reports.
  const publish = putMetricData(scope, 'Model metrics: publish', props.namespace, `${SLOT}.data[?(@.Value > ${ABSENT})]`, trained);
  const count = (label: string, value: number) => new sfn.Pass(scope, label, { result: sfn.Result.fromNumber(value), resultPath: `${SLOT}.trained` });
  // A version without metrics gives an empty list, which PutMetricData refuses: caught, ModelTrained still goes out.
  prepare.next(merge).next(data).next(new sfn.Choice(scope, 'Model metrics: trained now?')
    .when(sfn.Condition.booleanEquals(props.trainedNow, true), count('Model metrics: trained', 1).next(publish))
    .otherwise(count('Model metrics: reused', 0).next(publish)));
  return prepare;
}
