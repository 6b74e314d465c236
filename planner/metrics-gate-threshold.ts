import { PlanContext } from './plan-context';
import { MetricsGateThreshold } from './preflight-result';
import { MetricsGate } from '../lambda/shared/config/pipeline-config';

/** The served-version form of a campaign that follows its solution's latest version (API reference, UpdateCampaign). */
const FOLLOWS_LATEST = /\/\$LATEST$/;

/**
 * The metrics gate's bar for a campaign that serves `servedVersionArn`: that version's metric (GetSolutionMetrics)
 * less the margin. Undefined when the campaign serves no one version (`<solution>/$LATEST`) or the version has no
 * such metric: the gate then reads the version the campaign serves when it runs, with margin 0.
 */
export async function metricsGateThreshold(
  ctx: PlanContext, gate: MetricsGate, servedVersionArn: string | undefined,
): Promise<MetricsGateThreshold | undefined> {
  if (!servedVersionArn || FOLLOWS_LATEST.test(servedVersionArn)) return undefined;
  const current = (await ctx.reader.solutionMetrics(servedVersionArn))?.[gate.metric];
  if (typeof current !== 'number') return undefined;
  // Rounded to 10 decimals: 0.2234 - 0.01 is 0.21339999999999998 in binary floating point, and the service reports
  // metrics with 4 decimals at most, so the rounding changes no verdict and keeps the number readable.
  const value = Math.round((current - (gate.margin ?? 0)) * 1e10) / 1e10;
  return { solutionVersionArn: servedVersionArn, value, current };
}

/** A metric's short name for verdicts: `normalized_discounted_cumulative_gain_at_10` is `ndcg@10`. */
export function shortMetricName(metric: string): string {
  return metric
    .replace('normalized_discounted_cumulative_gain', 'ndcg')
    .replace('mean_reciprocal_rank', 'mrr')
    .replace(/_at_(\d+)$/, '@$1');
}

/**
 * The condition a move to the execution's version must meet, for the campaign's verdict, e.g. "if the new version's
 * ndcg@10 ≥ 0.2134 (0.2234 − 0.01)".
 */
export function metricsGateText(gate: MetricsGate, servedVersionArn: string, threshold: MetricsGateThreshold | undefined): string {
  const metric = shortMetricName(gate.metric);
  const floor = gate.floor === undefined ? '' : ` or ≥ the floor ${gate.floor}`;
  if (FOLLOWS_LATEST.test(servedVersionArn)) return 'the metrics gate does not apply: the campaign follows the solution\'s latest version';
  if (!threshold) return `the metrics gate will reject it: version ${servedVersionArn} reports no ${gate.metric}`;
  const margin = gate.margin ? `${threshold.current} − ${gate.margin}` : 'the current version\'s';
  return `if the new version's ${metric} ≥ ${threshold.value} (${margin})${floor}`;
}
