import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { MonitoredCampaign, MonitoredDatasetGroup, MonitoredRecommender, MonitoredSolution } from './monitored-resource-options';

/**
 * The dimensions of the model metrics the training flow publishes (names, not ARNs, so a dashboard written by hand can
 * name them). @internal
 */
export const MODEL_DIMENSIONS = { datasetGroup: 'DatasetGroup', solution: 'Solution', campaign: 'Campaign' };
/** The count of ACTIVE versions a run trained (1) or reused (0), the stale-model alarm's metric. @internal */
export const MODEL_TRAINED_METRIC = 'ModelTrained';
/** The metrics gate's verdict: 1 rejected, 0 passed. @internal */
export const GATE_REJECTED_METRIC = 'MetricsGateRejected';

/** The default metrics namespace of a pipeline: one per construct path, so two pipelines never share one. @internal */
export function defaultMetricsNamespace(scope: Construct): string {
  return `PersonalizeMlOps/${scope.node.path}`.slice(0, 255);
}

/**
 * The dataset groups, solutions, campaigns and recommenders that the schedules' inline configs name (the only configs
 * known at synth time), with the `minProvisionedTPS` and `maxAge` they set. Configs that do not parse are left out
 * (the schedules validate them). @internal
 */
export function monitoredFromConfigs(configs: string[]): MonitoredDatasetGroup[] {
  const groups: MonitoredDatasetGroup[] = [];
  for (const text of configs) {
    let config: any;
    try {
      config = JSON.parse(text);
    } catch {
      continue;
    }
    const name = config?.datasetGroup?.serviceConfig?.name;
    if (typeof name !== 'string') continue;
    const solutions = Array.isArray(config.solutions) ? config.solutions : [];
    // `solutionVersion.maxAge`, e.g. "7 days" or "1 week" (the config's MaxAge); kept when it is whole days, 1 to 7.
    const maxAge = (solution: any) => {
      const m = /^(\d+) (day|week)s?$/.exec(String(solution?.solutionVersion?.maxAge ?? ''));
      const days = m ? Number(m[1]) * (m[2] === 'week' ? 7 : 1) : NaN;
      return days >= 1 && days <= 7 ? Duration.days(days) : undefined;
    };
    groups.push({
      name,
      solutions: solutions.filter((s: any) => typeof s?.serviceConfig?.name === 'string').map((s: any) => ({ name: s.serviceConfig.name, maxAge: maxAge(s) })),
      campaigns: solutions.flatMap((s: any) => (Array.isArray(s?.campaigns) ? s.campaigns : []))
        .filter((c: any) => typeof c?.serviceConfig?.name === 'string')
        .map((c: any) => ({ name: c.serviceConfig.name, minProvisionedTPS: c.serviceConfig.minProvisionedTPS ?? 1 })),
      recommenders: (Array.isArray(config.recommenders) ? config.recommenders : [])
        .filter((r: any) => typeof r?.serviceConfig?.name === 'string')
        .map((r: any) => ({
          name: r.serviceConfig.name,
          minRecommendationRequestsPerSecond: r.serviceConfig.recommenderConfig?.minRecommendationRequestsPerSecond ?? 1,
        })),
    });
  }
  return groups;
}

/** Merges lists of watched groups by name; a resource listed twice keeps its first entry. @internal */
export function mergeMonitored(...lists: Array<MonitoredDatasetGroup[] | undefined>): MonitoredDatasetGroup[] {
  const byName = new Map<string, { solutions: MonitoredSolution[]; campaigns: MonitoredCampaign[]; recommenders: MonitoredRecommender[] }>();
  const add = <T extends { name: string }>(into: T[], items: T[] | undefined) => {
    for (const item of items ?? []) if (!into.some((known) => known.name === item.name)) into.push(item);
  };
  for (const group of lists.flatMap((l) => l ?? [])) {
    const entry = byName.get(group.name) ?? { solutions: [], campaigns: [], recommenders: [] };
    add(entry.solutions, group.solutions);
    add(entry.campaigns, group.campaigns);
    add(entry.recommenders, group.recommenders);
    byName.set(group.name, entry);
  }
  return [...byName.entries()].map(([name, entry]) => ({ name, ...entry }));
}

