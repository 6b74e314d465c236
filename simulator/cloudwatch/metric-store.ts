/**
 * An in-memory stand-in for the two CloudWatch calls the pipeline's state machines make, `PutMetricData` and
 * `GetMetricData`, as `arn:aws:states:::aws-sdk:cloudwatch:<action>` tasks see them (PascalCase members, as Step
 * Functions' SDK integrations take them). Tests feed it the datapoints the service would hold (`feed`), e.g. the
 * `AWS/Personalize` request counts of a campaign. Sources, one line each:
 * - PutMetricData: CloudWatch API reference, PutMetricData (at most 1,000 MetricData; a namespace must not start with
 *   `AWS/`; Value or Values, not both) and MetricDatum (Timestamp defaults to the time the data is received).
 * - GetMetricData: CloudWatch API reference, GetMetricData (at most 500 queries; each an Id that starts with a lower-case
 *   letter; ScanBy defaults to TimestampDescending; StatusCode Complete) and MetricDataQuery (MetricStat or Expression).
 * - Statistics and periods: CloudWatch user guide, "Statistics" (Sum, Average, Minimum, Maximum, SampleCount);
 *   datapoints are aggregated per period, the period boundaries counted from the epoch (a model: the service aligns
 *   periods of 60 s and more this way for data of that age).
 * - Expressions: CloudWatch user guide, "Using metric math": `+ - * /` between series and scalars (a series with a
 *   series: at the timestamps both have), `FILL(series, value)` (every period of the range that has no datapoint
 *   gets the value; `REPEAT` the last value before it), `DIFF(series)` (each value less the one before it). Only this
 *   subset is modelled.
 */

/** A dimension, as the SDK integrations take it. */
export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

/** A metric: namespace, name and dimensions. */
export interface MetricId {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Record<string, string>;
}

/** One datapoint as stored. */
export interface StoredDatapoint extends MetricId {
  readonly dimensions: Record<string, string>;
  /** ms since epoch. */
  readonly timestamp: number;
  readonly value: number;
  readonly unit?: string;
}

/** A time series: timestamps (ms, ascending) and their values. */
export interface Series {
  readonly timestamps: number[];
  readonly values: number[];
}

/** An error as a Step Functions SDK integration names it: `CloudWatch.<Name>`. */
export class CloudWatchError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = `CloudWatch.${code}`;
  }
}

const STATISTICS = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

/** The stand-in. */
export class MetricStore {
  /** Every datapoint, fed or put, in arrival order. */
  readonly datapoints: StoredDatapoint[] = [];
  /** Every PutMetricData request, as received. */
  readonly putRequests: any[] = [];
  /** Every GetMetricData request, as received. */
  readonly getRequests: any[] = [];

  /** `clock` gives "now" for a datum without Timestamp. */
  constructor(private readonly clock: () => number = () => Date.UTC(2026, 0, 1)) {}

  /** Adds datapoints of one metric, as the service (or another publisher) would have put them. */
  feed(metric: MetricId, points: Array<{ at: Date | number; value: number }>): void {
    for (const point of points) {
      this.datapoints.push({ ...metric, dimensions: metric.dimensions ?? {}, timestamp: new Date(point.at).getTime(), value: point.value });
    }
  }

  /** Feeds `value` in every period of `periodSeconds` from `from` (inclusive) to `to` (exclusive). */
  feedEvery(metric: MetricId, from: Date | number, to: Date | number, periodSeconds: number, value: (at: number) => number): void {
    const step = periodSeconds * 1000;
    const points = [];
    for (let at = new Date(from).getTime(); at < new Date(to).getTime(); at += step) points.push({ at, value: value(at) });
    this.feed(metric, points);
  }

  /** The datapoints of a metric (any dimensions when `dimensions` is absent). */
  pointsOf(metric: MetricId): StoredDatapoint[] {
    return this.datapoints.filter((p) => p.namespace === metric.namespace && p.metricName === metric.metricName
      && (!metric.dimensions || sameDimensions(p.dimensions, metric.dimensions)));
  }

