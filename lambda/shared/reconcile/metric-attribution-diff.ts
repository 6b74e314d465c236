import { ResourceDiff } from './resource-diff';
import { isStatusIn } from '../../../src/kinds/status-spellings';
import type { MetricAttribute, MetricAttributionOutput, MetricAttributionServiceConfig } from '../config/pipeline-config';

/** A metric attribution as DescribeMetricAttribution and ListMetricAttributionMetrics show it. */
export interface MetricAttributionState {
  readonly status?: string;
  readonly metricsOutputConfig?: { roleArn?: string; s3DataDestination?: { path?: string; kmsKeyArn?: string } };
  readonly metrics?: ReadonlyArray<{ eventType?: string; expression?: string; metricName?: string }>;
}

/** An object's members as the config has them (members it leaves out not compared: the service may fill some in). */
function outputDiffers(configured: MetricAttributionOutput, current: MetricAttributionState['metricsOutputConfig'] = {}): boolean {
  if (configured.roleArn !== current.roleArn) return true;
  const want = configured.s3DataDestination;
  const have = current.s3DataDestination;
  if (!want) return have?.path !== undefined;
  return want.path !== have?.path || (want.kmsKeyArn !== undefined && want.kmsKeyArn !== have?.kmsKeyArn);
}

const same = (a: { eventType?: string; expression?: string }, b: { eventType?: string; expression?: string }) =>
  a.eventType === b.eventType && String(a.expression).replace(/\s+/g, '').toUpperCase() === String(b.expression).replace(/\s+/g, '').toUpperCase();

/**
 * What UpdateMetricAttribution (API reference: `addMetrics`, `removeMetrics` by metric name, `metricsOutputConfig`)
 * must do for the metric attribution to be the configured one: metrics the config has and the attribution lacks are
 * added; metrics it has that the config does not are removed; a metric whose name stays but whose event type or
 * expression changed is removed and added again in the same call. Expressions compare without letter case or spaces
 * (`SUM(Items.PRICE)` and `sum( items.price )` are one expression). An attribution that is not ACTIVE nor failed is
 * being created or updated: waited for, not updated.
 */
export function metricAttributionDiff(configured: MetricAttributionServiceConfig, current: MetricAttributionState): ResourceDiff {
  const underWay = current.status !== undefined && !isStatusIn(current.status, ['ACTIVE', 'CREATE FAILED', 'UPDATE FAILED']);
  if (underWay) return { changes: [], refused: [], updateUnderWay: true };
  const have = current.metrics ?? [];
  const want: readonly MetricAttribute[] = configured.metrics ?? [];
  const byName = new Map(have.map((m) => [m.metricName, m]));
  const add = want.filter((m) => { const old = byName.get(m.metricName); return !old || !same(old, m); });
  const wanted = new Map(want.map((m) => [m.metricName, m]));
  const remove = have
    .filter((m) => { const next = wanted.get(String(m.metricName)); return !next || !same(m, next); })
    .map((m) => String(m.metricName));
  const changes: ResourceDiff['changes'] = [];
  for (const m of add) {
    const old = byName.get(m.metricName);
    const from = old ? { eventType: old.eventType, expression: old.expression } : null;
    changes.push({ field: `metrics.${m.metricName}`, from, to: { eventType: m.eventType, expression: m.expression }, action: 'UpdateMetricAttribution' });
  }
  for (const name of remove.filter((n) => !wanted.has(n))) {
    const old = byName.get(name)!;
    changes.push({ field: `metrics.${name}`, from: { eventType: old.eventType, expression: old.expression }, to: null, action: 'UpdateMetricAttribution' });
  }
  const output = outputDiffers(configured.metricsOutputConfig, current.metricsOutputConfig);
  if (output) changes.push({ field: 'metricsOutputConfig', from: current.metricsOutputConfig ?? null, to: configured.metricsOutputConfig, action: 'UpdateMetricAttribution' });
  if (changes.length === 0) return { changes, refused: [], updateUnderWay: false };
  return {
    changes,
    refused: [],
    updateUnderWay: false,
    updateRequest: {
      ...(add.length ? { addMetrics: add.map((m) => ({ eventType: m.eventType, expression: m.expression, metricName: m.metricName })) } : {}),
      ...(remove.length ? { removeMetrics: remove } : {}),
      ...(output ? { metricsOutputConfig: configured.metricsOutputConfig } : {}),
    },
  };
}