/** Checks the watched resources: each problem names the prop and the value. @internal */
export function validateMonitored(groups: MonitoredDatasetGroup[], prop: string): void {
  groups.forEach((group, i) => {
    const at = `${prop}[${i}]`;
    if (!Token.isUnresolved(group.name) && !/^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/.test(group.name)) throw new Error(`${at}.name must be a dataset group name, got: ${group.name}`);
    (group.campaigns ?? []).forEach((c, j) => {
      if (c.minProvisionedTPS !== undefined && (!Number.isInteger(c.minProvisionedTPS) || c.minProvisionedTPS < 1)) {
        throw new Error(`${at}.campaigns[${j}].minProvisionedTPS must be an integer of at least 1, got: ${c.minProvisionedTPS}`);
      }
    });
    (group.recommenders ?? []).forEach((r, j) => {
      const min = r.minRecommendationRequestsPerSecond;
      if (min !== undefined && (!Number.isInteger(min) || min < 1)) throw new Error(`${at}.recommenders[${j}].minRecommendationRequestsPerSecond must be an integer of at least 1, got: ${min}`);
    });
    (group.solutions ?? []).forEach((s, j) => {
      if (s.maxAge !== undefined) wholeDays(s.maxAge, `${at}.solutions[${j}].maxAge`);
    });
  });
}

/** A Duration of whole days, 1 to 7 (an alarm evaluates at most 7 days: CloudWatch PutMetricAlarm, EvaluationPeriods). @internal */
export function wholeDays(duration: Duration, prop: string): number {
  if (duration.isUnresolved()) throw new Error(`${prop} must be a literal duration`);
  const days = duration.toHours({ integral: false }) / 24;
  if (!Number.isInteger(days) || days < 1 || days > 7) {
    throw new Error(`${prop} must be whole days from 1 to 7 (a CloudWatch alarm evaluates at most 7 days), got: ${duration.toHumanString()}`);
  }
  return days;
}

/** A Personalize ARN of this stack's account and region. @internal */
export function personalizeArn(scope: Construct, type: string, name: string): string {
  return Stack.of(scope).formatArn({ service: 'personalize', resource: type, resourceName: name });
}

/**
 * The requests of a campaign (GetRecommendations plus GetPersonalizedRanking, each missing period 0) or of a
 * recommender (GetRecommendations), as requests per second over `period`: Amazon Personalize developer guide,
 * "CloudWatch metrics for Amazon Personalize" (Sum only; dimension CampaignArn; the recommender dimension
 * RecommenderArn is assumed, see cost-autopilot.ts). @internal
 */
export function requestsPerSecond(scope: Construct, kind: 'campaign' | 'recommender', name: string, period: Duration, label?: string): cloudwatch.MathExpression {
  const arn = personalizeArn(scope, kind, name);
  const dimension = kind === 'campaign' ? 'CampaignArn' : 'RecommenderArn';
  const metric = (metricName: string) => new cloudwatch.Metric({
    namespace: 'AWS/Personalize', metricName, dimensionsMap: { [dimension]: arn }, statistic: cloudwatch.Stats.SUM, period,
  });
  const seconds = period.toSeconds();
  return kind === 'campaign'
    ? new cloudwatch.MathExpression({
      expression: `(FILL(recommendations, 0) + FILL(ranking, 0)) / ${seconds}`,
      usingMetrics: { recommendations: metric('GetRecommendations'), ranking: metric('GetPersonalizedRanking') },
      period,
      label: label ?? name,
    })
    : new cloudwatch.MathExpression({ expression: `FILL(requests, 0) / ${seconds}`, usingMetrics: { requests: metric('GetRecommendations') }, period, label: label ?? name });
}

/** A model metric the training flow publishes for one solution. @internal */
export function modelMetric(
  namespace: string, group: string, solution: string, metricName: string, statistic: string, period: Duration,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    statistic,
    period,
    dimensionsMap: { [MODEL_DIMENSIONS.datasetGroup]: group, [MODEL_DIMENSIONS.solution]: solution },
  });
}
