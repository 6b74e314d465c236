/** What a recipe is for: the recipe type (source: choosing-a-recipe page, "Amazon Personalize recipe types by use case"). */
export type RecipeType = 'USER_PERSONALIZATION' | 'PERSONALIZED_RANKING' | 'RELATED_ITEMS' | 'POPULAR_ITEMS' | 'USER_SEGMENTATION' | 'PERSONALIZED_ACTIONS';

/** Whether GetRecommendations takes an id: source: the use case pages' "Required", "Required only if ...", "Not used". */
export type RequestField = 'REQUIRED' | 'OPTIONAL' | 'NOT_USED';

/** One predefined recipe. */
export interface RecipeInfo {
  readonly type: RecipeType;
  /** Set for domain use cases (recommenders), absent for custom recipes (solutions). */
  readonly domain?: 'ECOMMERCE' | 'VIDEO_ON_DEMAND';
  /**
   * A use case's GetRecommendations requirements: source: VIDEO_ON_DEMAND-use-cases and ECOMMERCE-use-cases pages,
   * "GetRecommendations requirements" (OPTIONAL: "Required only if you filter by CurrentUser").
   */
  readonly request?: { readonly userId: RequestField; readonly itemId: RequestField };
  /** Whether trainingMode UPDATE is allowed: source: CreateSolutionVersionRequest.trainingMode (User-Personalization or legacy HRNN-Coldstart). */
  readonly supportsUpdate?: boolean;
  /** Legacy recipe: source: choosing-a-recipe page, "Legacy HRNN recipes". */
  readonly legacy?: boolean;
}

/**
 * The recipes the emulated service knows, by name. Custom recipes: source: choosing-a-recipe page topics and each
 * recipe page's "Name" property. Domain use cases: source: VIDEO_ON_DEMAND-use-cases and ECOMMERCE-use-cases pages.
 */
export const RECIPES: Record<string, RecipeInfo> = {
  'aws-user-personalization-v2': { type: 'USER_PERSONALIZATION' },
  'aws-user-personalization': { type: 'USER_PERSONALIZATION', supportsUpdate: true },
  'aws-trending-now': { type: 'POPULAR_ITEMS' },
  'aws-popularity-count': { type: 'POPULAR_ITEMS' },
  'aws-personalized-ranking-v2': { type: 'PERSONALIZED_RANKING' },
  'aws-personalized-ranking': { type: 'PERSONALIZED_RANKING' },
  'aws-semantic-similarity': { type: 'RELATED_ITEMS' },
  'aws-similar-items': { type: 'RELATED_ITEMS' },
  'aws-sims': { type: 'RELATED_ITEMS' },
  // Source: GetActionRecommendations doc: "a solution version trained with a PERSONALIZED_ACTIONS recipe" (Next-Best-Action).
  'aws-next-best-action': { type: 'PERSONALIZED_ACTIONS' },
  'aws-item-affinity': { type: 'USER_SEGMENTATION' },
  'aws-item-attribute-affinity': { type: 'USER_SEGMENTATION' },
  'aws-hrnn': { type: 'USER_PERSONALIZATION', legacy: true },
  'aws-hrnn-metadata': { type: 'USER_PERSONALIZATION', legacy: true },
  'aws-hrnn-coldstart': { type: 'USER_PERSONALIZATION', supportsUpdate: true, legacy: true },
  'aws-vod-because-you-watched-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND', request: { userId: 'REQUIRED', itemId: 'REQUIRED' } },
  'aws-vod-more-like-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND', request: { userId: 'REQUIRED', itemId: 'REQUIRED' } },
  'aws-vod-most-popular': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND', request: { userId: 'REQUIRED', itemId: 'NOT_USED' } },
  'aws-vod-trending-now': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND', request: { userId: 'OPTIONAL', itemId: 'NOT_USED' } },
  'aws-vod-top-picks': { type: 'USER_PERSONALIZATION', domain: 'VIDEO_ON_DEMAND', request: { userId: 'REQUIRED', itemId: 'NOT_USED' } },
  'aws-ecomm-popular-items-by-views': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE', request: { userId: 'REQUIRED', itemId: 'NOT_USED' } },
  'aws-ecomm-popular-items-by-purchases': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE', request: { userId: 'REQUIRED', itemId: 'NOT_USED' } },
  'aws-ecomm-frequently-bought-together': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE', request: { userId: 'OPTIONAL', itemId: 'REQUIRED' } },
  'aws-ecomm-customers-who-viewed-x-also-viewed': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE', request: { userId: 'REQUIRED', itemId: 'REQUIRED' } },
  'aws-ecomm-recommended-for-you': { type: 'USER_PERSONALIZATION', domain: 'ECOMMERCE', request: { userId: 'REQUIRED', itemId: 'NOT_USED' } },
};

/** What item recipes report: source: working-with-training-metrics page, the example response (User-Personalization). */
const RANKING_METRICS = [
  'coverage', 'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5', 'normalized_discounted_cumulative_gain_at_10', 'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5', 'precision_at_10', 'precision_at_25',
];

/**
 * The metrics GetSolutionMetrics reports for a version of this recipe (source: working-with-training-metrics page,
 * "Metric definitions"): MRR not for PERSONALIZED_ACTIONS or USER_SEGMENTATION; Next-Best-Action `precision` "instead
 * of precision at K", `recall`, area under the curve; USER_SEGMENTATION hit and recall; Trending-Now trend prediction
 * accuracy; coverage of items, actions or users; `average_rewards_at_k` with an optimization objective,
 * `normalized_discounted_cumulative_gain_with_event_weights_at_k` with an events configuration. Strict, the page
 * being silent: the keys it gives no response for are its headings in snake case, and Trending-Now reports its own
 * figure only. AutoML (no recipe) picks a USER_PERSONALIZATION recipe.
 */
export function metricsOfRecipe(
  recipeArn: string | undefined, solutionConfig: { optimizationObjective?: unknown; eventsConfig?: unknown } = {},
): string[] {
  const name = recipeArn === undefined ? 'aws-user-personalization' : recipeNameOf(recipeArn) ?? '';
  const type = RECIPES[name]?.type;
  const base = name === 'aws-trending-now' ? ['trend_prediction_accuracy']
    : type === 'USER_SEGMENTATION' ? ['coverage', 'hit', 'recall']
      : type === 'PERSONALIZED_ACTIONS' ? ['coverage', ...RANKING_METRICS.filter((m) => m.startsWith('normalized_')), 'precision', 'recall', 'area_under_the_curve']
        : RANKING_METRICS;
  return [
    ...base,
    ...(solutionConfig.optimizationObjective ? ['average_rewards_at_k'] : []),
    ...(solutionConfig.eventsConfig ? ['normalized_discounted_cumulative_gain_with_event_weights_at_k'] : []),
  ];
}

/** The recipe name of a recipe ARN (`arn:aws:personalize:::recipe/<name>`), or undefined for another format. */
export function recipeNameOf(arn: string | undefined): string | undefined {
  const match = /^arn:aws[a-z-]*:personalize:::recipe\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/.exec(arn ?? '');
  return match?.[1];
}