  /** `aws-sdk:cloudwatch:putMetricData`. */
  putMetricData(request: any): Record<string, never> {
    this.putRequests.push(request);
    const namespace = String(request?.Namespace ?? '');
    if (!namespace) throw new CloudWatchError('MissingRequiredParameterException', 'Namespace is required');
    if (namespace.startsWith('AWS/')) throw new CloudWatchError('InvalidParameterValueException', `The namespace ${namespace} is reserved for AWS services`);
    const data: any[] = request.MetricData ?? [];
    if (data.length === 0 || data.length > 1000) throw new CloudWatchError('InvalidParameterValueException', `MetricData must hold 1 to 1000 items, got ${data.length}`);
    for (const datum of data) {
      if (!datum.MetricName) throw new CloudWatchError('MissingRequiredParameterException', 'MetricData.member.MetricName is required');
      if (datum.Value !== undefined && datum.Values !== undefined) throw new CloudWatchError('InvalidParameterCombinationException', 'Value and Values must not both be given');
      const values: number[] = datum.Values ?? [datum.Value];
      for (const value of values) {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new CloudWatchError('InvalidParameterValueException', `The value ${value} of ${datum.MetricName} is not a number`);
        this.datapoints.push({
          namespace,
          metricName: datum.MetricName,
          dimensions: dimensionsOf(datum.Dimensions),
          timestamp: datum.Timestamp !== undefined ? new Date(datum.Timestamp).getTime() : this.clock(),
          value,
          unit: datum.Unit,
        });
      }
    }
    return {};
  }

  /** `aws-sdk:cloudwatch:getMetricData`. */
  getMetricData(request: any): { MetricDataResults: any[]; Messages: any[] } {
    this.getRequests.push(request);
    const start = new Date(request?.StartTime).getTime();
    const end = new Date(request?.EndTime).getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
      throw new CloudWatchError('InvalidParameterValueException', `StartTime must be before EndTime, got ${request?.StartTime} and ${request?.EndTime}`);
    }
    const queries: any[] = request.MetricDataQueries ?? [];
    if (queries.length === 0 || queries.length > 500) throw new CloudWatchError('InvalidParameterValueException', `MetricDataQueries must hold 1 to 500 queries, got ${queries.length}`);
    const computed = new Map<string, Series>();
    const byId = new Map(queries.map((q) => [q.Id, q]));
    const seriesOf = (id: string): Series => {
      const known = computed.get(id);
      if (known) return known;
      const query = byId.get(id);
      if (!query) throw new CloudWatchError('InvalidParameterValueException', `No query with Id ${id}`);
      const series = query.MetricStat
        ? this.stat(query.MetricStat, start, end)
        : this.expression(String(query.Expression), start, end, seriesOf, periodOf(queries));
      computed.set(id, series);
      return series;
    };
    const descending = (request.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const results = queries.filter((q) => {
      if (!/^[a-z][A-Za-z0-9_]*$/.test(String(q.Id))) throw new CloudWatchError('InvalidParameterValueException', `The Id ${q.Id} must start with a lower-case letter`);
      return q.ReturnData !== false;
    }).map((q) => {
      const series = seriesOf(q.Id);
      const order = series.timestamps.map((_, i) => i);
      if (descending) order.reverse();
      return {
        Id: q.Id,
        Label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? q.Id,
        Timestamps: order.map((i) => new Date(series.timestamps[i]).toISOString()),
        Values: order.map((i) => series.values[i]),
        StatusCode: 'Complete',
      };
    });
    return { MetricDataResults: results, Messages: [] };
  }

  /** One metric's datapoints in [start, end), aggregated per period by a statistic. */
  stat(metricStat: any, start: number, end: number): Series {
    const metric = metricStat.Metric ?? {};
    const period = Number(metricStat.Period);
    const statistic = String(metricStat.Stat);
    if (!STATISTICS.includes(statistic)) throw new CloudWatchError('InvalidParameterValueException', `The stand-in models ${STATISTICS.join(', ')}, got ${statistic}`);
    if (!Number.isInteger(period) || period < 1) throw new CloudWatchError('InvalidParameterValueException', `Period must be a positive integer, got ${metricStat.Period}`);
    const step = period * 1000;
    const buckets = new Map<number, number[]>();
    for (const point of this.pointsOf({ namespace: metric.Namespace, metricName: metric.MetricName, dimensions: dimensionsOf(metric.Dimensions) })) {
      if (point.timestamp < start || point.timestamp >= end) continue;
      const bucket = Math.floor(point.timestamp / step) * step;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
    }
    const timestamps = [...buckets.keys()].sort((a, b) => a - b);
    return { timestamps, values: timestamps.map((t) => aggregate(statistic, buckets.get(t)!)) };
  }

  private expression(text: string, start: number, end: number, seriesOf: (id: string) => Series, period: number): Series {
    const value = new ExpressionParser(text, { start, end, period: period * 1000, seriesOf }).parse();
    if (typeof value === 'number') throw new CloudWatchError('InvalidParameterValueException', `The expression ${text} must return a time series`);
    return value;
  }
}

function aggregate(statistic: string, values: number[]): number {
  switch (statistic) {
    case 'Sum': return values.reduce((a, b) => a + b, 0);
    case 'Average': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum': return Math.min(...values);
    case 'Maximum': return Math.max(...values);
    default: return values.length;
  }
}

