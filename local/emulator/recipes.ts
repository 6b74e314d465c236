/** What a recipe is for: the recipe type (source: choosing-a-recipe page, "Amazon Personalize recipe types by use case"). */
export type RecipeType = 'USER_PERSONALIZATION' | 'PERSONALIZED_RANKING' | 'RELATED_ITEMS' | 'POPULAR_ITEMS' | 'USER_SEGMENTATION' | 'PERSONALIZED_ACTIONS';

/** One predefined recipe. */
export interface RecipeInfo {
  readonly type: RecipeType;
  /** Set for domain use cases (recommenders), absent for custom recipes (solutions). */
  readonly domain?: 'ECOMMERCE' | 'VIDEO_ON_DEMAND';
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
  'aws-vod-because-you-watched-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-more-like-x': { type: 'RELATED_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-most-popular': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-trending-now': { type: 'POPULAR_ITEMS', domain: 'VIDEO_ON_DEMAND' },
  'aws-vod-top-picks': { type: 'USER_PERSONALIZATION', domain: 'VIDEO_ON_DEMAND' },
  'aws-ecomm-popular-items-by-views': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-popular-items-by-purchases': { type: 'POPULAR_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-frequently-bought-together': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-customers-who-viewed-x-also-viewed': { type: 'RELATED_ITEMS', domain: 'ECOMMERCE' },
  'aws-ecomm-recommended-for-you': { type: 'USER_PERSONALIZATION', domain: 'ECOMMERCE' },
};

/** The recipe name of a recipe ARN (`arn:aws:personalize:::recipe/<name>`), or undefined for another format. */
export function recipeNameOf(arn: string | undefined): string | undefined {
  const match = /^arn:aws[a-z-]*:personalize:::recipe\/([a-zA-Z0-9][a-zA-Z0-9\-_]*)$/.exec(arn ?? '');
  return match?.[1];
}
