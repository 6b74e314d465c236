import { DeployedFeatures } from './deployed-features';
import { PipelineConfig, SolutionServiceConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

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

/** What item-ranking recipes report: the page's example response (User-Personalization). */
const RANKING_METRICS = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5',
  'precision_at_10',
  'precision_at_25',
];
const SEGMENTATION_METRICS = ['coverage', 'hit', 'recall'];
const TRENDING_METRICS = ['trend_prediction_accuracy'];
const ACTION_METRICS = [
  'coverage',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision',
  'recall',
  'area_under_the_curve',
];

/** The metrics by recipe name; a recipe not listed is left to the service (no rule for what is not known). */
const METRICS_BY_RECIPE: Readonly<Record<string, readonly string[]>> = {
  'aws-user-personalization': RANKING_METRICS,
  'aws-user-personalization-v2': RANKING_METRICS,
  'aws-hrnn': RANKING_METRICS,
  'aws-hrnn-metadata': RANKING_METRICS,
  'aws-hrnn-coldstart': RANKING_METRICS,
  'aws-popularity-count': RANKING_METRICS,
  'aws-personalized-ranking': RANKING_METRICS,
  'aws-personalized-ranking-v2': RANKING_METRICS,
  'aws-similar-items': RANKING_METRICS,
  'aws-sims': RANKING_METRICS,
  'aws-semantic-similarity': RANKING_METRICS,
  'aws-trending-now': TRENDING_METRICS,
  'aws-item-affinity': SEGMENTATION_METRICS,
  'aws-item-attribute-affinity': SEGMENTATION_METRICS,
  'aws-next-best-action': ACTION_METRICS,
};

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
    ...(solutionConfig.optimizationObjective ? ['average_rewards_at_k'] : []),
    ...(solutionConfig.eventsConfig ? ['normalized_discounted_cumulative_gain_with_event_weights_at_k'] : []),
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