function dimensionsOf(dimensions: Dimension[] | undefined): Record<string, string> {
  return Object.fromEntries((dimensions ?? []).map((d) => [d.Name, d.Value]));
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The period of the metric queries (an expression's series take it; the stand-in takes the first one's). */
function periodOf(queries: any[]): number {
  return Number(queries.find((q) => q.MetricStat)?.MetricStat.Period ?? 60);
}

type Value = number | Series;

interface ExpressionScope {
  readonly start: number;
  readonly end: number;
  /** ms. */
  readonly period: number;
  readonly seriesOf: (id: string) => Series;
}

/** A recursive-descent parser of the modelled metric math subset. */
class ExpressionParser {
  private readonly tokens: string[];
  private position = 0;

  constructor(private readonly text: string, private readonly scope: ExpressionScope) {
    this.tokens = text.match(/\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),]/g) ?? [];
  }

  parse(): Value {
    const value = this.sum();
    if (this.position !== this.tokens.length) throw this.error(`unexpected ${this.tokens[this.position]}`);
    return value;
  }

  private sum(): Value {
    let left = this.product();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.tokens[this.position++];
      left = combine(left, this.product(), op === '+' ? (a, b) => a + b : (a, b) => a - b);
    }
    return left;
  }

  private product(): Value {
    let left = this.unary();
    while (this.peek() === '*' || this.peek() === '/') {
      const op = this.tokens[this.position++];
      left = combine(left, this.unary(), op === '*' ? (a, b) => a * b : (a, b) => a / b);
    }
    return left;
  }

  private unary(): Value {
    if (this.peek() === '-') {
      this.position++;
      return combine(-1, this.unary(), (a, b) => a * b);
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.tokens[this.position++];
    if (token === undefined) throw this.error('unexpected end');
    if (token === '(') {
      const value = this.sum();
      this.expect(')');
      return value;
    }
    if (/^\d/.test(token)) return Number(token);
    if (this.peek() === '(') {
      this.position++;
      const args: Array<Value | 'REPEAT'> = [];
      while (this.peek() !== ')') {
        args.push(this.peek() === 'REPEAT' ? (this.position++, 'REPEAT') : this.sum());
        if (this.peek() === ',') this.position++;
      }
      this.expect(')');
      return this.call(token, args);
    }
    return this.scope.seriesOf(token);
  }

  private call(name: string, args: Array<Value | 'REPEAT'>): Value {
    const series = args[0];
    if (typeof series !== 'object') throw this.error(`${name} takes a time series first`);
    switch (name) {
      case 'FILL': return fill(series, args[1] ?? 0, this.scope);
      case 'DIFF': return { timestamps: series.timestamps.slice(1), values: series.values.slice(1).map((v, i) => v - series.values[i]) };
      default: throw this.error(`the function ${name} is not modelled`);
    }
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private expect(token: string): void {
    if (this.tokens[this.position++] !== token) throw this.error(`expected ${token}`);
  }

  private error(message: string): CloudWatchError {
    return new CloudWatchError('InvalidParameterValueException', `Expression ${this.text}: ${message}`);
  }
}

function combine(left: Value, right: Value, op: (a: number, b: number) => number): Value {
  if (typeof left === 'number' && typeof right === 'number') return op(left, right);
  if (typeof left === 'number') return { timestamps: (right as Series).timestamps, values: (right as Series).values.map((v) => op(left, v)) };
  if (typeof right === 'number') return { timestamps: left.timestamps, values: left.values.map((v) => op(v, right)) };
  const other = new Map(right.timestamps.map((t, i) => [t, right.values[i]]));
  const timestamps = left.timestamps.filter((t) => other.has(t));
  const mine = new Map(left.timestamps.map((t, i) => [t, left.values[i]]));
  return { timestamps, values: timestamps.map((t) => op(mine.get(t)!, other.get(t)!)) };
}

function fill(series: Series, value: Value | 'REPEAT', scope: ExpressionScope): Series {
  const known = new Map(series.timestamps.map((t, i) => [t, series.values[i]]));
  const timestamps: number[] = [];
  const values: number[] = [];
  let last: number | undefined;
  for (let at = Math.floor(scope.start / scope.period) * scope.period; at < scope.end; at += scope.period) {
    const here = known.get(at);
    if (here !== undefined) last = here;
    const filled = here ?? (value === 'REPEAT' ? last : typeof value === 'number' ? value : undefined);
    if (filled === undefined) continue;
    timestamps.push(at);
    values.push(filled);
  }
  return { timestamps, values };
}
