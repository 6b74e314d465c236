// Which metrics GetSolutionMetrics reports, by recipe: facts the validator (lambda/shared/config/recipe-metrics.ts)
// checks a metrics gate against, and the construct's metrics gate and model metrics list (src/model-checks/metrics-gate.ts).
// Sources and the strict readings: lambda/shared/config/recipe-metrics.ts. Plain data, no aws-cdk-lib import.

/** What item-ranking recipes report: the page's example response (User-Personalization). @internal */
export const RANKING_METRICS: readonly string[] = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5',
  'precision_at_10',
  'precision_at_25',
];
/** What USER_SEGMENTATION recipes report (hit and recall at K, K the top 1 % of users). @internal */
export const SEGMENTATION_METRICS: readonly string[] = ['coverage', 'hit', 'recall'];
/** What Trending-Now reports. @internal */
export const TRENDING_METRICS: readonly string[] = ['trend_prediction_accuracy'];
/** What Next-Best-Action reports (`precision` instead of precision at K, `recall`, the area under the curve). @internal */
export const ACTION_METRICS: readonly string[] = [
  'coverage',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision',
  'recall',
  'area_under_the_curve',
];

/** The metrics by recipe name; a recipe not listed is left to the service (no rule for what is not known). @internal */
export const METRICS_BY_RECIPE: Readonly<Record<string, readonly string[]>> = {
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

/** Reported with an optimization objective (`solutionConfig.optimizationObjective`). @internal */
export const OBJECTIVE_METRIC = 'average_rewards_at_k';
/** Reported with an events configuration (`solutionConfig.eventsConfig`). @internal */
export const EVENT_WEIGHTS_METRIC = 'normalized_discounted_cumulative_gain_with_event_weights_at_k';

/** Every metric some recipe reports, each once, in a fixed order (the gate's and the config's `SolutionMetricName`). @internal */
export const SOLUTION_METRICS: readonly string[] = [...new Set([
  ...RANKING_METRICS, OBJECTIVE_METRIC, EVENT_WEIGHTS_METRIC, ...TRENDING_METRICS, ...SEGMENTATION_METRICS, ...ACTION_METRICS,
])];
