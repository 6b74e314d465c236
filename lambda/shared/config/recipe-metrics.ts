import { DeployedFeatures } from './deployed-features';
import { PipelineConfig, SolutionServiceConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';
import { EVENT_WEIGHTS_METRIC, METRICS_BY_RECIPE, OBJECTIVE_METRIC } from '../../../src/contract/solution-metrics';

/*
 * Which metrics GetSolutionMetrics reports for a solution version depends on its recipe (developer guide,
 * "Evaluating a solution version with metrics", Metric definitions,
 * https://docs.aws.amazon.com/personalize/latest/dg/working-with-training-metrics.html): mean reciprocal rank is
 * not generated for PERSONALIZED_ACTIONS or USER_SEGMENTATION recipes; Next-Best-Action generates `precision`
 * "instead of precision at K", `recall` and the area under the curve; USER_SEGMENTATION recipes report hit and recall
 * (at K, K the top 1% of users); Trending-Now the trend prediction accuracy; coverage is reported for items, actions
 * and users; `average_rewards_at_k` comes with an optimization objective and
 * `normalized_discounted_cumulative_gain_with_event_weights_at_k` with an events configuration. The page shows a
 * response only for User-Personalization, so the other keys are its headings in snake case (`hit`, `recall`,
 * `precision`, `area_under_the_curve`, `trend_prediction_accuracy`): the strict reading, the page being silent. A
 * gate on a metric the recipe does not report would reject every version, so it is refused before anything is
 * created, with the metrics the recipe reports.
 */

/**
 * The metrics a solution's versions report, undefined when its recipe is not in the table. AutoML picks among
 * USER_PERSONALIZATION recipes (API reference, CreateSolution, performAutoML), which report the ranking metrics.
 */
export function metricsReportedBy(serviceConfig: SolutionServiceConfig): readonly string[] | undefined {
  const recipe = serviceConfig.recipeArn ? serviceConfig.recipeArn.split('/').pop() ?? '' : 'aws-user-personalization';
  const base = METRICS_BY_RECIPE[recipe];
  if (!base) return undefined;
  const solutionConfig = serviceConfig.solutionConfig ?? {};
  return [
    ...base,
    ...(solutionConfig.optimizationObjective ? [OBJECTIVE_METRIC] : []),
    ...(solutionConfig.eventsConfig ? [EVENT_WEIGHTS_METRIC] : []),
  ];
}

/** A solution's metrics gate compares a metric its recipe reports. */
export function gateMetricsFitRecipe(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  return (config.solutions ?? []).flatMap((solution, i) => {
    const metric = solution.metricsGate?.metric;
    const reported = metricsReportedBy(solution.serviceConfig);
    if (!metric || !reported || reported.includes(metric)) return [];
    const recipe = solution.serviceConfig.recipeArn ?? 'AutoML (a USER_PERSONALIZATION recipe)';
    return [{
      path: `solutions[${i}].metricsGate.metric`,
      message: `must be a metric that solution versions of recipe "${recipe}" report (${reported.join(', ')}), got: "${metric}"; `
        + 'a gate on a metric the versions lack would reject every version',
    }];
  });
}
